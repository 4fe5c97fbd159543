import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// The real binary in a real terminal (tmux): open a lesson, press keys, read the screen,
/// leave by every way out, and check the terminal came back usable.
@Suite(.serialized)
struct TerminalEndToEndTests {
    /// A private tmux server running `unroll` in a 100×30 pane, with the terminal state
    /// recorded after the program exits.
    final class Session {
        let socket = "unroll-e2e-\(UUID().uuidString.prefix(8))"
        let dir: URL
        init(arguments: String = "", width: Int = 100, height: Int = 30) throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let bin = CLI.executable.path
            // The program runs in the foreground of the pane; afterwards the script records its
            // exit status and the terminal settings, then idles so the pane can still be read.
            let script = """
            export UNROLL_LESSONS='\(Fixtures.lessonsDirectory.path)' TERM=xterm-256color LANG=C.UTF-8
            sh -c 'echo $$ > "\(dir.path)/pid"; exec "\(bin)" \(arguments)'
            echo $? > "\(dir.path)/status"
            stty -a > "\(dir.path)/stty"
            sleep 120
            """
            let scriptFile = dir.appendingPathComponent("run.sh")
            try script.write(to: scriptFile, atomically: true, encoding: .utf8)
            // The server forked here would hold a captured pipe open forever: don't capture.
            try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "s", "sh \(scriptFile.path)"], capture: false)
        }

        /// Runs a tmux command on this session's private server (through the shell, synchronously).
        @discardableResult
        func tmux(_ args: [String], capture: Bool = true) throws -> String {
            let command = (["tmux", "-L", socket] + args).map(Session.quote).joined(separator: " ")
            guard capture else {
                _ = system(command + " >/dev/null 2>&1 </dev/null")
                return ""
            }
            guard let pipe = popen(command + " 2>/dev/null </dev/null", "r") else { return "" }
            var output = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = fread(&buffer, 1, buffer.count, pipe)
                if n <= 0 { break }
                output += buffer[0..<n]
            }
            pclose(pipe)
            return String(decoding: output, as: UTF8.self)
        }

        static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "s"]) }
        func keys(_ k: String...) throws { try tmux(["send-keys", "-t", "s"] + k, capture: false) }
        func display(_ format: String) throws -> String {
            try tmux(["display-message", "-p", "-t", "s", format]).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Waits until the screen contains `text` (or the time runs out) and returns the screen.
        func waitFor(_ text: String, seconds: Double = 20) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var s = ""
            while Date() < deadline {
                s = try screen()
                if s.contains(text) { return s }
                usleep(100_000)
            }
            return s
        }

        var pid: Int32? { (try? String(contentsOf: dir.appendingPathComponent("pid"), encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } }

        /// Waits for the program to exit; returns its status and the terminal settings after it.
        func exited(seconds: Double = 20) -> (status: Int?, stty: String) {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let s = try? String(contentsOf: dir.appendingPathComponent("stty"), encoding: .utf8), !s.isEmpty {
                    let status = (try? String(contentsOf: dir.appendingPathComponent("status"), encoding: .utf8))
                        .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                    return (status, s)
                }
                usleep(100_000)
            }
            return (nil, "")
        }

        /// The terminal is usable: canonical mode and echo back, cursor visible, alternate screen left.
        func expectRestored(_ stty: String, _ context: String) throws {
            let words = Set(stty.split { $0 == " " || $0 == "\n" || $0 == ";" }.map(String.init))
            #expect(words.contains("icanon") && !words.contains("-icanon"), "\(context): canonical mode not restored")
            #expect(words.contains("echo") && !words.contains("-echo"), "\(context): echo not restored")
            #expect(try display("#{alternate_on}") == "0", "\(context): still on the alternate screen")
            #expect(try display("#{cursor_flag}") == "1", "\(context): cursor hidden")
        }

        deinit {
            _ = try? tmux(["kill-server"], capture: false)
            try? FileManager.default.removeItem(at: dir)
        }
    }

    static var tmuxAvailable: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func openPressKeysAndQuit() throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test (apt-get install tmux; .ci/run installs it)")
        let s = try Session()
        let first = try s.waitFor("page 1/")
        #expect(first.contains("Recurrence"), "the first lesson opens:\n\(first)")
        #expect(first.contains("h_t"), "the hidden-state row is on screen:\n\(first)")
        try s.keys("n")
        let second = try s.waitFor("page 2/")
        #expect(second.contains("page 2/"), "n moves to the next page:\n\(second)")
        try s.keys("?")
        _ = try s.waitFor("help")
        try s.keys("Escape")
        try s.keys("Right", "Right", "End", "a", "m", "]")
        try s.tmux(["resize-window", "-t", "s", "-x", "80", "-y", "24"], capture: false)
        let resized = try s.waitFor("unroll")
        #expect(resized.split(separator: "\n").allSatisfy { $0.count <= 80 }, "redrawn at the new width")
        try s.tmux(["resize-window", "-t", "s", "-x", "30", "-y", "8"], capture: false)
        let tiny = try s.waitFor("small")
        #expect(tiny.lowercased().contains("small"), "a too-small terminal says so:\n\(tiny)")
        try s.tmux(["resize-window", "-t", "s", "-x", "100", "-y", "30"], capture: false)
        _ = try s.waitFor("page 2/")
        try s.keys("q")
        let (status, stty) = s.exited()
        #expect(status == 0, "q exits with status 0")
        try s.expectRestored(stty, "after q")
    }

    /// INT, TERM and HUP end the program cleanly; SEGV, ABRT and ILL stand for a crash (a Swift
    /// trap raises SIGILL or SIGTRAP): the program dies, but the terminal must come back.
    @Test(arguments: ["INT", "TERM", "HUP", "SEGV", "ABRT", "ILL"])
    func signalsDuringLiveTrainingRestoreTheTerminal(signal: String) throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test")
        let s = try Session()
        _ = try s.waitFor("page 1/")
        try s.keys("t")
        usleep(1_500_000)
        let pid = try #require(s.pid)
        let number: Int32 = ["INT": SIGINT, "TERM": SIGTERM, "HUP": SIGHUP, "SEGV": SIGSEGV, "ABRT": SIGABRT, "ILL": SIGILL][signal] ?? SIGTERM
        #expect(kill(pid, number) == 0, "could not signal process \(pid)")
        let (status, stty) = s.exited()
        #expect(status != nil, "SIG\(signal): the program exited")
        try s.expectRestored(stty, "after SIG\(signal)")
    }

    @Test func ctrlCAsAKeyQuitsCleanly() throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test")
        let s = try Session()
        _ = try s.waitFor("page 1/")
        try s.keys("C-c")
        let (status, stty) = s.exited()
        #expect(status != nil)
        try s.expectRestored(stty, "after Ctrl-C")
    }
}
