import CNcurses
import Dispatch
import UnrollDraw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ncursesw backend: starts and stops curses, blits buffers, reads keys.
///
/// Everything terminal-specific lives here; widgets draw into `Buffer`s and never see ncurses.
/// Use from one thread (the main loop). SIGTSTP/SIGCONT are left to ncurses' own handler; in raw
/// mode Ctrl-Z arrives as `.ctrl("z")` instead.
public final class Terminal {
    /// Glyph set chosen from the locale (UTF-8 or ASCII); valid after `start()`.
    public private(set) var glyphs: Glyphs = .ascii
    /// Colour mode detected from the terminal and `NO_COLOR`; valid after `start()`.
    public private(set) var colorMode: ColorMode = .monochrome
    /// Whether curses mode is on.
    public private(set) var isActive = false

    private var last: Buffer?
    private var pairs = ColorPairCache(capacity: 0)
    private var useRaw = true

    public init() {}

    deinit { stop() }

    /// Enters curses mode. Raw mode (default) delivers Ctrl-C as `.ctrl("c")` instead of SIGINT.
    ///
    /// `forceASCII` and `forceColorMode` override the detection (e.g. from command-line flags).
    /// Throws, without touching the terminal, when TERM is unset, unknown or cannot move the
    /// cursor (ncurses would print a bare "Error opening terminal" and exit).
    public func start(raw: Bool = true, forceASCII: Bool = false, forceColorMode: ColorMode? = nil) throws(TerminalError) {
        guard !isActive else { return }
        if let problem = TerminalError(check: unroll_check_terminal()) { throw problem }
        let utf8 = unroll_setlocale_is_utf8() != 0
        glyphs = utf8 && !forceASCII ? .utf8 : .ascii
        Terminal.installSignalHandlers()
        unroll_install_crash_handlers()
        unroll_register_atexit()
        guard unroll_start_curses() != 0 else { throw TerminalError.unusable(Terminal.termName) }
        unroll_set_active(1)
        isActive = true
        useRaw = raw
        if raw { _ = CNcurses.raw() } else { cbreak() }
        noecho()
        keypad(unroll_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        var mode = ColorMode.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            let n = unroll_colors()
            mode = n >= 256 ? .c256 : (n >= 8 ? .eight : .monochrome)
        }
        if let nc = getenv("NO_COLOR"), nc.pointee != 0 { mode = .monochrome }
        if let f = forceColorMode { mode = min(f, mode) }
        colorMode = mode
        pairs = ColorPairCache(capacity: max(0, min(Int(unroll_color_pairs()) - 1, 32_767, 1024)))
        _ = unroll_enable_mouse()
        last = nil
        inputClosed = false
    }

    /// Records every signal that would end the program (INT, TERM, HUP, QUIT, USR1, USR2, ALRM,
    /// PIPE, …) for `takePendingSignal()`, so the program can restore the terminal, or finish a
    /// training step, before it exits. `start()` calls it; `unroll train` calls it on its own.
    public static func installSignalHandlers() { unroll_install_signal_handlers() }

    static var termName: String {
        guard let t = getenv("TERM") else { return "" }
        return String(cString: t)
    }

    /// True once standard input has ended (the terminal went away without a SIGHUP, e.g. under
    /// `setsid` when its window closed): the main loop must stop instead of spinning on reads
    /// that return at once.
    public private(set) var inputClosed = false

    /// Reads the size from the terminal itself (TIOCGWINSZ on the output) and resizes curses
    /// when it changed: without a controlling terminal (`setsid`) no SIGWINCH ever arrives.
    /// Returns true when the size changed.
    @discardableResult
    public func syncSize() -> Bool {
        guard isActive, unroll_sync_size() != 0 else { return false }
        last = nil
        return true
    }

    /// The terminal size in cells.
    public var size: (width: Int, height: Int) {
        (max(0, Int(unroll_cols())), max(0, Int(unroll_lines())))
    }

