import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 13: SIGQUIT (Ctrl-\) during `unroll train` printed the runtime's backtrace and training
/// went on. Now it, and SIGINT/SIGTERM, stop training between steps with one line and 128 + signal.
/// (The test runner starts the program with these signals blocked; the program unblocks them.)
@Suite(.serialized)
struct TrainSignalTests {
    @Test(arguments: [SIGQUIT, SIGINT, SIGTERM])
    func aSignalStopsTrainingCleanly(signal: Int32) async throws {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["train", "--task", "adding", "--cell", "lstm", "--hidden", "8", "--length", "20", "--steps", "10000000"]
        var env = ProcessInfo.processInfo.environment
        env["UNROLL_LESSONS"] = Fixtures.lessonsDirectory.path
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        // Waits without holding one of the test runner's threads, while the program trains.
        try await Task.sleep(nanoseconds: 1_500_000_000)
        kill(p.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(20)
        while p.isRunning && Date() < deadline { try await Task.sleep(nanoseconds: 50_000_000) }
        let stopped = !p.isRunning
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        group.wait()
        p.waitUntilExit()
        let stderr = String(decoding: errData, as: UTF8.self)
        #expect(stopped, "training went on after signal \(signal)")
        #expect(p.terminationReason == .exit && p.terminationStatus == 128 + signal, "status \(p.terminationStatus), \(p.terminationReason == .exit ? "exited" : "killed")")
        let last = stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("unroll: training stopped by SIG"), "\(stderr.suffix(400))")
        #expect(!stderr.contains("Backtrace") && !stderr.contains("Crash") && !stderr.contains("💣"), "\(stderr.suffix(2000))")
    }
}
