import Foundation
import Testing
import UnrollApp
import UnrollDraw
import UnrollLessons

/// Builds states and frames for the app tests.
enum AppTest {
    /// A lesson with three pages and no data files (the adding task), as the app ships it.
    static let lesson: Lesson = BuiltinLesson.lesson

    /// A state on the built-in lesson at a size.
    static func state(width: Int = 80, height: Int = 24, page: Int = 0, lessons: [Lesson] = [lesson]) -> AppState {
        AppState(lessons: lessons, lessonIndex: 0, page: page, dataDirectory: nil, width: width, height: height)
    }

    /// Plays a key script.
    static func play(_ script: String, on state: AppState) throws -> (AppState, [Effect]) {
        Update.run(try Key.parse(script: script), from: state)
    }

    /// One clock tick that runs exactly `updates` training updates per training panel and
    /// plays `steps` steps of an animation (at the default pace).
    static func tick(_ s: AppState, updates: Int = 0, steps: Int = 0) -> AppState {
        let ms = max(updates * 1000 / Int(Pace.updatesPerSecond[Pace.defaultLevel]),
                     steps * 1000 / Int(Pace.stepsPerSecond[Pace.defaultLevel]))
        return update(s, .tick(milliseconds: ms, budget: updates)).0
    }

    /// The frame as text lines (monochrome, UTF-8 glyphs: what `unroll render` prints).
    static func lines(_ state: AppState) -> [String] {
        view(state, width: state.width, height: state.height, glyphs: .utf8, mode: .monochrome).plainLines()
    }

    /// The folder of golden snapshots.
    static var snapshotDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    /// Compares a frame against `Snapshots/<name>.txt`; records it when missing or when
    /// `UNROLL_UPDATE_SNAPSHOTS=1`.
    static func assertSnapshot(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = snapshotDirectory.appendingPathComponent(name + ".txt")
        let text = lines.joined(separator: "\n") + "\n"
        let update = ProcessInfo.processInfo.environment["UNROLL_UPDATE_SNAPSHOTS"] == "1"
        guard !update, let golden = try? String(contentsOf: url, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: snapshotDirectory, withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        if golden != text {
            let g = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let t = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(g, t).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(g.count, t.count)
            let want = first < g.count ? String(g[first]) : "<none>"
            let got = first < t.count ? String(t[first]) : "<none>"
            Issue.record("snapshot \(name) differs at line \(first + 1):\n want: \(want)\n  got: \(got)", sourceLocation: sourceLocation)
        }
    }
}