    /// Shows `buffer`, sending only the cells that changed since the last call (all after a resize).
    public func present(_ buffer: Buffer) {
        guard isActive else { return }
        if let l = last, l.width != buffer.width || l.height != buffer.height {
            last = nil
        }
        if last == nil {
            pairs.reset()
            erase()
            clearok(unroll_stdscr(), true)
        }
        for run in BufferDiff.changes(from: last, to: buffer) {
            var x = run.x
            for cell in run.cells {
                let style = cell.style.downsampled(to: colorMode)
                _ = unroll_put(Int32(run.y), Int32(x), cell.scalar.value, attributes(style.attributes), pair(for: style))
                x += 1
            }
        }
        refresh()
        last = buffer
    }

    /// Forces the next `present` to redraw everything (e.g. after the screen was disturbed).
    public func invalidate() { last = nil }

    /// Waits up to `timeoutMilliseconds` (negative = forever) for a key; nil on timeout or once
    /// input has ended (see `inputClosed`).
    ///
    /// ncurses translates the sequences its terminfo entry knows; an ESC it passes through is
    /// decoded here by `KeyDecoder` with whatever follows, so a sequence TERM does not describe
    /// (ESC [ 1 ~ for Home in tmux, say) is one key and never `[`, `1`, `~`.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard isActive, !inputClosed else { return nil }
        if !pendingKeys.isEmpty { return pendingKeys.removeFirst() }
        guard let first = nextInput(timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        let v: UInt32
        switch first {
        case .code(let c): return special(c)
        case .scalar(let s): v = s
        }
        guard v == 27 else { return KeyDecoder.plain(v) }
        var sequence: [UInt32] = [27]
        while true {
            switch KeyDecoder.decode(sequence) {
            case .key(let key, let length):
                pendingInput.insert(contentsOf: sequence[length...], at: 0)
                return key
            case .incomplete:
                // The rest of a sequence arrives together; 50 ms is ample even over SSH.
                guard let next = nextInput(timeoutMilliseconds: 50) else { return KeyDecoder.finish(sequence) }
                switch next {
                case .scalar(let s): sequence.append(s)
                case .code(let c):
                    pendingKeys.append(special(c))
                    return KeyDecoder.finish(sequence)
                }
            }
        }
    }

    private enum Input { case scalar(UInt32), code(Int32) }
    /// Scalars read past the end of a decoded sequence, decoded first next time.
    private var pendingInput: [UInt32] = []
    /// Keys read while finishing a sequence.
    private var pendingKeys: [Key] = []
    /// Reads that returned at once with nothing although input was readable or hung up.
    private var emptyReads = 0

    private func nextInput(timeoutMilliseconds: Int) -> Input? {
        if !pendingInput.isEmpty { return .scalar(pendingInput.removeFirst()) }
        timeout(Int32(clamping: timeoutMilliseconds))
        let start = DispatchTime.now().uptimeNanoseconds
        var ch: wint_t = 0
        let r = get_wch(&ch)
        if r == unroll_err() {
            // A timeout, a signal, or the end of input. End of input returns at once, and poll
            // then reports a hang-up, or readable input that read() turns into 0 bytes.
            let elapsed = Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            let state = unroll_input_state()
            if state == 2 || (state == 1 && elapsed < max(1, timeoutMilliseconds / 2)) {
                emptyReads += 1
                if state == 2 || emptyReads >= 3 { inputClosed = true }
            } else {
                emptyReads = 0
            }
            return nil
        }
        emptyReads = 0
        if r == unroll_key_code_yes() { return .code(Int32(bitPattern: UInt32(ch))) }
        return .scalar(UInt32(ch))
    }

    /// Leaves curses mode and restores the terminal. Safe to call more than once.
    public func stop() {
        guard isActive else { return }
        isActive = false
        last = nil
        unroll_restore()
    }

