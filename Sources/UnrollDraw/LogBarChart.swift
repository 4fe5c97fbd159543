/// One value per timestep as vertical bars on a log10 scale, with a decade axis on the left.
///
/// The axis has a tick (`┤`) at every decade and labels at regular decades (multiples of
/// `LogAxis.labelStep(rows:)`, see `LogAxis.ticks` and `labelledDecades`).
///
/// Zero (and negative) values draw nothing but a baseline marker; +inf and NaN draw full-height
/// bars in their own glyph and colour; values outside a given axis are clamped with an arrow.
public struct LogBarChart: Sendable {
    public var values: [Double]
    /// Axis to use; nil fits the values (see `LogAxis.fitting`).
    public var axis: LogAxis?
    /// Optional per-timestep reference values (e.g. a theoretical bound) drawn over the bars.
    public var reference: [Double]?
    public var timeline: Timeline
    /// Highlighted timestep, if any.
    public var cursorColumn: Int?
    /// Width of the axis gutter; nil uses the axis label width + 1. Zero hides the axis.
    public var gutterWidth: Int?
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(values: [Double], axis: LogAxis? = nil, reference: [Double]? = nil,
                timeline: Timeline = Timeline(), cursorColumn: Int? = nil, gutterWidth: Int? = nil,
                glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.values = values
        self.axis = axis
        self.reference = reference
        self.timeline = timeline
        self.cursorColumn = cursorColumn
        self.gutterWidth = gutterWidth
        self.glyphs = glyphs
        self.mode = mode
    }

    /// The axis actually drawn.
    public var resolvedAxis: LogAxis { axis ?? LogAxis.fitting(values) }

    /// The gutter width actually used.
    public var resolvedGutter: Int { max(0, gutterWidth ?? resolvedAxis.labelWidth + 1) }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let ax = resolvedAxis
        let pal = Palette(mode)
        let rows = area.height
        let gutter = min(resolvedGutter, area.width)
        let muted = pal.mutedStyle
        if gutter > 0 {
            for r in 0..<rows { buffer.put(x: area.x + gutter - 1, y: area.y + r, glyphs.vertical, style: muted) }
            for (_, row) in ax.ticks(rows: rows) {
                buffer.put(x: area.x + gutter - 1, y: area.maxY - 1 - row, glyphs.teeLeft, style: muted)
            }
            for (d, row) in ax.labelledDecades(rows: rows) {
                let y = area.maxY - 1 - row
                let text = ax.label(d)
                let w = gutter - 1
                let start = area.x + max(0, w - text.count)
                buffer.write(x: start, y: y, text, style: muted, maxWidth: w)
            }
        }
        let plot = area.inset(left: gutter)
        let cw = timeline.columnWidth
        let barWidth = cw >= 3 ? cw - 1 : cw
        let barStyle = Style(fg: pal.bar)
        for (t, x) in timeline.visible(count: values.count, x: plot.x, width: plot.width) {
            let v = values[t]
            let isCursor = cursorColumn == t
            if isCursor {
                // One thin rule down the middle of the column: a whole column of rules reads as a hatched bar.
                for r in 0..<rows { fillCell(&buffer, x + barWidth / 2, area.maxY - 1 - r, 1, glyphs.cursor, pal.mutedStyle, plot) }
            }
            if v.isNaN || v == .infinity {
                let g = v.isNaN ? glyphs.nanBar : glyphs.infBar
                let st = Style(fg: v.isNaN ? pal.nan : pal.inf, attributes: .bold)
                for r in 0..<rows { fillCell(&buffer, x, area.maxY - 1 - r, barWidth, g, st, plot) }
                fillCell(&buffer, x, area.y, barWidth, v.isNaN ? glyphs.nan : glyphs.infinity, st, plot)
            } else if let f = ax.fraction(v) {
                let style = isCursor ? barStyle.adding(.bold).fg(pal.accent) : barStyle
                let eighths = Int(min(Double(rows * 8), max(1, (f * Double(rows) * 8).rounded())))
                let full = eighths / 8, part = eighths % 8
                for r in 0..<full { fillCell(&buffer, x, area.maxY - 1 - r, barWidth, glyphs.eighths[8], style, plot) }
                if part > 0 { fillCell(&buffer, x, area.maxY - 1 - full, barWidth, glyphs.eighths[part], style, plot) }
                if f > 1 { fillCell(&buffer, x, area.y, barWidth, glyphs.arrowUp, style.adding(.bold), plot) }
                if f < 0 { fillCell(&buffer, x, area.maxY - 1, barWidth, glyphs.arrowDown, style, plot) }
            } else {
                fillCell(&buffer, x, area.maxY - 1, barWidth, glyphs.zeroMark, pal.mutedStyle, plot)
            }
            if let ref = reference, t < ref.count, let f = ax.fraction(ref[t]), f >= 0, f <= 1 {
                let y = area.maxY - 1 - LogAxis.row(fraction: f, rows: rows)
                fillCell(&buffer, x, y, cw, glyphs.reference, Style(fg: pal.reference, attributes: .bold), plot)
            }
        }
    }

    private func fillCell(_ b: inout Buffer, _ x: Int, _ y: Int, _ w: Int, _ g: Character, _ s: Style, _ clip: Rect) {
        for i in 0..<w { b.put(x: x.addingClamped(i), y: y, g, style: s, clip: clip) }
    }
}
