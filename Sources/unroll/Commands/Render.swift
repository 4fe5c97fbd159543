import ArgumentParser
import Foundation
import UnrollApp
import UnrollDraw
import UnrollLessons

/// `unroll render LESSON`: print the frame the terminal would show after a key script.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the screen for a lesson page after a scripted key sequence (headless).",
        discussion: """
        KEYS uses the key-script syntax: plain characters stand for themselves; <left> <right> <home> \
        <end> <up> <down> <pgup> <pgdn> <enter> <esc> <space> <tab> <bs> <lt> <C-x> and <resize:WxH> \
        are special. The frame is printed as plain text (monochrome glyphs), or with ANSI colours \
        when --color is given. Keys after a quit (q) are ignored.
        """)

    @Argument(help: "The lesson: an id, a number (\"8\") or a path to a .md file (or --model).")
    var lesson: String?

    @Option(parsing: .unconditional, help: "The page to open (1-based).")
    var page: Int = 1

    @Option(help: "A key script to play before printing, e.g. \"]]]b<right>\".")
    var keys: String = ""

    @Option(help: "The terminal size, COLSxROWS.")
    var size: String = "80x24"

    @Flag(help: "After each key, play animations and training to their end (what a student sees after waiting).")
    var finish = false

    @Flag(help: "Print ANSI colours (256-colour) instead of plain text.")
    var color = false

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @OptionGroup var options: LessonOptions

    @OptionGroup(title: "Your own model") var modelOptions: ModelOptions

    func run() throws {
        let (w, h) = LessonCommand.size(size)
        let script = LessonCommand.keys(keys)
        let start = LessonCommand.state(lesson: lesson, page: page, options: options, model: modelOptions, width: w, height: h)
        let s = LessonCommand.play(script, from: start, finish: finish)
        let mode: ColorMode = color ? .c256 : .monochrome
        let frame = view(s, width: s.width, height: s.height, glyphs: ascii ? .ascii : .utf8, mode: mode)
        if color { Out.line(frame.ansiText(.c256)) } else { Out.line(frame.plainLines().joined(separator: "\n")) }
    }
}

extension LessonCommand {
    /// Plays a key script through `update` (with `finish`, animations and training run to their
    /// end after each key); keys after a quit are ignored.
    static func play(_ script: [Key], from state: AppState, finish: Bool) -> AppState {
        var s = state
        for k in script {
            let (next, effects) = update(s, .key(k))
            s = finish ? Update.finish(next) : Update.settleHeldOut(next)
            if effects.contains(.quit) { break }
        }
        return s
    }
}
