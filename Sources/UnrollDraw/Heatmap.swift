/// A matrix (rows = units, columns = timesteps) coloured by a diverging scale.
///
/// In 256 colours each cell is a coloured background; in 8 colours and monochrome the magnitude
/// is a glyph ramp (`Glyphs.positiveRamp` / `negativeRamp`) so the sign stays readable. NaN and
/// ±inf show `Glyphs.nan` / `Glyphs.infinity`. `range` fixes the bounds, `scale` how values between
/// them are spread (`HeatScale.auto(for:)` picks a log-compressed one when values span decades).
public struct Heatmap: Sendable {
    /// values[unit][timestep].
    public var values: [[Double]]
    public var range: ValueRange
    /// Linear, log-compressed or per-step (see `HeatScale`); print its `name` when not linear.
    public var scale: HeatScale
    public var timeline: Timeline
    /// First unit shown (vertical scroll).
    public var firstRow: Int
    /// Highlighted timestep, if any.
    public var cursorColumn: Int?
    /// Labels drawn in the gutter, one per unit (e.g. `h0`).
    public var rowLabels: [String]
    /// Gutter width; nil uses the widest label + 1 (or 0 without labels).
    public var gutterWidth: Int?
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(values: [[Double]], range: ValueRange = .auto, scale: HeatScale = .linear, timeline: Timeline = Timeline(),
                firstRow: Int = 0, cursorColumn: Int? = nil, rowLabels: [String] = [], gutterWidth: Int? = nil,
                glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.values = values
        self.range = range
        self.scale = scale
        self.timeline = timeline
        self.firstRow = firstRow
        self.cursorColumn = cursorColumn
        self.rowLabels = rowLabels
        self.gutterWidth = gutterWidth
        self.glyphs = glyphs
        self.mode = mode
    }

    /// Builds the unit-major matrix from per-timestep vectors (`columns[t][unit]`).
    public static func rows(fromColumns columns: [[Double]]) -> [[Double]] {
        let units = columns.map(\.count).max() ?? 0
        return (0..<units).map { u in columns.map { u < $0.count ? $0[u] : .nan } }
    }

    /// The gutter width actually used.
    public var resolvedGutter: Int {
        max(0, gutterWidth ?? (rowLabels.isEmpty ? 0 : (rowLabels.map(glyphs.width).max() ?? 0) + 1))
    }

    /// The cell for one value, given resolved bounds (linear scale).
    public static func cell(_ v: Double, bounds: (low: Double, high: Double), glyphs: Glyphs, mode: ColorMode) -> Cell {
        cell(v, bounds: bounds, scale: .linear, glyphs: glyphs, mode: mode)
    }

    /// The cell for one value, given resolved bounds and a scale (`.perStep` acts as linear here:
    /// pass the column's own bounds).
    public static func cell(_ v: Double, bounds: (low: Double, high: Double), scale: HeatScale, glyphs: Glyphs, mode: ColorMode) -> Cell {
        let pal = Palette(mode)
        if v.isNaN {
            return mode == .c256 ? Cell(glyphs.nan, style: Style(fg: .indexed(16), bg: pal.nan, attributes: .bold))
                                 : Cell(glyphs.nan, style: Style(fg: pal.nan, attributes: .bold))
        }
        let t = scale == .perStep ? ValueRange.normalize(v, bounds) : scale.normalize(v, bounds)
        if v.isInfinite {
            return mode == .c256 ? Cell(glyphs.infinity, style: Style(fg: .indexed(231), bg: pal.diverging(v > 0 ? 1 : -1), attributes: .bold))
                                 : Cell(glyphs.infinity, style: Style(fg: pal.inf, attributes: v < 0 ? [.bold, .underline] : .bold))
        }
        if mode == .c256 { return Cell(" ", style: Style(bg: pal.diverging(t))) }
        let ramp = t < 0 ? glyphs.negativeRamp : glyphs.positiveRamp
        return Cell(Glyphs.pick(ramp, abs(t)), style: Style(fg: pal.diverging(t)))
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let bounds = range.bounds(for: values)
        var columnBounds: [(low: Double, high: Double)] = []
        if scale == .perStep {
            let steps = values.map(\.count).max() ?? 0
            columnBounds = (0..<steps).map { t in range.bounds(for: [values.map { t < $0.count ? $0[t] : .nan }]) }
        }
        let gutter = min(resolvedGutter, area.width)
        let plot = area.inset(left: gutter)
        let pal = Palette(mode)
        let start = max(0, firstRow)
        let cw = timeline.columnWidth
        for r in 0..<area.height {
            let u = start.addingClamped(r)
            guard u < values.count else { break }
            let y = area.y + r
            if gutter > 1, u < rowLabels.count {
                buffer.write(x: area.x, y: y, glyphs.text(rowLabels[u]), style: pal.mutedStyle, maxWidth: gutter - 1)
            }
            let row = values[u]
            for (t, x) in timeline.visible(count: row.count, x: plot.x, width: plot.width) {
                let b = t < columnBounds.count ? columnBounds[t] : bounds
                var cell = Heatmap.cell(row[t], bounds: b, scale: scale, glyphs: glyphs, mode: mode)
                if cursorColumn == t {
                    if cell.scalar == " " && mode == .c256 {
                        cell = Cell(glyphs.cursor, style: cell.style.fg(.indexed(231)).adding(.bold))
                    } else {
                        cell.style = cell.style.adding(.reverse)
                    }
                }
                for i in 0..<cw where plot.contains(x: x.addingClamped(i), y: y) {
                    buffer.put(x: x + i, y: y, cell: cell)
                }
            }
        }
    }
}

