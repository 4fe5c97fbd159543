import ArgumentParser
import Foundation

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
}

/// Prints a one-line error to stderr and exits with the given status.
func fail(_ message: String, status: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data(("unroll: " + message + "\n").utf8))
    exit(status)
}
