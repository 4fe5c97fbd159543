import ArgumentParser
import Foundation
import UnrollIO

/// `unroll`: watch recurrent networks work, one timestep at a time.
@main
struct Unroll: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unroll",
        abstract: "Watch recurrent neural networks work: hidden states, gates and the gradient at every timestep.",
        discussion: """
        With no subcommand, opens the first lesson in the terminal.
        """,
        subcommands: [Open.self, Render.self, Export.self, Trace.self, Bench.self, Lessons.self, Check.self, Train.self, Generate.self],
        defaultSubcommand: nil
    )

    func run() throws {
        try Interactive.run(lesson: nil, page: 1, lessons: nil, ascii: false)
    }

    /// Parses and runs the command. Usage errors exit 2 (bad input), like every other refusal of
    /// input, with one line on stderr; a write to a closed pipe ends quietly (see `Out`).
    static func main() {
        StandardOutput.ignoreBrokenPipeSignal()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let text = message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage"
                Err.line("unroll: \(text) (see `unroll help`)")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Prints a one-line error to stderr and exits with the given status.
func fail(_ message: String, status: Int32 = 2) -> Never {
    Err.write(("unroll: " + message + "\n"))
    exit(status)
}
