/// Column geometry shared by the timeline widgets: one column group per timestep.
///
/// Timestep `t` starts at `area.x + gutterWidth + (t - firstColumn) * columnWidth`; use the same
/// gutter, column width and scroll offset in every row of a screen to keep timesteps aligned.
public struct Timeline: Equatable, Sendable {
    /// Cells per timestep (at least 1).
    public var columnWidth: Int
    /// The first visible timestep (scroll offset, at least 0).
    public var firstColumn: Int

    public init(columnWidth: Int = 1, firstColumn: Int = 0) {
        self.columnWidth = max(1, columnWidth)
        self.firstColumn = max(0, firstColumn)
    }

    /// How many whole or partial timesteps fit in `width` cells.
    public func visibleCount(width: Int) -> Int {
        let w = max(0, width), cw = max(1, columnWidth)
        return (w + cw - 1) / cw
    }

    /// Visible (timestep, x) pairs for `count` timesteps drawn into a plot region starting at `x`.
    public func visible(count: Int, x: Int, width: Int) -> [(t: Int, x: Int)] {
        let first = max(0, firstColumn), cw = max(1, columnWidth)
        guard count > first else { return [] }
        let n = min(count - first, visibleCount(width: width))
        return (0..<max(0, n)).map { (first + $0, x.addingClamped($0.multipliedClamped(cw))) }
    }

    /// The first timestep to show so that `t` is visible in a plot `width` cells wide.
    public func scrolledToShow(_ t: Int, width: Int) -> Timeline {
        let fit = max(1, max(0, width) / max(1, columnWidth))
        var s = self
        if t < firstColumn { s.firstColumn = max(0, t) }
        else if t >= firstColumn + fit { s.firstColumn = max(0, t - fit + 1) }
        return s
    }

    /// The timesteps (0-based) wholly or partly visible for `count` steps in a plot `width` wide.
    public func shownRange(count: Int, width: Int) -> ClosedRange<Int>? {
        let v = visible(count: count, x: 0, width: width)
        guard let a = v.first?.t, let b = v.last?.t else { return nil }
        return a...b
    }

    /// Says which steps the plot shows when not all fit: `steps 1–16 of 30 →`, `← steps 15–30 of 30`
    /// (arrows where more lie off screen, 1-based like the lessons); empty when every step shows.
    public func caption(count: Int, width: Int, noun: String = "steps", glyphs: Glyphs = .utf8) -> String {
        guard let r = shownRange(count: count, width: width) else { return "" }
        let fit = max(1, max(0, width) / max(1, columnWidth))
        let last = min(r.upperBound, r.lowerBound + fit - 1)  // the last whole column
        return Timeline.rangeCaption(noun, first: r.lowerBound, shown: last - r.lowerBound + 1, total: count, glyphs: glyphs)
    }

    /// `units 5–8 of 16`, with `←`/`→` (or `↑`/`↓` when `vertical`) where more lie beyond; empty when
    /// all `total` are shown. `first` is 0-based.
    public static func rangeCaption(_ noun: String, first: Int, shown: Int, total: Int, vertical: Bool = false, glyphs: Glyphs = .utf8) -> String {
        guard total > 0, shown < total, shown > 0 else { return "" }
        let a = max(0, min(first, total - 1)), b = min(total, a + shown)
        var s = "\(noun) \(a + 1)–\(b) of \(total)"
        if a > 0 { s = String(vertical ? glyphs.arrowUp : glyphs.arrowLeft) + " " + s }
        if b < total { s += " " + String(vertical ? glyphs.arrowDown : glyphs.arrowRight) }
        return glyphs.text(s)
    }
}
