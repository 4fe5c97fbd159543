/// One screen cell: a single-column character and its style.
public struct Cell: Equatable, Hashable, Sendable {
    /// The character, stored as one Unicode scalar (no allocation).
    public var scalar: Unicode.Scalar
    public var style: Style

    /// Creates a cell; characters that are not one column wide become `?` or a space.
    public init(_ character: Character = " ", style: Style = .plain) {
        self.scalar = Cell.sanitize(character)
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

    /// Reduces a character to one scalar of width one.
    static func sanitize(_ c: Character) -> Unicode.Scalar {
        guard let s = c.unicodeScalars.first else { return " " }
        return sanitize(s)
    }

    /// Replaces control characters by a space and wide characters by `?`.
    static func sanitize(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return " " }
        if v < 0x1100 { return s }
        return isWide(v) ? "?" : s
    }

    /// Approximate East Asian wide / emoji ranges (two terminal columns).
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Whether a scalar takes no column (combining marks, zero-width joiners).
    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x300 { return false }
        if (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }
}

/// Display width of a string in terminal columns (each character one column, marks zero).
public func displayWidth(_ s: String) -> Int {
    var n = 0
    for ch in s {
        guard let first = ch.unicodeScalars.first else { continue }
        if !Cell.isZeroWidth(first) { n += 1 }
    }
    return n
}
