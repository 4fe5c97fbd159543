/// Rows = training iterations, columns = timesteps, log10-scaled values on a sequential scale.
///
/// Used for gradient-norm history. If there are more iterations than rows, the newest are shown.
public struct HistoryHeatmap: Sendable {
    /// history[iteration][timestep].
    public var history: [[Double]]
    /// Axis for the colour scale; nil fits all values.
    public var axis: LogAxis?
    /// Newest iteration on the top row (otherwise at the bottom).
    public var newestAtTop: Bool
    public var timeline: Timeline
    /// Gutter width (blank, for aligning with other timeline rows); iteration numbers are shown if they fit.
    public var gutterWidth: Int
    /// Iteration number of `history[0]` (for the gutter labels).
    public var firstIteration: Int
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(history: [[Double]], axis: LogAxis? = nil, newestAtTop: Bool = false, timeline: Timeline = Timeline(),
                gutterWidth: Int = 0, firstIteration: Int = 0, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.history = history
        self.axis = axis
        self.newestAtTop = newestAtTop
        self.timeline = timeline
        self.gutterWidth = gutterWidth
        self.firstIteration = firstIteration
        self.glyphs = glyphs
        self.mode = mode
    }

    /// The axis actually used.
    public var resolvedAxis: LogAxis { axis ?? LogAxis.fitting(history.joined()) }

    /// The cell for one value on a given axis.
    public static func cell(_ v: Double, axis: LogAxis, glyphs: Glyphs, mode: ColorMode) -> Cell {
        let pal = Palette(mode)
        if v.isNaN { return Cell(glyphs.nan, style: Style(fg: pal.nan, attributes: .bold)) }
        if v == .infinity { return Cell(glyphs.infinity, style: Style(fg: pal.inf, attributes: .bold)) }
        guard let f0 = axis.fraction(v) else { return Cell(glyphs.zeroMark, style: pal.mutedStyle) }
        let f = min(1, max(0, f0))
        switch mode {
        case .c256: return Cell(" ", style: Style(bg: pal.sequential(f)))
        case .eight, .monochrome:
            let g = Glyphs.pick(glyphs.density, max(f, 1e-9))
            return Cell(g, style: Style(fg: pal.sequential(f)))
        }
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let ax = resolvedAxis
        let gutter = min(max(0, gutterWidth), area.width)
        let plot = area.inset(left: gutter)
        let shown = min(history.count, area.height)
        let muted = Palette(mode).mutedStyle
        for k in 0..<shown {
            let i = history.count - shown + k  // oldest shown first
            let r = newestAtTop ? shown - 1 - k : k
            let y = area.y + r
            if gutter > 1 && (k == 0 || k == shown - 1) {
                let label = String(firstIteration.addingClamped(i))
                buffer.write(x: area.x + max(0, gutter - 1 - label.count), y: y, label, style: muted, maxWidth: gutter - 1)
            }
            let row = history[i]
            for (t, x) in timeline.visible(count: row.count, x: plot.x, width: plot.width) {
                let c = HistoryHeatmap.cell(row[t], axis: ax, glyphs: glyphs, mode: mode)
                for j in 0..<timeline.columnWidth where plot.contains(x: x.addingClamped(j), y: y) {
                    buffer.put(x: x + j, y: y, cell: c)
                }
            }
        }
    }
}