    /// The signal (SIGINT, SIGTERM, SIGHUP) received since the last call, if any; clears it.
    /// Poll this in the main loop and exit cleanly (calling `stop()`).
    public static func takePendingSignal() -> Int32? {
        let s = unroll_take_signal()
        return s == 0 ? nil : s
    }

    /// The pending signal without clearing it (nil if none).
    public static var pendingSignal: Int32? {
        let s = unroll_peek_signal()
        return s == 0 ? nil : s
    }

    /// Restores the terminal from anywhere (e.g. before a fatal error); idempotent.
    public static func emergencyRestore() { unroll_restore() }

    // MARK: - Mapping

    private func attributes(_ a: Attributes) -> attr_t {
        var r = unroll_a_normal()
        if a.contains(.bold) { r |= unroll_a_bold() }
        if a.contains(.dim) { r |= unroll_a_dim() }
        if a.contains(.reverse) { r |= unroll_a_reverse() }
        if a.contains(.underline) { r |= unroll_a_underline() }
        return r
    }

    private func pair(for style: Style) -> Int32 {
        guard colorMode != .monochrome else { return 0 }
        let fg = Self.number(style.fg), bg = Self.number(style.bg)
        if fg == -1 && bg == -1 { return 0 }
        switch pairs.lookup(fg: fg, bg: bg) {
        case .existing(let p): return p
        case .new(let p):
            init_pair(Int16(p), Int16(fg), Int16(bg))
            return p
        case .fallback(let p): return p
        }
    }

    private static func number(_ c: Color) -> Int32 {
        switch c { case .default: -1; case .indexed(let n): Int32(n) }
    }

    private func special(_ code: Int32) -> Key {
        switch code {
        case unroll_key_left(): return .left
        case unroll_key_right(): return .right
        case unroll_key_up(): return .up
        case unroll_key_down(): return .down
        case unroll_key_home(): return .home
        case unroll_key_end(): return .end
        case unroll_key_ppage(): return .pageUp
        case unroll_key_npage(): return .pageDown
        case unroll_key_enter(): return .enter
        case unroll_key_backspace(): return .backspace
        case unroll_key_f1(): return .f1
        case unroll_key_resize():
            last = nil
            let s = size
            return .resize(width: s.width, height: s.height)
        case unroll_key_mouse():
            var x: Int32 = 0, y: Int32 = 0
            return unroll_mouse_click(&x, &y) != 0 ? .mouseClick(x: Int(x), y: Int(y)) : .unknown
        default: return .unknown
        }
    }
}

/// Why the screen cannot start, with what to do about it; `description` is one line in unroll's
/// voice (the caller prefixes `unroll:`).
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    case termUnset
    case unknownTerm(String)
    case noTerminfo(String)
    case cannotAddressCursor(String)
    case unusable(String)

    init?(check code: Int32) {
        let term = Terminal.termName
        switch code {
        case 0: return nil
        case 1: self = .termUnset
        case 2: self = .unknownTerm(term)
        case 3: self = .noTerminfo(term)
        default: self = .cannotAddressCursor(term)
        }
    }

    public var description: String {
        let fix = "set TERM to your terminal's type, e.g. `TERM=xterm-256color unroll`, or print a frame with `unroll render LESSON`"
        switch self {
        case .termUnset:
            return "TERM is not set, so the screen can't be drawn; \(fix)"
        case .unknownTerm(let t):
            return "this system has no terminal description for TERM=\(t); \(fix) (or install ncurses-term)"
        case .noTerminfo(let t):
            return "no terminfo database was found for TERM=\(t); install ncurses-base, or \(fix)"
        case .cannotAddressCursor(let t):
            return "TERM=\(t) can't move the cursor, which the screen needs; \(fix)"
        case .unusable(let t):
            return "the terminal (TERM=\(t)) could not be opened; \(fix)"
        }
    }
}
