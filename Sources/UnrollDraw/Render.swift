extension Buffer {
    /// The buffer as text: exactly `height` lines of exactly `width` columns (trailing spaces kept).
    public func plainLines() -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var s = String.UnicodeScalarView()
            for x in 0..<width { s.append(cells[y * width + x].scalar) }
            lines.append(String(s))
        }
        return lines
    }

    /// The buffer as text with ANSI SGR escapes for `mode`; every line ends with a reset.
    public func ansiText(_ mode: ColorMode) -> String {
        var out = ""
        for y in 0..<height {
            var current: Style? = nil
            for x in 0..<width {
                let cell = cells[y * width + x]
                let style = cell.style.downsampled(to: mode)
                if style != current {
                    out += ANSI.sgr(style, mode: mode)
                    current = style
                }
                out.unicodeScalars.append(cell.scalar)
            }
            out += "\u{1B}[0m"
            if y < height - 1 { out += "\n" }
        }
        return out
    }
}

/// Builders for ANSI escape sequences.
public enum ANSI {
    /// The SGR sequence that selects `style` from a reset state.
    public static func sgr(_ style: Style, mode: ColorMode) -> String {
        var parts = ["0"]
        let a = style.attributes
        if a.contains(.bold) { parts.append("1") }
        if a.contains(.dim) { parts.append("2") }
        if a.contains(.underline) { parts.append("4") }
        if a.contains(.reverse) { parts.append("7") }
        let s = style.downsampled(to: mode)
        if case .indexed(let n) = s.fg { parts.append(color(n, base: 30, mode: mode)) }
        if case .indexed(let n) = s.bg { parts.append(color(n, base: 40, mode: mode)) }
        return "\u{1B}[" + parts.joined(separator: ";") + "m"
    }

    static func color(_ n: UInt8, base: Int, mode: ColorMode) -> String {
        if mode == .c256 { return "\(base + 8);5;\(n)" }
        return "\(base + Int(n % 8))"
    }
}

/// A horizontal run of changed cells on one row.
public struct Run: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

/// Computes what changed between two frames.
public enum BufferDiff {
    /// Runs of changed cells, row by row; a missing old frame or a size change means everything.
    public static func changes(from old: Buffer?, to new: Buffer) -> [Run] {
        let w = new.width
        guard let old, old.width == w, old.height == new.height else {
            return (0..<new.height).compactMap { y in
                w == 0 ? nil : Run(x: 0, y: y, cells: Array(new.cells[(y * w)..<(y * w + w)]))
            }
        }
        var runs: [Run] = []
        new.cells.withUnsafeBufferPointer { n in
            old.cells.withUnsafeBufferPointer { o in
                for y in 0..<new.height {
                    let base = y * w
                    var x = 0
                    while x < w {
                        if n[base + x] == o[base + x] { x += 1; continue }
                        let start = x
                        while x < w && n[base + x] != o[base + x] { x += 1 }
                        runs.append(Run(x: start, y: y, cells: Array(n[(base + start)..<(base + x)])))
                    }
                }
            }
        }
        return runs
    }
}
