import ArgumentParser
import Foundation
import UnrollApp

/// `unroll export LESSON`: the per-step numbers behind the screen as CSV or JSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the per-step numbers behind a lesson page (t, input, target, h, c, gates, y, loss, dh, dc, gain, reach, bound).",
        discussion: """
        t counts from 1. Non-finite numbers are written as inf, -inf or nan in CSV and as null in JSON. \
        With --output the file is replaced whole (a temporary file renamed into place, keeping its \
        mode and owner; a symlink is followed; a device or `-` is written directly).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Argument(help: "The lesson: an id, a number (\"8\") or a path to a .md file (or --model).")
    var lesson: String?

    @Option(parsing: .unconditional, help: "The page whose settings to use (1-based).")
    var page: Int = 1

    @Option(help: "csv or json.")
    var format: Format = .csv

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "The lesson directory (default: $UNROLL_LESSONS, ./lessons, or found near the executable).")
    var lessons: String?

    @OptionGroup(title: "Your own model") var modelOptions: ModelOptions

    func run() throws {
        let state = try LessonCommand.state(lesson: lesson, page: page, lessons: lessons, model: modelOptions, width: 80, height: 24)
        guard let f = state.figures else { fail(state.message ?? "the page's model can't be built") }
        let text: String
        switch format {
        case .csv: text = FiguresExport.csv(f)
        case .json: text = FiguresExport.json(f, meta: ["lesson": state.lesson.id, "page": String(state.page + 1),
                                                      "model": state.settings.modelLabel, "task": state.settings.task])
        }
        guard let output else { Out.write(text); return }
        Out.file(text, to: output)
    }
}
