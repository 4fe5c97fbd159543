/// One screen cell: a single-column character and its style.
public struct Cell: Equatable, Hashable, Sendable {
    /// The character, stored as one Unicode scalar (no allocation).
    public var scalar: Unicode.Scalar
    public var style: Style

    /// Creates a cell; characters that are not one column wide become `?` or a space
    /// (see `displayWidth` for the rules).
    public init(_ character: Character = " ", style: Style = .plain) {
        self.scalar = Cell.columnScalars(character)?.0 ?? " "
        self.style = style
    }

    /// Creates a cell from a scalar that is already known to be safe.
    init(scalar: Unicode.Scalar, style: Style) {
        self.scalar = scalar
        self.style = style
    }

    /// The cell's character.
    public var character: Character { Character(scalar) }

    /// A space in the plain style.
    public static let blank = Cell(scalar: " ", style: .plain)

    /// Reduces a character to one scalar of width one (a space when it takes no column).
    static func sanitize(_ c: Character) -> Unicode.Scalar { columnScalars(c)?.0 ?? " " }

    /// The scalar that stands for a whole character (grapheme) in one cell, or nil when the
    /// character takes no column at all (combining marks, zero-width and bidi controls).
    ///
    /// Emoji sequences (variation selector 16, zero-width joiner, skin tones, keycaps, flags) are
    /// drawn two columns wide by terminals and become `?`, like every other wide character.
    static func columnScalar(_ ch: Character) -> Unicode.Scalar? {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return nil }
        if isZeroWidth(first) { return nil }
        if scalars.count > 1 {
            for s in scalars.dropFirst() {
                let v = s.value
                if v == 0xFE0F || v == 0x200D || v == 0x20E3 || (0x1F3FB...0x1F3FF).contains(v) { return "?" }
            }
        }
        return sanitize(first)
    }

    /// The cells one character (grapheme) takes: none for zero-width ones; one for almost all; two
    /// for a letter with a combining mark that has no precomposed form, the mark then following as a
    /// spacing character (`c̃` → `c˜`, so c̃_t is not read as c_t). `e` + U+0301 becomes `é`.
    static func columnScalars(_ ch: Character) -> (Unicode.Scalar, Unicode.Scalar?)? {
        guard let base = columnScalar(ch) else { return nil }
        let scalars = ch.unicodeScalars
        guard scalars.count > 1, base != "?", base != " " else { return (base, nil) }
        if let p = precomposed[ch] { return (p, nil) }
        for s in scalars.dropFirst() {
            if let m = spacingMarks[s.value] { return (base, m) }
        }
        return (base, nil)
    }

    /// Columns a character takes (0, 1 or 2; see `columnScalars`).
    static func columns(_ ch: Character) -> Int {
        guard let (_, mark) = columnScalars(ch) else { return 0 }
        return mark == nil ? 1 : 2
    }

    /// Precomposed Latin and Greek letters, found by canonical equivalence (`e` + U+0301 → `é`).
    static let precomposed: [Character: Unicode.Scalar] = {
        var d: [Character: Unicode.Scalar] = [:]
        for r in [0x00C0...0x024F, 0x0386...0x03CE, 0x1E00...0x1EFF] as [ClosedRange<UInt32>] {
            for v in r {
                guard let s = Unicode.Scalar(v), s.properties.generalCategory != .unassigned else { continue }
                let c = Character(s)
                if d[c] == nil { d[c] = s }
            }
        }
        return d
    }()

    /// Spacing forms of combining marks that change what a letter means in formulas.
    static let spacingMarks: [UInt32: Unicode.Scalar] = [
        0x0300: "`", 0x0301: "\u{B4}", 0x0302: "\u{2C6}", 0x0303: "\u{2DC}", 0x0304: "\u{AF}", 0x0305: "\u{AF}",
        0x0306: "\u{2D8}", 0x0307: "\u{2D9}", 0x0308: "\u{A8}", 0x030A: "\u{2DA}", 0x030C: "\u{2C7}", 0x20D7: "\u{2192}",
        0x0332: "_",
    ]

    /// Replaces control characters and separators by a space, wide and unassigned characters by `?`,
    /// and zero-width ones (which would merge with the cell before them) by a space.
    static func sanitize(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return " " }
        if v < 0x300 { return s }
        if isZeroWidth(s) { return " " }
        switch s.properties.generalCategory {
        case .lineSeparator, .paragraphSeparator, .control: return " "
        case .unassigned, .surrogate: return "?"
        default: break
        }
        return isWide(s) ? "?" : s
    }

    /// East Asian wide characters and emoji (two terminal columns in most terminals).
    ///
    /// Errs on the side of "wide": a narrow character shown as `?` costs a glyph, a wide one
    /// counted as narrow would shift every later cell of its row.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        if isWide(s.value) { return true }
        return s.value >= 0x2000 && s.properties.isEmojiPresentation
    }

    /// Wide ranges by code point (CJK, Hangul, full-width forms, emoji planes).
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18CFF, 0x1B000...0x1B2FF,
             0x1F000...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Whether a scalar takes no column: combining marks, zero-width spaces and joiners, variation
    /// selectors, and format characters such as the bidi controls (U+202A–202E, U+2066–2069, U+061C),
    /// which are stripped so that no text can reorder the cells after it.
    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x300 { return false }
        if (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) || (0x1160...0x11FF).contains(v) { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }
}

/// Display width of a string in terminal columns, exactly the columns `Buffer.write` uses for it:
/// each character (grapheme) takes one column, characters that take none (zero-width and bidi
/// controls, lone combining marks) take zero; wide characters are drawn as `?` in one column; a
/// letter with a combining mark that has no precomposed form takes two (`c̃` → `c˜`).
///
/// Measure text *after* any ASCII transliteration (`Glyphs.width(_:)`, `Buffer.displayWidth(_:)`).
public func displayWidth(_ s: String) -> Int {
    var n = 0
    for ch in s { n += Cell.columns(ch) }
    return n
}
