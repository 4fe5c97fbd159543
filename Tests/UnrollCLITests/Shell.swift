import Foundation
import TestSupport

/// Runs a bash command line with `$UNROLL` set to the built binary, for tests that need shell
/// redirections (`> /dev/full`, `| head -1`) the `CLI` helper cannot express.
enum Shell {
    struct Result { var status: Int32; var stderr: String; var stdout: String }

    static func run(_ script: String, timeout: TimeInterval = 120) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        env["UNROLL"] = CLI.executable.path
        env["UNROLL_LESSONS"] = Fixtures.lessonsDirectory.path
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
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
        return Result(status: p.terminationStatus, stderr: String(decoding: errData, as: UTF8.self),
                      stdout: String(decoding: outData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
