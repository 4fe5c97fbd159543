/// Resampling of a series to a number of columns.
public enum Resample {
    /// Series at most `count` long: unchanged if it fits, else bucket means of finite values (NaN if none).
    public static func buckets(_ values: [Double], count: Int) -> [Double] {
        let n = values.count, w = max(0, count)
        guard n > w else { return values }
        guard w > 0 else { return [] }
        return (0..<w).map { i in
            let a = i * n / w, b = max(a + 1, (i + 1) * n / w)
            var sum = 0.0, k = 0
            for v in values[a..<min(b, n)] where v.isFinite { sum += v; k += 1 }
            return k > 0 ? sum / Double(k) : (values[a..<min(b, n)].contains { $0 == .infinity } ? .infinity : .nan)
        }
    }

    /// log10 of positive values; everything else becomes NaN.
    static func log(_ values: [Double]) -> [Double] {
        values.map { $0 > 0 && $0.isFinite ? Math.log10($0) : ($0 == .infinity ? .infinity : .nan) }
    }

    /// (min, max) of finite values, or nil.
    static func extent(_ values: [Double]) -> (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        return lo.isFinite ? (lo, hi) : nil
    }
}

/// A one-row chart of a series using eighth blocks, resampled to the width.
public struct Sparkline: Sendable {
    public var values: [Double]
    public var logScale: Bool
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(values: [Double], logScale: Bool = false, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.values = values
        self.logScale = logScale
        self.glyphs = glyphs
        self.mode = mode
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let pal = Palette(mode)
        let series = Resample.buckets(logScale ? Resample.log(values) : values, count: area.width)
        let (lo, hi) = Resample.extent(series) ?? (0, 1)
        for (i, v) in series.enumerated() {
            let x = area.x + i
            if v.isNaN { buffer.put(x: x, y: area.y, glyphs.nan, style: Style(fg: pal.nan)); continue }
            if v.isInfinite { buffer.put(x: x, y: area.y, glyphs.infinity, style: Style(fg: pal.inf)); continue }
            let f = hi > lo ? (v - lo) / (hi - lo) : 0.5
            let level = 1 + Int((f * 7).rounded())
            buffer.put(x: x, y: area.y, glyphs.eighths[min(8, max(1, level))], style: Style(fg: pal.bar))
        }
    }
}

/// A multi-row line chart of a series with max/min labels on the left; optional log scale.
///
/// Short series are drawn one point per column from the left; long ones are resampled.
public struct LineChart: Sendable {
    public var values: [Double]
    public var logScale: Bool
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(values: [Double], logScale: Bool = false, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.values = values
        self.logScale = logScale
        self.glyphs = glyphs
        self.mode = mode
    }

    /// The (min, max) of the finite values in the chart's own units (not logged).
    public var extent: (Double, Double)? {
        Resample.extent(logScale ? values.filter { $0 > 0 } : values)
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let pal = Palette(mode)
        let muted = pal.mutedStyle
        let ext = extent
        let topLabel = ext.map { NumberFormat.short($0.1) } ?? ""
        let bottomLabel = ext.map { NumberFormat.short($0.0) } ?? ""
        let gutter = min(area.width - 1, max(topLabel.count, bottomLabel.count) + 1)
        if gutter > 1 {
            buffer.write(x: area.x, y: area.y, topLabel, style: muted, maxWidth: gutter - 1)
            if area.height > 1 { buffer.write(x: area.x, y: area.maxY - 1, bottomLabel, style: muted, maxWidth: gutter - 1) }
            for r in 0..<area.height { buffer.put(x: area.x + gutter - 1, y: area.y + r, glyphs.vertical, style: muted) }
        }
        let plot = area.inset(left: gutter)
        guard !plot.isEmpty else { return }
        let series = Resample.buckets(logScale ? Resample.log(values) : values, count: plot.width)
        let (lo, hi) = Resample.extent(series) ?? (0, 1)
        let rows = plot.height
        var previous: Int? = nil
        let lineStyle = Style(fg: pal.bar)
        for (i, v) in series.enumerated() {
            let x = plot.x + i
            if v.isNaN || v.isInfinite {
                let st = Style(fg: v.isNaN ? pal.nan : pal.inf, attributes: .bold)
                buffer.put(x: x, y: plot.y, v.isNaN ? glyphs.nan : glyphs.infinity, style: st)
                previous = nil
                continue
            }
            let f = hi > lo ? (v - lo) / (hi - lo) : 0.5
            let row = Int((f * Double(rows - 1)).rounded())  // 0 = bottom
            if let p = previous, abs(p - row) > 1 {
                let a = min(p, row) + 1, b = max(p, row)
                for r in a..<b { buffer.put(x: x, y: plot.maxY - 1 - r, glyphs.vertical, style: lineStyle) }
            }
            buffer.put(x: x, y: plot.maxY - 1 - row, glyphs.point, style: lineStyle.adding(.bold))
            previous = row
        }
    }
}
