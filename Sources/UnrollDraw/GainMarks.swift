/// Six classes of a one-step gain ‖∂s_t/∂s_{t−1}‖, each with its own mark in `Glyphs.gainMarks`,
/// so the gain row tells 0, ≪ 1, < 1, ≈ 1, > 1 and ≫ 1 apart by shape alone (monochrome too).
///
/// | class | rule (defaults) | UTF-8 | ASCII |
/// |---|---|---|---|
/// | `zero` | v = 0 | `0` | `0` |
/// | `muchLess` | 0 < v < 0.1 | `⇓` | `_` |
/// | `less` | 0.1 ≤ v < 0.99 | `↓` | `v` |
/// | `near` | 0.99 ≤ v ≤ 1.01 | `≈` | `=` |
/// | `greater` | 1.01 < v ≤ 10 | `↑` | `^` |
/// | `muchGreater` | v > 10 | `⇑` | `!` |
///
/// `near` is "within `tolerance` of 1" (1 %), `muchLess`/`muchGreater` "beyond a factor `far`" (10).
public enum GainClass: Int, CaseIterable, Sendable {
    case zero, muchLess, less, near, greater, muchGreater

    /// The class of a gain, or nil for NaN, infinite and negative values.
    public static func of(_ v: Double, tolerance: Double = 0.01, far: Double = 10) -> GainClass? {
        guard v.isFinite, v >= 0 else { return nil }
        if v == 0 { return .zero }
        if v < 1 / far { return .muchLess }
        if v < 1 - tolerance { return .less }
        if v <= 1 + tolerance { return .near }
        if v <= far { return .greater }
        return .muchGreater
    }

    /// What the class means, for legends and help (`≪ 1`; spelled in ASCII by the glyphs).
    public var meaning: String {
        switch self {
        case .zero: return "0"
        case .muchLess: return "≪ 1"
        case .less: return "< 1"
        case .near: return "≈ 1"
        case .greater: return "> 1"
        case .muchGreater: return "≫ 1"
        }
    }

    /// The mark for this class.
    public func mark(_ glyphs: Glyphs) -> Character {
        rawValue < glyphs.gainMarks.count ? glyphs.gainMarks[rawValue] : "?"
    }

    /// A one-line legend: `0 =0  ⇓ ≪1  ↓ <1  ≈ ≈1  ↑ >1  ⇑ ≫1` (ASCII: `0 =0  _ <<1  v <1 …`).
    public static func legend(_ glyphs: Glyphs) -> String {
        glyphs.text(allCases.map { "\($0.mark(glyphs)) \($0 == .zero ? "=0" : $0.meaning.replacingSpaces())" }.joined(separator: "  "))
    }

    /// The cell for a gain: its mark coloured on the diverging scale by log10(v) (blue shrinks, red
    /// grows); `≪`/`≫` bold; zero muted; NaN / ∞ as `Glyphs.nan` / `infinity`.
    public static func cell(_ v: Double, glyphs: Glyphs, mode: ColorMode) -> Cell {
        let pal = Palette(mode)
        if v.isNaN { return Cell(glyphs.nan, style: Style(fg: pal.nan, attributes: .bold)) }
        if v.isInfinite { return Cell(glyphs.infinity, style: Style(fg: pal.inf, attributes: .bold)) }
        guard let c = GainClass.of(v) else { return Cell(glyphs.nan, style: Style(fg: pal.nan, attributes: .bold)) }
        if c == .zero { return Cell(c.mark(glyphs), style: pal.mutedStyle) }
        let strong: Attributes = c == .muchLess || c == .muchGreater ? .bold : []
        let color = pal.diverging(min(1, max(-1, Math.log10(v))))
        return Cell(c.mark(glyphs), style: Style(fg: color, attributes: strong))
    }
}

extension String {
    func replacingSpaces() -> String { filter { $0 != " " } }
}
