import Foundation
import Testing
import TestSupport

/// Issue 13, output errors: every write to stdout is checked. A full disk is one line on stderr
/// and a non-zero status (never a trap: `export` died of SIGILL from a `try!`, the others exited
/// 0); a reader that closes the pipe ends the program quietly.
@Suite(.serialized)
struct OutputErrorTests {
    static let commands: [(String, String)] = [
        ("export", "\"$UNROLL\" export 7"),
        ("export json", "\"$UNROLL\" export 8 --format json"),
        ("render", "\"$UNROLL\" render 1"),
        ("lessons", "\"$UNROLL\" lessons"),
        ("trace", "\"$UNROLL\" trace '\(Fixtures.casesDirectory.appendingPathComponent("lstm_small.json").path)'"),
        ("train --json", "\"$UNROLL\" train --task adding --cell rnn --hidden 4 --length 5 --steps 2 --json"),
        ("train --list", "\"$UNROLL\" train --list"),
        ("export --output -", "\"$UNROLL\" export 7 --output -"),
    ]

    @Test(arguments: commands.map(\.0))
    func aFullDiskIsReportedNotTrapped(name: String) throws {
        let command = try #require(Self.commands.first { $0.0 == name }?.1)
        let r = try Shell.run(command + " > /dev/full")
        #expect(r.status == 1, "\(name): status \(r.status) (a trap would be 132, silence 0)")
        // (train's progress bar goes to stderr first; the error is the one `unroll:` line.)
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("unroll:") }
        #expect(errors == ["unroll: can't write to standard output: No space left on device"], "\(name): \(r.stderr)")
    }

    @Test func aClosedPipeEndsQuietly() throws {
        // About 2 MB of output, far more than a pipe holds, so the writer meets the closed pipe.
        let r = try Shell.run("\"$UNROLL\" render 1 --size 2000x1000 | head -1 > /dev/null; echo \"${PIPESTATUS[0]}\"")
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "status: \(r.stdout)")
        #expect(r.stderr.isEmpty, "no message for a closed pipe: \(r.stderr)")
    }
}
