import ArgumentParser
import Foundation
import UnrollApp
import UnrollDraw
import UnrollTerminal

/// `unroll open [LESSON]`: the interactive screen (also what `unroll` alone does).
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open a lesson in the terminal (the default command).")

    @Argument(help: "The lesson: an id, a number (\"8\") or a path to a .md file (default: the first).")
    var lesson: String?

    @Option(parsing: .unconditional, help: "The page to open (1-based).")
    var page: Int = 1

    @OptionGroup var options: LessonOptions

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @OptionGroup(title: "Your own model") var modelOptions: ModelOptions

    func run() throws {
        if modelOptions.model != nil {
            if let lesson { fail("give either a lesson or --model, not both (got \(lesson))") }
            let run = modelOptions.load()
            Interactive.requireTerminal()
            let state = AppState(imported: run, model: modelOptions.model!, input: modelOptions.input!, target: modelOptions.target)
            try Interactive.run(state: state, ascii: ascii)
            return
        }
        if let flag = modelOptions.strayFlag { fail("\(flag) goes with --model FILE.safetensors") }
        try Interactive.run(lesson: lesson, page: page, options: options, ascii: ascii)
    }
}

/// The interactive loop: draw, wait briefly for a key, update; tick animations and training.
enum Interactive {
    static func run(lesson: String?, page: Int, options: LessonOptions, ascii: Bool) throws {
        // The lesson first, so a wrong name is reported as such in any terminal.
        let opened = options.open(lesson, page: page)
        requireTerminal()
        try run(ascii: ascii, splash: { splash(opened, width: $0, height: $1) },
                state: { opened.state(width: $0, height: $1) })
    }

    /// Ends the program with a hint when there is no interactive terminal.
    static func requireTerminal() {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            fail("unroll's screen needs an interactive terminal. Without one, print a frame with\n" +
                 "  unroll render LESSON [--page N] [--keys KEYS] [--size 100x30]\n" +
                 "or the numbers with `unroll export LESSON`.")
        }
    }

    /// Runs the screen from a state until the student quits.
    static func run(state initial: AppState, ascii: Bool) throws {
        try run(ascii: ascii, splash: nil, state: { _, _ in initial })
    }

    /// Starts the terminal, shows `splash` (when given) while `state` computes the first state at
    /// the terminal's size, then runs the loop.
    static func run(ascii: Bool, splash: ((Int, Int) -> Buffer)?, state makeState: (Int, Int) -> AppState) throws {
        let terminal = Terminal()
        do { try terminal.start(forceASCII: ascii) } catch { fail(error.description) }
        // Something on screen at once: a big model's figures can take a while.
        terminal.syncSize()
        var size = terminal.size
        if let splash { terminal.present(splash(size.width, size.height)) }
        var state = makeState(size.width, size.height)
        var signal: Int32?
        // Updates per panel per tick: lowered when a tick takes long, so keys stay responsive
        // at any speed; the pace itself is the state's (+ and - change it).
        var budget = 64
        var lastTick = DispatchTime.now().uptimeNanoseconds
        loop: while true {
            if let s = Terminal.takePendingSignal() { signal = s; break }
            if terminal.inputClosed { signal = SIGHUP; break }
            terminal.syncSize()
            size = terminal.size
            if size.width != state.width || size.height != state.height {
                state = update(state, .resize(width: size.width, height: size.height)).0
            }
            terminal.present(view(state, width: size.width, height: size.height, glyphs: terminal.glyphs, mode: terminal.colorMode))
            let ticking = state.isBusy
            let key = terminal.readKey(timeoutMilliseconds: ticking ? 30 : 200)
            if let key {
                if case .ctrl("z") = key { continue }
                if case .ctrl("l") = key { terminal.invalidate(); continue }
                let (next, effects) = update(state, .key(key))
                state = next
                if effects.contains(Effect.quit) { break loop }
                for case .save(let path, let bytes) in effects {
                    state = update(state, ModelFiles.save(bytes, near: path)).0
                }
                lastTick = DispatchTime.now().uptimeNanoseconds
            } else if ticking {
                let now = DispatchTime.now().uptimeNanoseconds
                let elapsed = Int(min(1000, Double(now - lastTick) / 1e6))
                lastTick = now
                state = update(state, .tick(milliseconds: elapsed, budget: budget)).0
                let ms = Double(DispatchTime.now().uptimeNanoseconds - now) / 1e6
                if ms < 15 { budget = min(4096, budget * 2) } else if ms > 40 { budget = max(1, budget / 2) }
            } else {
                lastTick = DispatchTime.now().uptimeNanoseconds
            }
        }
        terminal.stop()
        if let signal { exit(128 + signal) }
    }

    /// The first frame, drawn before the page's figures are computed.
    static func splash(_ opened: LessonCommand.Opened, width: Int, height: Int) -> Buffer {
        var b = Buffer(width: max(1, width), height: max(1, height))
        let title = opened.lesson.number.map { "\($0). " } ?? ""
        b.write(x: 1, y: 0, "unroll │ \(title)\(opened.lesson.title)")
        b.write(x: 1, y: 2, "computing the figures for page \(opened.page)…  (q or Ctrl-C quits once they are on screen)")
        return b
    }
}

/// Writing model files the screen asks for (`w`).
enum ModelFiles {
    /// Writes `bytes` at `path`, or at `NAME-2.EXT`, `NAME-3.EXT`, … when the name is taken (an
    /// existing file is never overwritten); the message says where, or why not.
    static func save(_ bytes: [UInt8], near path: String) -> Message {
        let fm = FileManager.default
        let base = (path as NSString).deletingPathExtension, ext = (path as NSString).pathExtension
        var candidate = path
        var n = 2
        while fm.fileExists(atPath: candidate) && n < 1000 {
            candidate = "\(base)-\(n).\(ext)"
            n += 1
        }
        // O_EXCL: a file that appears meanwhile is not overwritten either.
        let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { return .saved(path: candidate, problem: "\(candidate): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let r = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if r < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                unlink(candidate)
                return .saved(path: candidate, problem: "\(candidate): \(why)")
            }
            written += r
        }
        return .saved(path: candidate, problem: nil)
    }
}
