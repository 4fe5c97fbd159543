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
}
