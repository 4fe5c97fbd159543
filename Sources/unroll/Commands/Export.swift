import ArgumentParser
import Foundation
import UnrollApp

/// `unroll export LESSON`: the per-step numbers behind the screen as CSV or JSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the per-step numbers behind a lesson page (t, input, target, h, c, gates, y, loss, dh, dc, gain, reach, bound).",
        discussion: """
        t counts from 1. Non-finite numbers are written as inf, -inf or nan in CSV and as null in JSON. \
        With --output the file is written to a temporary name and renamed into place.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Argument(help: "The lesson: an id, a number (\"8\") or a path to a .md file.")
    var lesson: String

    @Option(help: "The page whose settings to use (1-based).")
    var page: Int = 1

    @Option(help: "csv or json.")
    var format: Format = .csv

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var options: LessonOptions

    func run() throws {
        let state = options.open(lesson, page: page).state(width: 80, height: 24)
        guard let f = state.figures else { fail(state.message ?? "the page's model can't be built") }
        let text: String
        switch format {
        case .csv: text = FiguresExport.csv(f)
        case .json: text = FiguresExport.json(f, meta: ["lesson": state.lesson.id, "page": String(state.page + 1),
                                                      "model": state.settings.modelLabel, "task": state.settings.task])
        }
        guard let output else { FileHandle.standardOutput.write(Data(text.utf8)); return }
        let url = URL(fileURLWithPath: output)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temp)
            if rename(temp.path, url.path) != 0 {
                let code = errno
                try? FileManager.default.removeItem(at: temp)
                fail("can't write \(output): \(String(cString: strerror(code)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            fail("can't write \(output): \(error.localizedDescription)")
        }
    }
}
