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
        /// `term` is the pane's TERM ("" unsets it); `setsid` runs the program in a session of its
        /// own, with no controlling terminal (no SIGWINCH, no SIGHUP when the pane closes).
        init(arguments: String = "", width: Int = 100, height: Int = 30, term: String = "xterm-256color", setsid: Bool = false) throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let bin = CLI.executable.path
            // The program runs in the foreground of the pane; afterwards the script records its
            // exit status and the terminal settings, then idles so the pane can still be read.
            let script = """
            export UNROLL_LESSONS='\(Fixtures.lessonsDirectory.path)' LANG=C.UTF-8
            \(term.isEmpty ? "unset TERM" : "export TERM='\(term)'")
            \(setsid ? "setsid -w " : "")sh -c 'echo $$ > "\(dir.path)/pid"; exec "\(bin)" \(arguments)'
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
            try waitFor(seconds: seconds) { $0.contains(text) }
        }

        /// Waits until the screen shows what `shows` looks for (or the time runs out) and returns
        /// the screen.
        func waitFor(seconds: Double = 20, _ shows: (String) -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            while true {
                let s = try screen()
                if shows(s) || Date() >= deadline { return s }
                TerminalEndToEndTests.pause(0.1)
            }
        }

        var pid: Int32? { (try? String(contentsOf: dir.appendingPathComponent("pid"), encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } }

        /// Waits for the program to exit; returns its status and the terminal settings after it.
        func exited(seconds: Double = 20) -> (status: Int?, stty: String) {
            let deadline = Date().addingTimeInterval(seconds)
            while true {
                if let s = try? String(contentsOf: dir.appendingPathComponent("stty"), encoding: .utf8), !s.isEmpty {
                    let status = (try? String(contentsOf: dir.appendingPathComponent("status"), encoding: .utf8))
                        .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                    return (status, s)
                }
                if Date() >= deadline { return (nil, "") }
                TerminalEndToEndTests.pause(0.1)
            }
        }

        /// The terminal is usable: canonical mode and echo back, cursor visible, alternate screen left.
        func expectRestored(_ stty: String, _ context: String) throws {
            let words = Set(stty.split { $0 == " " || $0 == "\n" || $0 == ";" }.map(String.init))
            #expect(words.contains("icanon") && !words.contains("-icanon"), "\(context): canonical mode not restored")
            #expect(words.contains("echo") && !words.contains("-echo"), "\(context): echo not restored")
            #expect(try display("#{alternate_on}") == "0", "\(context): still on the alternate screen")
            #expect(try display("#{cursor_flag}") == "1", "\(context): cursor hidden")
            #expect(try display("#{keypad_cursor_flag}") == "0", "\(context): cursor keys left in application mode")
            #expect(try display("#{keypad_flag}") == "0", "\(context): keypad left in application mode")
            #expect(try display("#{mouse_any_flag}") == "0", "\(context): mouse reporting left on")
        }

        /// Sends raw bytes, as a terminal would for a key TERM may not describe.
        func bytes(_ hex: String...) throws { try tmux(["send-keys", "-t", "s", "-H"] + hex, capture: false) }

        deinit {
            _ = try? tmux(["kill-server"], capture: false)
            try? FileManager.default.removeItem(at: dir)
        }
    }

    /// Sleeps this thread. The waits poll and block rather than await: an awaiting test can be
    /// woken long after its time while other tests hold the runner's threads, and a signal meant
    /// for live training would then arrive after training ended.
    static func pause(_ seconds: Double) {
        usleep(useconds_t(seconds * 1e6))
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
        _ = try s.waitFor("Help")
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
    /// Issue 13: QUIT, USR1, USR2, ALRM and PIPE killed the program with the terminal left raw (or,
    /// for QUIT, printed a crash report over the screen and kept running).
    @Test(arguments: ["INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "ALRM", "PIPE", "SEGV", "ABRT", "ILL"])
    func signalsDuringLiveTrainingRestoreTheTerminal(signal: String) throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test")
        let s = try Session()
        _ = try s.waitFor("page 1/")
        try s.keys("t")
        // The signal arrives while the run is live: the status line counts updates of the budget.
        let training = try s.waitFor { $0.contains("training ") && $0.contains("update ") && $0.contains("/300") }
        #expect(training.contains("/300"), "training did not start:\n\(training)")
        let pid = try #require(s.pid)
        let numbers: [String: Int32] = ["INT": SIGINT, "TERM": SIGTERM, "HUP": SIGHUP, "QUIT": SIGQUIT, "USR1": SIGUSR1,
                                        "USR2": SIGUSR2, "ALRM": SIGALRM, "PIPE": SIGPIPE,
                                        "SEGV": SIGSEGV, "ABRT": SIGABRT, "ILL": SIGILL]
        let number = numbers[signal] ?? SIGTERM
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

    /// Issue 13: Ctrl-\ (a byte in raw mode, SIGQUIT outside it) quits like Ctrl-C.
    @Test func ctrlBackslashQuitsCleanly() throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test")
        let s = try Session()
        _ = try s.waitFor("page 1/")
        try s.keys("C-\\")
        let (status, stty) = s.exited()
        #expect(status == 0, "Ctrl-\\ quits")
        try s.expectRestored(stty, "after Ctrl-\\")
    }

    /// Issue 10: with TERM=xterm-256color inside tmux, Home arrives as ESC [ 1 ~ (not in the
    /// terminfo entry): it moved nothing and its `[` rescaled ρ. Now it is Home; F1 (ESC [ 11 ~,
    /// ESC O P) opens help; an unknown sequence and a mouse report do nothing.
    @Test func keysTERMDoesNotDescribeAreDecodedWhole() throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test")
        let s = try Session(arguments: "open 7")
        let start = try s.waitFor("page 1/")
        try s.keys("Right", "Right", "Right")
        Self.pause(0.3)
        try s.bytes("1b", "5b", "31", "7e")                 // Home as tmux sends it
        try s.bytes("1b", "5b", "34", "7e")                 // End, ESC [ 4 ~
        try s.bytes("1b", "5b", "32", "3b", "35", "7e")     // Ctrl+Insert: unknown, swallowed
        try s.bytes("1b", "5b", "3c", "36", "34", "3b", "33", "3b", "33", "4d")   // SGR wheel report
        try s.bytes("1b", "5d")                             // Alt+]
        Self.pause(0.8)   // time to misread them; nothing on screen says they were read
        let after = try s.screen()
        #expect(!after.contains("weights rescaled") && !after.contains("ρ(W_hh) ="), "a sequence was read as [ or ]:\n\(after)")
        #expect(after.contains("page 1/"), "still on the page:\n\(after)\n(before:\n\(start))")
        try s.bytes("1b", "5b", "31", "31", "7e")           // F1, ESC [ 11 ~
        let help = try s.waitFor("Help")
        #expect(help.contains("Help"), "F1 opens help:\n\(help)")
        try s.keys("Escape")
        _ = try s.waitFor { !$0.contains("Help") }
        try s.bytes("1b", "4f", "50")                       // F1, ESC O P
        let help2 = try s.waitFor("Help")
        #expect(help2.contains("Help"), "ESC O P opens help:\n\(help2)")
        try s.keys("Escape")
        _ = try s.waitFor { !$0.contains("Help") }
        try s.keys("]")
        let plain = try s.waitFor("ρ(W_hh) =", seconds: 5)
        #expect(plain.contains("ρ(W_hh) ="), "a real ] still rescales:\n\(plain)")
        try s.keys("q")
        let (status, stty) = s.exited()
        #expect(status == 0)
        try s.expectRestored(stty, "after q")
    }

    /// Issue 13: an unknown or missing TERM is one line in unroll's voice saying what to do, status 2.
    @Test(arguments: ["bogus-term", ""])
    func unknownTermSaysWhatToDo(term: String) throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test")
        let s = try Session(term: term)
        let (status, _) = s.exited()
        let screen = try s.tmux(["capture-pane", "-p", "-J", "-t", "s"])   // wrapped lines joined
        #expect(status == 2, "status \(String(describing: status)):\n\(screen)")
        #expect(screen.contains("unroll: ") && screen.contains("TERM=xterm-256color"), "\(screen)")
        #expect(!screen.contains("Error opening terminal"), "\(screen)")
    }

    /// Issue 13: under `setsid` no SIGWINCH arrives, so the size is read from the terminal itself;
    /// and when the pane closes no SIGHUP arrives either: reads return end of input, and the
    /// program must end instead of spinning at 99% CPU.
    @Test func withoutAControllingTerminalResizesAreSeenAndHangupEnds() throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test")
        let s = try Session(setsid: true)
        _ = try s.waitFor("page 1/")
        let pid = try #require(s.pid)
        defer { if kill(pid, 0) == 0 { kill(pid, SIGKILL) } }
        try s.tmux(["resize-window", "-t", "s", "-x", "120", "-y", "40"], capture: false)
        let deadline = Date().addingTimeInterval(10)
        var lines: [Substring] = []
        while true {
            lines = try s.screen().split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count >= 40, lines[39].contains("step") { break }
            if Date() >= deadline { break }
            Self.pause(0.1)
        }
        #expect(lines.count >= 40 && lines[39].contains("step"), "the footer moved to row 40:\n\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.count > 100 }, "the frame widened to 120 columns")
        try s.tmux(["kill-server"], capture: false)
        let gone = Date().addingTimeInterval(10)
        while Date() < gone && kill(pid, 0) == 0 { Self.pause(0.1) }
        #expect(kill(pid, 0) != 0, "the program is still running after its terminal closed")
    }

    /// Issue 13: the screen on an empty lessons folder opened the built-in lesson silently.
    @Test func anEmptyLessonsFolderSaysSoOnTheScreenPath() throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Session(arguments: "open --lessons '\(dir.path)'")
        let (status, stty) = s.exited()
        let screen = try s.tmux(["capture-pane", "-p", "-J", "-t", "s"])
        #expect(status == 2, "\(screen)")
        #expect(screen.contains("unroll: no lessons in \(dir.path)"), "\(screen)")
        try s.expectRestored(stty, "after the refusal")
    }

    /// Issue 13: start-up on a big model showed nothing until its figures were computed.
    @Test func aBigModelShowsSomethingAtOnce() throws {
        try #require(Self.tmuxAvailable, "tmux is needed for the end-to-end test")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-big-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lesson = """
        ---
        id: huge
        title: A huge model
        model:
          cell: rnn
          hidden: 1024
        task:
          name: adding
          length: 10000
        ---

        ## Wait

        It takes a while.
        """
        try lesson.write(to: dir.appendingPathComponent("01-huge.md"), atomically: true, encoding: .utf8)
        let s = try Session(arguments: "open --lessons '\(dir.path)'")
        let first = try s.waitFor("computing", seconds: 5)
        #expect(first.contains("A huge model") && first.contains("computing"), "nothing on screen at once:\n\(first)")
        if let pid = s.pid { kill(pid, SIGKILL) }
    }
}
