import ArgumentParser
import Foundation
import UnrollApp
import UnrollLab

/// `unroll export LESSON`: the per-step numbers behind the screen as CSV or JSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the per-step numbers behind a lesson page (t, input, target, h, c, gates, y, p, alpha, correct, loss, dh, dc, gain, reach, bound).",
        discussion: """
        t counts from 1. Inputs and targets are exact numbers (x_1 … x_I and target_1 … target_O) or \
        symbol names (input, target); marks such as the adding problem's * have a column of their own. Not applicable \
        (a target on an unscored step, dc without a cell state) is empty in CSV and null in JSON; \
        non-finite numbers are nan, inf, -inf in CSV and the strings "nan", "inf", "-inf" in JSON. \
        JSON's meta holds the held-out accuracy of the page's model. \
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
        case .json:
            let accuracy = (try? state.experiment?.heldOut())??.accuracy
            text = FiguresExport.json(f, meta: ["lesson": state.lesson.id, "page": String(state.page + 1),
                                                "model": state.settings.modelLabel, "task": state.settings.task],
                                      metaNumbers: accuracy.map { ["accuracy": $0] } ?? [:])
        }
        guard let output else { Out.write(text); return }
        Out.file(text, to: output)
    }
}
