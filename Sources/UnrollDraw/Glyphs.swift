/// The characters widgets draw with: a UTF-8 set and a plain ASCII set.
///
/// With `asciiOnly` (the `.ascii` set) every text a widget draws is first spelled in ASCII
/// (`text(_:)`, see `ASCIISpelling`): `ρ` → `rho`, `‖g‖` → `|g|`, `≤` → `<=`. Measure such text with
/// `width(_:)`, which measures the spelling actually drawn.
public struct Glyphs: Hashable, Sendable {
    /// Vertical bar fractions in eighths: index 0 is empty, 8 is a full cell.
    public var eighths: [Character]
    /// Density ramp from empty to full, for sequential values in monochrome.
    public var density: [Character]
    /// Ramp for positive diverging values (index 0 = zero magnitude).
    public var positiveRamp: [Character]
    /// Ramp for negative diverging values (index 0 = zero magnitude).
    public var negativeRamp: [Character]
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// `├`: a vertical line with a branch to the right.
    public var teeRight: Character
    /// `┤`: a vertical line with a branch to the left (axis ticks).
    public var teeLeft: Character
    public var arrowLeft: Character
    public var arrowRight: Character
    public var arrowUp: Character
    public var arrowDown: Character
    public var dot: Character
    public var bullet: Character
    public var ellipsis: Character
    public var infinity: Character
    public var nan: Character
    /// Full-height bar glyph for +inf values.
    public var infBar: Character
    /// Full-height bar glyph for NaN values.
    public var nanBar: Character
    /// Marker drawn on the baseline for a zero value.
    public var zeroMark: Character
    /// Reference-line glyph drawn over bars.
    public var reference: Character
    /// Marker for the cursor column.
    public var cursor: Character
    /// Point of a line chart.
    public var point: Character
    /// `┼`: crossing lines (table rules under a column separator).
    public var cross: Character
    /// Marks a line cut at the right edge (a code line wider than its pane) — drawn reversed.
    public var cutRight: Character
    /// Marks a line scrolled past its left edge — drawn reversed.
    public var cutLeft: Character
    /// The gain marks, indexed by `GainClass.rawValue`: 0, ≪ 1, < 1, ≈ 1, > 1, ≫ 1.
    public var gainMarks: [Character]
    /// True when the terminal can only show 7-bit ASCII: text is spelled with `ASCIISpelling`.
    public var asciiOnly: Bool

    /// Unicode block elements, shading and box drawing.
    public static let utf8 = Glyphs(
        eighths: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        density: [" ", "░", "▒", "▓", "█"],
        positiveRamp: [" ", "·", "░", "▒", "▓", "█"],
        negativeRamp: [" ", "-", "∘", "○", "◎", "●"],
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", teeLeft: "┤",
        arrowLeft: "←", arrowRight: "→", arrowUp: "↑", arrowDown: "↓",
        dot: "·", bullet: "•", ellipsis: "…", infinity: "∞", nan: "?",
        infBar: "▓", nanBar: "░", zeroMark: "·", reference: "╌", cursor: "│", point: "•",
        cross: "┼", cutRight: "»", cutLeft: "«", gainMarks: ["0", "⇓", "↓", "≈", "↑", "⇑"], asciiOnly: false)

    /// Plain 7-bit ASCII.
    public static let ascii = Glyphs(
        eighths: [" ", "_", "_", ".", ".", "-", "-", "=", "#"],
        density: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"],
        positiveRamp: [" ", ".", ":", "+", "*", "#"],
        negativeRamp: [" ", ",", ";", "-", "=", "%"],
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeRight: "+", teeLeft: "+",
        arrowLeft: "<", arrowRight: ">", arrowUp: "^", arrowDown: "v",
        dot: ".", bullet: "-", ellipsis: "~", infinity: "I", nan: "?",
        infBar: "I", nanBar: "?", zeroMark: "o", reference: "~", cursor: "|", point: "*",
        cross: "+", cutRight: ">", cutLeft: "<", gainMarks: ["0", "_", "v", "=", "^", "!"], asciiOnly: true)

    /// `s` as it is drawn with these glyphs: spelled in ASCII when `asciiOnly`, else unchanged.
    public func text(_ s: String) -> String { asciiOnly ? ASCIISpelling.of(s) : s }

    /// Columns `s` takes when drawn with these glyphs (after any ASCII spelling).
    public func width(_ s: String) -> Int { displayWidth(text(s)) }

    /// `s` as drawn with these glyphs, shortened to `width` columns with this set's ellipsis.
    public func truncated(_ s: String, to width: Int) -> String { truncate(text(s), to: width, ellipsis: ellipsis) }

    /// Picks a glyph from a ramp for a magnitude in [0, 1] (0 → index 0, any positive → at least 1).
    static func pick(_ ramp: [Character], _ t: Double) -> Character {
        guard ramp.count > 1 else { return ramp.first ?? " " }
        let m = t.isNaN ? 0 : min(1, max(0, t))
        if m == 0 { return ramp[0] }
        let i = Int((m * Double(ramp.count - 1) - 1e-9).rounded(.up))
        return ramp[min(ramp.count - 1, max(1, i))]
    }
}
