import ArgumentParser
import Foundation
import UnrollApp
import UnrollDraw
import UnrollLab
import UnrollLessons

/// Resident memory of this process, from /proc (0 where unavailable).
func residentMegabytes(peak: Bool = false) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    let key = peak ? "VmHWM:" : "VmRSS:"
    for line in text.split(separator: "\n") where line.hasPrefix(key) {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

/// A lesson built in code for benchmarks: an LSTM with H = 32 on a T = 100 adding problem.
enum BenchLesson {
    static let text = """
    ---
    id: bench
    title: Benchmark LSTM
    model:
      cell: lstm
      hidden: 32
      seed: 3
    task:
      name: adding
      length: 100
    training:
      optimizer: adam
      lr: 0.01
      batch: 16
    ---

    ## The whole screen

    An LSTM with 32 units reading 100 steps: every row of the screen is busy.

    focus: gradient, hidden, cell, gates
    """

    static func lesson() throws -> Lesson {
        do { return try LessonLoader(vocabulary: nil).load(text: text, path: "bench.md") } catch {
            throw ValidationError("bench lesson: \(error.errors.map(\.description).joined(separator: "; "))")
        }
    }
}

/// `unroll bench ui`: frame time, toggle-to-frame time, start-up and memory.
struct BenchUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Frame time (state → buffer → diff) at 200×60 and 80×24, toggle-to-frame for an LSTM (H=32, T=100), start-up, memory.",
        discussion: "Times are medians; start-up is the best of five fresh `unroll render` processes; memory is this process's peak.")

    @Flag(help: "One JSON object per line.") var json = false
    @Option(help: "Frames to time at each size.") var frames = 300
    @OptionGroup var options: LessonOptions

    func run() throws {
        _ = options.location()  // a wrong --lessons is reported before the minutes of timing
        let lesson = try BenchLesson.lesson()
        var results: [(String, Double, String)] = []
        for (w, h) in [(200, 60), (80, 24)] {
            var s = AppState(lessons: [lesson], dataDirectory: nil, width: w, height: h)
            var previous: Buffer? = view(s, width: w, height: h, glyphs: .utf8, mode: .c256)
            var times: [Double] = []
            for i in 0..<frames {
                // Move the cursor so every frame differs from the last.
                s = update(s, .key(i % 100 < 50 ? .right : .left)).0
                let t0 = DispatchTime.now().uptimeNanoseconds
                let frame = view(s, width: w, height: h, glyphs: .utf8, mode: .c256)
                let runs = BufferDiff.changes(from: previous, to: frame)
                let t1 = DispatchTime.now().uptimeNanoseconds
                precondition(!runs.isEmpty || i == 0)
                previous = frame
                times.append(Double(t1 - t0) / 1e9)
            }
            results.append(("frame:\(w)x\(h)", median(times), "target ≤ 2 ms"))
        }
        // Toggle → new frame: ρ up/down (new weights, so forward, BPTT and the Jacobian
        // diagnostics are recomputed) and clipping (acts on updates only), timed separately.
        // The held-out figures of new weights (200 sequences) follow on the next tick, after the
        // frame: timed on their own line.
        for (name, heldOutName, keys) in [("toggle:radius:lstm:32:100", "toggle:radius:held-out", [Key.char("]"), .char("[")]),
                                          ("toggle:clip:lstm:32:100", "toggle:clip:held-out", [Key.char("g"), .char("g")])] {
            var s = AppState(lessons: [lesson], dataDirectory: nil, width: 200, height: 60)
            var times: [Double] = [], settling: [Double] = []
            for i in 0..<40 {
                let t0 = DispatchTime.now().uptimeNanoseconds
                s = update(s, .key(keys[i % keys.count])).0
                _ = view(s, width: 200, height: 60, glyphs: .utf8, mode: .c256)
                let t1 = DispatchTime.now().uptimeNanoseconds
                times.append(Double(t1 - t0) / 1e9)
                let pending = s.scene.hasPendingHeldOut
                s = Update.settleHeldOut(s)
                _ = view(s, width: 200, height: 60, glyphs: .utf8, mode: .c256)
                if pending { settling.append(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9) }
            }
            results.append((name, median(times), "target ≤ 10 ms"))
            if !settling.isEmpty {
                results.append((heldOutName, median(settling), "the next tick, after that frame: held-out figures of the new weights"))
            }
        }
        results.append(("startup:first-frame", try startup(), "target ≤ 150 ms"))
        results.append(("memory:resident-mb", residentMegabytes(peak: true), "target < 50 MB (peak of this process)"))
        for (name, value, note) in results {
            if json {
                let key = name.hasPrefix("memory") ? "megabytes" : "seconds"
                Out.line("{\"figure\": \"\(name)\", \"\(key)\": \(value)}")
            } else if name.hasPrefix("memory") {
                Out.line(name.padding(toLength: 27, withPad: " ", startingAt: 0) + String(format: "%8.1f MB   ", value) + "(\(note))")
            } else {
                Out.line(name.padding(toLength: 27, withPad: " ", startingAt: 0) + String(format: "%8.3f ms   ", value * 1000) + "(\(note))")
            }
        }
    }

    func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        return s.isEmpty ? .nan : s[s.count / 2]
    }

    /// Best of five: a fresh `unroll render` process (loading every lesson) to its first frame.
    func startup() throws -> Double {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var best = Double.infinity
        for _ in 0..<5 {
            let p = Process()
            p.executableURL = exe
            p.arguments = ["render", "1", "--size", "100x30", "--lessons", options.resolvedDirectory().path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            let t0 = DispatchTime.now().uptimeNanoseconds
            try p.run()
            p.waitUntilExit()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return best
    }
}

/// `unroll bench soak`: train and redraw for a long stretch; resident memory must not grow.
struct BenchSoak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Train and redraw for many iterations (default 100,000) and report resident memory along the way.")

    @Flag(help: "One JSON object per line.") var json = false
    @Option(help: "Iterations (one training step and one frame each).") var iterations = 100_000
    @Option(help: "Hidden units of the soaked LSTM.") var hidden = 8
    @Option(help: "Sequence length of the soaked task.") var length = 20

    func run() throws {
        guard (1...10_000_000).contains(iterations) else { throw ValidationError("--iterations must be in 1…10000000") }
        guard (1...256).contains(hidden), (2...1000).contains(length) else { throw ValidationError("--hidden 1…256, --length 2…1000") }
        let text = BenchLesson.text.replacingOccurrences(of: "hidden: 32", with: "hidden: \(hidden)")
            .replacingOccurrences(of: "length: 100", with: "length: \(length)")
            .replacingOccurrences(of: "batch: 16", with: "batch: 4")
        let lesson: Lesson
        do { lesson = try LessonLoader(vocabulary: nil).load(text: text, path: "soak.md") } catch {
            throw ValidationError("soak lesson: \(error.errors.map(\.description).joined(separator: "; "))")
        }
        var s = AppState(lessons: [lesson], dataDirectory: nil, width: 120, height: 40)
        s = update(s, .key(.char("t"))).0
        var previous: Buffer? = nil
        let start = Date()
        var report: [(Int, Double)] = []
        let checkpoints = Set(stride(from: 0, through: iterations, by: max(1, iterations / 10)))
        for i in 0...iterations {
            if checkpoints.contains(i) {
                let mb = residentMegabytes()
                report.append((i, mb))
                if json {
                    Out.line("{\"iteration\": \(i), \"resident_mb\": \(mb), \"seconds\": \(Date().timeIntervalSince(start))}")
                } else {
                    Out.line(String(format: "iteration %8d   resident %7.1f MB   %6.0f s", i, mb, Date().timeIntervalSince(start)))
                }
                fflush(nil)
            }
            if i == iterations { break }
            s = update(s, .tick(milliseconds: 10, budget: 1)).0
            if i % 997 == 0 { s = update(s, .key(i % 2 == 0 ? .right : .left)).0 }
            let frame = view(s, width: 120, height: 40, glyphs: .utf8, mode: .c256)
            _ = BufferDiff.changes(from: previous, to: frame)
            previous = frame
        }
        // Compare the second checkpoint (after warm-up) with the last.
        if report.count >= 3 {
            let growth = report[report.count - 1].1 - report[1].1
            let line = String(format: "growth after warm-up: %+.1f MB over %d iterations (trained %d steps)", growth,
                              iterations - report[1].0, s.training?.run.iteration ?? 0)
            if json { Out.line("{\"growth_mb\": \(growth), \"iterations\": \(iterations)}") } else { Out.line(line) }
        }
    }
}
