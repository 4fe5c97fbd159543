import ArgumentParser
import Foundation
import UnrollIO
import UnrollLessons

/// `unroll`: watch recurrent networks work, one timestep at a time.
///
/// Exit status, for every command: 0 done; 1 the command ran and a claim or a check came out
/// false (`check`); 2 it could not do what was asked (bad arguments, a lesson or file that does
/// not load, a path that cannot be written). Every error is one or more lines `unroll: …` on
/// stderr; standard output carries only results.
@main
struct Unroll: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "unroll",
        abstract: "Watch recurrent neural networks work: hidden states, gates and the gradient at every timestep.",
        discussion: """
        With no command, or with a lesson (`unroll 3`), opens that lesson in the terminal: `unroll` \
        is `unroll open`. Exit status: 0 done, 1 a claim or check is false, 2 bad input.
        """,
        version: "unroll \(version)",
        subcommands: [Open.self, Render.self, Export.self, Record.self, Trace.self, Bench.self, Lessons.self, Check.self, Train.self, Generate.self],
        defaultSubcommand: Open.self
    )

    /// Large models allocate tens of megabytes per forward and backward pass; glibc would return
    /// them to the system after each pass and fault them in again (page by page) on the next,
    /// which cost a tenth of a 256-unit LSTM step. Freed memory stays with the process instead.
    static func keepFreedMemory() {
        #if canImport(Glibc)
        // mallopt(M_MMAP_THRESHOLD = -3, …), mallopt(M_TRIM_THRESHOLD = -1, …); <malloc.h> is not
        // in Swift's Glibc module, so the function is looked up by name.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 256 << 20)
        _ = mallopt(-1, 512 << 20)
        #endif
    }

    /// Parses and runs a command; every refusal is `unroll: …` on stderr with status 2.
    static func main() {
        // A reader that closes the pipe (`| head -1`) ends the program quietly (see `Out`).
        StandardOutput.ignoreBrokenPipeSignal()
        keepFreedMemory()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help" { checkHelpTopic(Array(arguments.dropFirst())) }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            // --help and --version print to stdout and end with 0; a command that threw an
            // ExitCode has already said why.
            if code == .success || error is ExitCode { exit(withError: error) }
            let text = message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
            let lines = text.split(separator: "\n").map { line -> String in
                var l = String(line)
                if l.hasPrefix("Error: ") { l.removeFirst(7) }
                return l
            }
            let hint = code == .validationFailure ? " (see `unroll help\(helpTopic(arguments))`)" : ""
            for (i, line) in lines.enumerated() {
                printError(line + (i == lines.count - 1 ? hint : ""))
            }
            if lines.isEmpty { printError("failed" + hint) }
            Foundation.exit(2)
        }
    }

    /// `unroll help A B`: the help of a command that exists, else an error (status 2).
    static func checkHelpTopic(_ words: [String]) {
        var command: ParsableCommand.Type = Unroll.self
        var path: [String] = []
        for word in words where !word.hasPrefix("-") {
            let subs = command.configuration.subcommands
            guard let next = subs.first(where: { $0._commandName == word }) else {
                let names = subs.map { $0._commandName }.joined(separator: ", ")
                let within = path.isEmpty ? "" : " \(path.joined(separator: " "))"
                fail("no command 'unroll\(within) \(word)' (commands: \(names))")
            }
            command = next
            path.append(word)
        }
    }

    /// " render" when the arguments name a command, for the usage hint.
    static func helpTopic(_ arguments: [String]) -> String {
        guard let first = arguments.first, configuration.subcommands.contains(where: { $0._commandName == first }) else { return "" }
        return " " + first
    }
}

/// Writes one line `unroll: MESSAGE` to stderr.
func printError(_ message: String) {
    Err.line("unroll: " + message)
}

/// Prints `unroll: MESSAGE` on stderr and exits with the given status (2: bad input).
func fail(_ message: String, status: Int32 = 2) -> Never {
    printError(message)
    exit(status)
}

/// Prints every lesson problem as `unroll: file:line: what is wrong` on stderr.
func printErrors(_ errors: [LessonError]) {
    for e in errors { printError(e.description) }
}
