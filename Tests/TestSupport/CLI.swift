import Foundation

/// Runs the built `unroll` executable, for end-to-end tests of the command line.
public enum CLI {
    /// The products folder holding the test bundle and the `unroll` executable.
    public static var productsDirectory: URL {
        let arg0 = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var dir = arg0.deletingLastPathComponent()
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("unroll").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        for config in ["debug", "release"] {
            let candidate = Fixtures.repositoryRoot.appendingPathComponent(".build/\(config)")
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("unroll").path) { return candidate }
        }
        return arg0.deletingLastPathComponent()
    }

    public static var executable: URL { productsDirectory.appendingPathComponent("unroll") }

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `unroll ARGS` with the repository's lessons, waiting at most `timeout` seconds.
    public static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 300) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["UNROLL_LESSONS"] = Fixtures.lessonsDirectory.path
        for (k, v) in environment { env[k] = v }
        return try run(program: executable, arguments, environment: env, timeout: timeout)
    }

    /// Runs any program with exactly `environment`, in `directory` (default: this process's).
    public static func run(program: URL, _ arguments: [String], environment: [String: String],
                           directory: URL? = nil, timeout: TimeInterval = 300) throws -> Result {
        let p = Process()
        p.executableURL = program
        p.arguments = arguments
        p.environment = environment
        if let directory { p.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Read both pipes concurrently so a chatty process can't block on a full pipe.
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning { p.terminate() }
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