/// The heatmap's scale in one row: `low [scale] high`, then the scale's name when it is not
/// linear (`symlog s=0.01`, `per step`), then NaN/inf keys when they fit.
///
/// For `.perStep` the ends read `-max` and `max` (each step has its own bounds). Measure it with
/// `width` to reserve room before drawing.
public struct HeatmapLegend: Sendable {
    public var low: Double
    public var high: Double
    public var scale: HeatScale
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(low: Double, high: Double, scale: HeatScale = .linear, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.low = low
        self.high = high
        self.scale = scale
        self.glyphs = glyphs
        self.mode = mode
    }

    /// A legend for the bounds and scale a heatmap resolves to.
    public init(for heatmap: Heatmap) {
        let b = heatmap.range.bounds(for: heatmap.values)
        self.init(low: b.low, high: b.high, scale: heatmap.scale, glyphs: heatmap.glyphs, mode: heatmap.mode)
    }

    /// The scale as cells, most negative first (evenly spaced along the scale, not the values).
    public func scaleCells() -> [Cell] {
        let b = (low: low, high: high)
        let steps = mode == .c256 ? 11 : (glyphs.negativeRamp.count - 1) + 1 + (glyphs.positiveRamp.count - 1)
        let linear = scale == .perStep ? HeatScale.linear : scale
        return (0..<steps).map { i in
            let t = Double(i) / Double(steps - 1) * 2 - 1
            return Heatmap.cell(linear.value(at: t, b), bounds: b, scale: linear, glyphs: glyphs, mode: mode)
        }
    }

    /// The end labels as drawn.
    var labels: (String, String) {
        scale == .perStep ? ("-max", "max") : (NumberFormat.short(low), NumberFormat.short(high))
    }

    /// Columns the legend needs for its labels, scale and name (without the NaN/inf keys).
    public var width: Int {
        let (l, h) = labels
        return l.count + 1 + scaleCells().count + 1 + h.count + (scale == .linear ? 0 : 2 + glyphs.width(scale.name))
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let muted = Palette(mode).mutedStyle
        var x = area.x
        let y = area.y
        let (lowLabel, highLabel) = labels
        x += buffer.write(x: x, y: y, lowLabel + " ", style: muted, clip: area)
        for c in scaleCells() where x < area.maxX {
            buffer.put(x: x, y: y, cell: c); x += 1
        }
        x += buffer.write(x: x, y: y, " " + highLabel, style: muted, clip: area)
        if scale != .linear {
            x += buffer.write(x: x, y: y, "  " + glyphs.text(scale.name), style: muted, clip: area)
        }
        let nan = Heatmap.cell(.nan, bounds: (low, high), glyphs: glyphs, mode: mode)
        let inf = Heatmap.cell(.infinity, bounds: (low, high), glyphs: glyphs, mode: mode)
        if area.maxX - x >= 12 {
            x += buffer.write(x: x, y: y, "  ", clip: area)
            buffer.put(x: x, y: y, cell: nan)
            x += 1 + buffer.write(x: x + 1, y: y, "nan ", style: muted, clip: area)
            buffer.put(x: x, y: y, cell: inf)
            buffer.write(x: x + 1, y: y, "inf", style: muted, clip: area)
        }
    }
}
