import ArgumentParser
import Foundation
import UnrollApp
import UnrollDraw

/// `unroll export LESSON`: the per-step numbers behind the screen as CSV or JSON, or the screen
/// itself as an SVG picture.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the numbers behind a lesson page (csv, json) or a picture of its screen (svg).",
        discussion: """
        csv and json: the per-step numbers (t, input, target, h, c, gates, y, loss, dh, dc, gain, reach, \
        bound); t counts from 1. Non-finite numbers are written as inf, -inf or nan in CSV and as null \
        in JSON.

        svg: the screen exactly as the terminal draws it after --keys (with --finish, animations and \
        training played to their end after each key), at --size: the 256-colour palette as RGB on a \
        dark background, bold, underline and reverse, monospace text that stays text (searchable) on \
        a scalable canvas. For slides and handouts.

        With --output the file is written whole or not at all (a temporary file renamed into place).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, svg }

    @Argument(help: "The lesson: an id, a number (\"8\") or a path to a .md file.")
    var lesson: String

    @Option(help: "The page (1-based).")
    var page: Int = 1

    @Option(help: "csv, json or svg.")
    var format: Format = .csv

    @Option(help: "A key script to play first, as for `unroll render` (e.g. \"]]b\").")
    var keys: String = ""

    @Flag(help: "After each key, play animations and training to their end.")
    var finish = false

    @Option(help: "The screen size for svg, COLSxROWS.")
    var size: String = "100x30"

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var options: LessonOptions

    func run() throws {
        let (w, h) = LessonCommand.size(size)
        let script = LessonCommand.keys(keys)
        let opened = options.open(lesson, page: page)
        let state = LessonCommand.play(script, from: opened.state(width: w, height: h), finish: finish)
        let text: String
        switch format {
        case .svg:
            let frame = view(state, width: state.width, height: state.height, glyphs: .utf8, mode: .c256)
            text = frame.svg(title: "unroll — \(state.lesson.title), page \(state.page + 1)")
        case .csv, .json:
            guard let f = state.figures else { fail(state.message ?? "the page's model can't be built") }
            if format == .csv {
                text = FiguresExport.csv(f)
            } else {
                text = FiguresExport.json(f, meta: ["lesson": state.lesson.id, "page": String(state.page + 1),
                                                    "model": state.settings.modelLabel, "task": state.settings.task])
            }
        }
        guard let output else { FileHandle.standardOutput.write(Data(text.utf8)); return }
        AtomicFile.write(text, to: output)
    }
}
