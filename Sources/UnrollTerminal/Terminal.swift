import CNcurses
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
    public func start(raw: Bool = true, forceASCII: Bool = false, forceColorMode: ColorMode? = nil) {
        guard !isActive else { return }
        let utf8 = unroll_setlocale_is_utf8() != 0
        glyphs = utf8 && !forceASCII ? .utf8 : .ascii
        unroll_install_signal_handlers()
        unroll_install_crash_handlers()
        unroll_register_atexit()
        initscr()
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

    /// Waits up to `timeoutMilliseconds` (negative = forever) for a key; nil on timeout.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard isActive else { return nil }
        timeout(Int32(clamping: timeoutMilliseconds))
        var ch: wint_t = 0
        let r = get_wch(&ch)
        if r == unroll_err() { return nil }
        if r == unroll_key_code_yes() { return special(Int32(bitPattern: UInt32(ch))) }
        return character(UInt32(ch))
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

    private func character(_ v: UInt32) -> Key {
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(v) + 96)))
        case 0, 28...31: return .unknown
        default:
            guard let s = Unicode.Scalar(v) else { return .unknown }
            return .char(Character(s))
        }
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
