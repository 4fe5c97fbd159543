import ArgumentParser
import Foundation
import UnrollApp
import UnrollDraw
import UnrollLab

/// `unroll export LESSON`: the per-step numbers behind the screen as CSV or JSON, or the screen
/// itself as an SVG picture.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the numbers behind a lesson page (csv, json) or a picture of its screen (svg).",
        discussion: """
        csv and json: the per-step numbers (t, input, target, h, c, gates, y, p, alpha, correct, loss, dh, \
        dc, gain, reach, bound); t counts from 1. Inputs and targets are exact numbers (x_1 … x_I and \
        target_1 … target_O) or symbol names (input, target); marks such as the adding problem's * have \
        a column of their own. Not applicable (a target on an unscored step, dc without a cell state) \
        is empty in CSV and null in JSON; non-finite numbers are nan, inf, -inf in CSV and the strings \
        "nan", "inf", "-inf" in JSON. JSON's meta holds the held-out accuracy of the page's model.

        svg: the screen exactly as the terminal draws it after --keys (with --finish, animations and \
        training played to their end after each key), at --size: the 256-colour palette as RGB on a \
        dark background, bold, underline and reverse, monospace text that stays text (searchable) on \
        a scalable canvas. For slides and handouts.

        With --output the file is replaced whole (a temporary file renamed into place, keeping its \
        mode and owner; a symlink is followed; a device or `-` is written directly).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, svg }

    @Argument(help: "The lesson: an id, a number (\"8\") or a path to a .md file (or --model).")
    var lesson: String?

    @Option(parsing: .unconditional, help: "The page (1-based).")
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

    @OptionGroup(title: "Your own model") var modelOptions: ModelOptions

    func run() throws {
        let (w, h) = LessonCommand.size(size)
        let script = LessonCommand.keys(keys)
        let start = LessonCommand.state(lesson: lesson, page: page, options: options, model: modelOptions, width: w, height: h)
        let state = LessonCommand.play(script, from: start, finish: finish)
        let text: String
        switch format {
        case .svg:
            let frame = view(state, width: state.width, height: state.height, glyphs: .utf8, mode: .c256)
            text = frame.svg(title: "unroll — \(state.lesson.title), page \(state.page + 1)")
        case .csv:
            guard let f = state.figures else { fail(state.message ?? "the page's model can't be built") }
            text = FiguresExport.csv(f)
        case .json:
            guard let f = state.figures else { fail(state.message ?? "the page's model can't be built") }
            let accuracy = (try? state.experiment?.heldOut())??.accuracy
            text = FiguresExport.json(f, meta: ["lesson": state.lesson.id, "page": String(state.page + 1),
                                                "model": state.settings.modelLabel, "task": state.settings.task],
                                      metaNumbers: accuracy.map { ["accuracy": $0] } ?? [:])
        }
        guard let output else { Out.write(text); return }
        Out.file(text, to: output)
    }
}
