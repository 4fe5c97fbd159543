/// The characters widgets draw with: a UTF-8 set and a plain ASCII set.
public struct Glyphs: Equatable, Sendable {
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
        infBar: "▓", nanBar: "░", zeroMark: "·", reference: "╌", cursor: "│", point: "•")

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
        infBar: "I", nanBar: "?", zeroMark: "o", reference: "~", cursor: "|", point: "*")

    /// Picks a glyph from a ramp for a magnitude in [0, 1] (0 → index 0, any positive → at least 1).
    static func pick(_ ramp: [Character], _ t: Double) -> Character {
        guard ramp.count > 1 else { return ramp.first ?? " " }
        let m = t.isNaN ? 0 : min(1, max(0, t))
        if m == 0 { return ramp[0] }
        let i = Int((m * Double(ramp.count - 1) - 1e-9).rounded(.up))
        return ramp[min(ramp.count - 1, max(1, i))]
    }
}
