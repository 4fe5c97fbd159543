import Foundation
import TestSupport

/// Runs a bash command line with `$UNROLL` set to the built binary, for tests that need shell
/// redirections (`> /dev/full`, `| head -1`) the `CLI` helper cannot express.
enum Shell {
    typealias Result = CLI.Result

    static func run(_ script: String, timeout: TimeInterval = 120) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["UNROLL"] = CLI.executable.path
        env["UNROLL_LESSONS"] = Fixtures.lessonsDirectory.path
        return try CLI.run(program: URL(fileURLWithPath: "/bin/bash"), ["-c", script], environment: env, timeout: timeout)
    }

    /// A fresh temporary folder.
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
