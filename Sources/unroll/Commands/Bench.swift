import ArgumentParser
import Foundation
import UnrollEngine

/// `unroll bench`: speed and memory figures, measured on this machine.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure speed and memory.",
        subcommands: [BenchEngine.self, BenchUI.self, BenchSoak.self])
}

/// Times one forward + BPTT step (with per-step ‖dL/dh_t‖, ‖dL/dc_t‖) for several shapes.
struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Time one forward + BPTT step per shape (cell:H:T:batch, input/output size 4, MSE every step).")

    static let defaultShapes = ["rnn:8:100:1", "lstm:8:100:1", "lstm:32:100:1", "gru:32:100:1",
                                "lstm:128:100:1", "lstm:32:100:32", "lstm:256:50:16", "lstm:512:50:32",
                                "gru:256:100:16", "diagnostics:lstm:32:100:1"]

    @Argument(help: "Shapes to time (default: the standard set). `diagnostics:CELL:H:T:1` times the Jacobian diagnostics.")
    var shapes: [String] = []

    @Flag(help: "One JSON object per line.")
    var json = false

    @Option(help: "Seconds to spend on each shape.")
    var seconds: Double = 1.0

    func run() throws {
        let all = shapes.isEmpty ? Self.defaultShapes : shapes
        for shape in all { _ = Self.parse(shape) }  // every shape checked before any timing
        #if DEBUG
        printError("this is a debug build; use `swift run -c release unroll bench engine` for real figures")
        #endif
        let peak = EngineSpeed.oneCorePeak()
        if json {
            Out.line("{\"peak_gflops\": \(peak.gflops), \"peak_method\": \"\(peak.method)\", \"large_layers\": \"\(EngineSpeed.largeLayerKernel)\", \"other_products\": \"\(BLAS.isLoaded ? "openblas" : "swift")\"}")
        } else {
            Out.line("large layers (B·G·H·H ≥ 2^20 multiply–adds per step, B and H ≥ 4): \(EngineSpeed.largeLayerKernel)")
            Out.line("other matrix products: \(BLAS.backend)")
            Out.line(String(format: "one-core peak: %.1f GFLOP/s (%@)", peak.gflops, peak.method))
        }
        for shape in all {
            let result = try measure(shape)
            let gflops = Self.flops(shape).map { $0 / result.perStep / 1e9 }
            if json {
                Out.line("{\"shape\": \"\(shape)\", \"seconds_per_step\": \(result.perStep), \"repetitions\": \(result.repetitions), "
                         + "\"gflops\": \(gflops.map { "\($0)" } ?? "null"), \"backend\": \"\(BLAS.isLoaded ? "openblas" : "swift")\"}")
            } else {
                Out.line(shape.padding(toLength: 28, withPad: " ", startingAt: 0)
                      + String(format: "%10.3f ms per step  (best of %d runs)", result.perStep * 1000, result.repetitions)
                      + (gflops.map { String(format: "  %6.1f GFLOP/s", $0) } ?? ""))
            }
        }
    }

    /// Floating-point operations of one forward + BPTT step in its matrix products (a
    /// multiply–add counts 2): W_ih x and W_hh h forward, the same two products again for dx and
    /// dh, and once more for dW, plus the read-out's three; nil for the diagnostics.
    static func flops(_ shape: String) -> Double? {
        let (diagnostics, cell, H, T, B) = parse(shape)
        if diagnostics { return nil }
        let I = 4.0, O = 4.0, G = Double(cell.gateCount)
        let h = Double(H), steps = Double(T * B)
        return steps * (3 * 2 * G * h * (I + h) + 3 * 2 * O * h)
    }

    struct Measurement { var perStep: Double; var repetitions: Int }

    /// `[diagnostics:]CELL:H:T:BATCH`, or an exit with status 2.
    static func parse(_ shape: String) -> (diagnostics: Bool, cell: CellKind, H: Int, T: Int, B: Int) {
        var parts = shape.split(separator: ":").map(String.init)
        let diagnostics = parts.first == "diagnostics"
        if diagnostics { parts.removeFirst() }
        guard parts.count == 4, let cell = CellKind(rawValue: parts[0]),
              let H = Int(parts[1]), let T = Int(parts[2]), let B = Int(parts[3]) else {
            fail("bad shape '\(shape)': expected CELL:H:T:BATCH, e.g. lstm:32:100:1")
        }
        return (diagnostics, cell, H, T, B)
    }

    func measure(_ shape: String) throws -> Measurement {
        let (diagnostics, cell, H, T, B) = Self.parse(shape)
        let cfg = ModelConfig(cell: cell, activation: .tanh, inputSize: 4, hiddenSize: H, outputSize: 4)
        let model: Model
        do {
            try cfg.validateRun(steps: T, batch: B)
            model = try Model.initialized(cfg, InitSettings(seed: 1))
        } catch let e as EngineError { fail("\(shape): \(e.message)") }
        var rng = SeededRandom(seed: 2)
        let examples = (0..<B).map { _ in
            Example(input: .vectors((0..<T).map { _ in (0..<4).map { _ in rng.uniform(-1, 1) } }),
                    target: .values((0..<T).map { _ in (0..<4).map { _ in rng.uniform(-1, 1) } }))
        }
        let trace = try Network.forward(model, examples)
        var best = Double.infinity
        var reps = 0
        let budget = Date().addingTimeInterval(seconds)
        repeat {
            let start = DispatchTime.now().uptimeNanoseconds
            if diagnostics {
                let flow = GradientFlow.compute(model, trace)
                precondition(flow.reach.count == T)
            } else {
                let t = try Network.forward(model, examples)
                let back = Network.backward(model, t)
                precondition(back.hiddenGradientNorms[0].count == T)
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, elapsed)
            reps += 1
        } while Date() < budget || reps < 3
        return Measurement(perStep: best, repetitions: reps)
    }
}
