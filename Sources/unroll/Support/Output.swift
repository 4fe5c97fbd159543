import Foundation
import UnrollIO

/// Everything the commands print goes through here, so every write is checked: a reader that
/// closed the pipe (`| head -1`) ends the program quietly (status 0), any other failure
/// (`> /dev/full`) is one line on stderr and status 1; an `--output` path that cannot be
/// written is bad input, status 2. Never a trap.
enum Out {
    static func line(_ text: String) { write(text + "\n") }

    static func write(_ text: String) {
        do throws(OutputError) {
            try StandardOutput.write(text)
        } catch {
            handle(error)
        }
    }

    /// Writes a whole file (or `-`, standard output) through `FileWriter`; exits with a message on failure.
    static func file(_ text: String, to path: String) {
        if path == "-" { return write(text) }
        do throws(FileWriteError) {
            try FileWriter.write(text, to: path)
        } catch {
            if error.isClosedPipe { exit(0) }
            // An output path that cannot be written is bad input (README: exit status 2).
            fail(error.description, status: 2)
        }
    }

    static func handle(_ error: OutputError) -> Never {
        switch error {
        case .closed: exit(0)
        case .failed(let reason): fail("can't write to standard output: \(reason)", status: 1)
        }
    }
}

/// Lines for stderr: progress and problems. A failed write here has nowhere to be reported, so it
/// is dropped (it must never trap).
enum Err {
    static func line(_ text: String) { write(text + "\n") }

    static func write(_ text: String) {
        try? Array(text.utf8).withUnsafeBufferPointer { (b) throws(OutputError) in
            try StandardOutput.writeAll(STDERR_FILENO, b)
        }
    }
}
