import ArgumentParser
import Foundation
import UnrollApp
import UnrollDraw

/// `unroll record LESSON --keys … --output demo.cast`: an asciicast v2 recording of a lesson page.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a lesson page and a key script as an asciicast v2 file (asciinema's format, for web pages).",
        discussion: """
        The recording opens the page, shows it for --delay seconds, then presses each key of --keys \
        in turn. After a key, animations and training play at the screen's pace (+ in the keys \
        speeds it up) with a frame every 0.1 s; whatever is still running after --max-wait seconds \
        is played to its end at once, so the last frame is the one `unroll render --finish` prints \
        for the same keys. Frames are ANSI output (256 colours), only what changed since the \
        previous frame. Keys after a quit (q) are ignored.
        """)

    @Argument(help: "The lesson: an id, a number (\"8\") or a path to a .md file.")
    var lesson: String

    @Option(help: "The page (1-based).")
    var page: Int = 1

    @Option(help: "The key script, as for `unroll render` (e.g. \"b<right><right>t\").")
    var keys: String = ""

    @Option(help: "The terminal size, COLSxROWS.")
    var size: String = "100x30"

    @Option(help: "Seconds each screen is shown before the next key.")
    var delay: Double = 1.0

    @Option(help: "Seconds of animation and training played after a key before jumping to its end.")
    var maxWait: Double = 20

    @Option(help: "The .cast file to write (default: standard output).")
    var output: String?

    @OptionGroup var options: LessonOptions

    /// Seconds between frames while something plays.
    static let frameInterval = 0.1

    func run() throws {
        let (w, h) = LessonCommand.size(size)
        let script = LessonCommand.keys(keys)
        guard delay.isFinite, (0...60).contains(delay) else { fail("--delay \(delay) is out of range (0…60 seconds)") }
        guard maxWait.isFinite, (0...3600).contains(maxWait) else { fail("--max-wait \(maxWait) is out of range (0…3600 seconds)") }
        if script.contains(where: { if case .resize = $0 { true } else { false } }) {
            fail("--keys: <resize:…> can't be recorded (a recording has one size); use --size")
        }
        var s = options.open(lesson, page: page).state(width: w, height: h)
        var cast = Asciicast(width: w, height: h, title: "unroll — \(s.lesson.title), page \(page)",
                             timestamp: Int(Date().timeIntervalSince1970))
        func frame(_ s: AppState) -> Buffer { view(s, width: w, height: h, glyphs: .utf8, mode: .c256) }
        var t = 0.0
        cast.add(frame(s), at: t)
        for key in script {
            t += delay
            let (next, effects) = update(s, .key(key))
            s = next
            cast.add(frame(s), at: t)
            if effects.contains(.quit) { break }
            var played = 0.0
            while s.isBusy && played < maxWait {
                s = update(s, .tick(milliseconds: Int(Self.frameInterval * 1000), budget: .max)).0
                played += Self.frameInterval
                t += Self.frameInterval
                cast.add(frame(s), at: t)
            }
            if s.isBusy {
                s = Update.finish(s)
                t += Self.frameInterval
                cast.add(frame(s), at: t)
            }
        }
        cast.end(at: t + max(delay, 1))
        if let output { Out.file(cast.text, to: output) } else { Out.write(cast.text) }
    }
}
