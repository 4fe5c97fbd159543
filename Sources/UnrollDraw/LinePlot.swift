/// One named series of a `LinePlot`: a value per step; NaN and ±inf leave a gap.
public struct PlotSeries: Equatable, Sendable {
    public var name: String
    public var values: [Double]

    public init(_ name: String, _ values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// Several series on one shared y axis, e.g. the sine's input, target and prediction.
///
/// Two ways to draw:
/// - braille: each cell holds 2 × 4 dots, so a plot of W × H cells has 2W × 4H points and the
///   series are joined into lines; series differ by colour and the legend names them;
/// - markers: one point per step and row, each series with its own glyph (`•` `×` `∘` `+` `◆`, or
///   `*` `x` `o` `+` `#` in ASCII), so series stay apart without colour.
///
/// `Drawing.auto` uses braille only where series can still be told apart and braille can be shown:
/// UTF-8 glyphs, and colour or a single series. Later series are drawn over earlier ones.
/// With `.timeline` the steps line up with the timeline above (step t in its column group);
/// `.fit` stretches all steps across the width.
public struct LinePlot: Sendable {
    public enum Drawing: Equatable, Sendable { case auto, braille, markers }
    public enum XLayout: Equatable, Sendable {
        /// One column group per step, scrolled like the other timeline rows.
        case timeline(Timeline)
        /// Every step across the whole width.
        case fit
    }

    public var series: [PlotSeries]
    /// The y range drawn; nil fits the finite values (a constant gets ±1 around it).
    public var range: ClosedRange<Double>?
    public var layout: XLayout
    public var drawing: Drawing
    /// A legend on the top row (when the area has at least 3 rows).
    public var legend: Bool
    /// Highlighted step, if any.
    public var cursor: Int?
    /// Width of the axis gutter; nil fits the labels. Give the timeline's gutter with `.timeline`
    /// so the plot's steps line up with the rows above and below.
    public var gutterWidth: Int?
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(series: [PlotSeries], range: ClosedRange<Double>? = nil, layout: XLayout = .fit, drawing: Drawing = .auto,
                legend: Bool = true, cursor: Int? = nil, gutterWidth: Int? = nil, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.gutterWidth = gutterWidth
        self.series = series
        self.range = range
        self.layout = layout
        self.drawing = drawing
        self.legend = legend
        self.cursor = cursor
        self.glyphs = glyphs
        self.mode = mode
    }

    /// How it is actually drawn (see the type's documentation).
    public var resolvedDrawing: Drawing {
        switch drawing {
        case .braille: return glyphs.isASCII ? .markers : .braille
        case .markers: return .markers
        case .auto: return !glyphs.isASCII && (mode.hasColor || series.count <= 1) ? .braille : .markers
        }
    }

    /// Marker glyph of series `i` (cycling).
    public func marker(_ i: Int) -> Character {
        let set: [Character] = glyphs.isASCII ? ["*", "x", "o", "+", "#"] : ["•", "×", "∘", "+", "◆"]
        return set[((i % set.count) + set.count) % set.count]
    }

    /// Colour of series `i` (cycling): blue, orange, red, green, purple.
    public func color(_ i: Int) -> Color {
        let c256: [UInt8] = [75, 214, 203, 114, 177], c8: [UInt8] = [4, 3, 1, 2, 5]
        switch mode {
        case .monochrome: return .default
        case .eight: return .indexed(c8[i % c8.count])
        case .c256: return .indexed(c256[i % c256.count])
        }
    }

    /// The y range drawn.
    public var resolvedRange: ClosedRange<Double> {
        if let r = range, r.lowerBound.isFinite, r.upperBound.isFinite, r.lowerBound < r.upperBound { return r }
        let finite = series.flatMap(\.values).filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return -1...1 }
        return lo < hi ? lo...hi : (lo - 1)...(hi + 1)
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        var area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        if legend && area.height >= 3 {
            drawLegend(into: &buffer, row: Rect(x: area.x, y: area.y, width: area.width, height: 1))
            area = area.inset(top: 1)
        }
        let r = resolvedRange
        let plot = drawAxis(into: &buffer, area: area, range: r)
        guard !plot.isEmpty else { return }
        let steps = series.map(\.values.count).max() ?? 0
        if let c = cursor, let x = cellX(c, steps: steps, plot: plot) {
            for y in plot.y..<plot.maxY { buffer.put(x: x, y: y, glyphs.cursor, style: Palette(mode).mutedStyle) }
        }
        if resolvedDrawing == .braille { drawBraille(into: &buffer, plot: plot, range: r, steps: steps) }
        else { drawMarkers(into: &buffer, plot: plot, range: r, steps: steps) }
    }

    // MARK: Axis and legend

    /// Draws top, bottom (and 0) labels and the axis line; returns the plot region right of it.
    func drawAxis(into buffer: inout Buffer, area: Rect, range r: ClosedRange<Double>) -> Rect {
        let top = glyphs.text(NumberFormat.short(r.upperBound)), bottom = glyphs.text(NumberFormat.short(r.lowerBound))
        let gutter = gutterWidth.map { min(area.width, max(0, $0)) } ?? min(area.width / 2, max(displayWidth(top), displayWidth(bottom)) + 1)
        guard gutter > 1 else { return area }
        let muted = Palette(mode).mutedStyle
        for y in area.y..<area.maxY { buffer.put(x: area.x + gutter - 1, y: y, glyphs.vertical, style: muted) }
        func label(_ text: String, row: Int) {
            buffer.write(x: area.x + max(0, gutter - 1 - displayWidth(text)), y: row, text, style: muted, maxWidth: gutter - 1)
            buffer.put(x: area.x + gutter - 1, y: row, glyphs.teeLeft, style: muted)
        }
        label(top, row: area.y)
        if area.height > 1 { label(bottom, row: area.maxY - 1) }
        if r.lowerBound < 0, r.upperBound > 0, area.height >= 5 {
            let zero = area.y + Int(((r.upperBound - 0) / (r.upperBound - r.lowerBound) * Double(area.height - 1)).rounded())
            if zero > area.y + 1 && zero < area.maxY - 2 { label("0", row: zero) }
        }
        return area.inset(left: gutter)
    }

    func drawLegend(into buffer: inout Buffer, row: Rect) {
        var x = row.x
        let braille = resolvedDrawing == .braille
        for (i, s) in series.enumerated() where x < row.maxX {
            let style = Style(fg: color(i), attributes: .bold)
            if braille {
                buffer.put(x: x, y: row.y, glyphs.horizontal, style: style, clip: row)
                buffer.put(x: x + 1, y: row.y, glyphs.horizontal, style: style, clip: row)
                x += 2
            } else {
                buffer.put(x: x, y: row.y, marker(i), style: style, clip: row)
                x += 1
            }
            x += buffer.write(x: x, y: row.y, glyphs.text(" " + s.name + "  "), clip: row)
        }
    }

    // MARK: Geometry

    /// The cell column of step t, or nil when it is scrolled out of view.
    func cellX(_ t: Int, steps: Int, plot: Rect) -> Int? {
        switch layout {
        case .timeline(let tl):
            guard let v = tl.visible(count: steps, x: plot.x, width: plot.width).first(where: { $0.t == t }) else { return nil }
            let x = v.x + (tl.columnWidth - 1) / 2
            return x < plot.maxX ? x : nil
        case .fit:
            guard t >= 0, t < steps else { return nil }
            return plot.x + (steps > 1 ? Int((Double(t) * Double(plot.width - 1) / Double(steps - 1)).rounded()) : 0)
        }
    }

    /// Fraction of the way from the top (0) to the bottom (1) for a value, clamped.
    static func depth(_ v: Double, _ r: ClosedRange<Double>) -> Double {
        min(1, max(0, (r.upperBound - v) / (r.upperBound - r.lowerBound)))
    }

    // MARK: Markers

    func drawMarkers(into buffer: inout Buffer, plot: Rect, range r: ClosedRange<Double>, steps: Int) {
        for (i, s) in series.enumerated() {
            let style = Style(fg: color(i), attributes: .bold)
            for (t, v) in s.values.enumerated() where v.isFinite {
                guard let x = cellX(t, steps: steps, plot: plot) else { continue }
                let y = plot.y + Int((Self.depth(v, r) * Double(plot.height - 1)).rounded())
                buffer.put(x: x, y: y, marker(i), style: style)
            }
        }
    }

    // MARK: Braille

    /// Bit of the dot at (column 0–1, row 0–3) of a braille cell (U+2800 + bits).
    static func brailleBit(column: Int, row: Int) -> UInt8 {
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40], right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return column == 0 ? left[row] : right[row]
    }

    /// The dot column of step t, or nil when out of view.
    func dotX(_ t: Int, steps: Int, plot: Rect) -> Int? {
        switch layout {
        case .timeline: return cellX(t, steps: steps, plot: plot).map { 2 * ($0 - plot.x) }
        case .fit:
            guard t >= 0, t < steps else { return nil }
            return steps > 1 ? Int((Double(t) * Double(2 * plot.width - 1) / Double(steps - 1)).rounded()) : 0
        }
    }

    func drawBraille(into buffer: inout Buffer, plot: Rect, range r: ClosedRange<Double>, steps: Int) {
        let W = plot.width, H = plot.height
        var dots = [UInt8](repeating: 0, count: W * H)
        var owner = [Int](repeating: -1, count: W * H)
        func set(_ dx: Int, _ dy: Int, _ i: Int) {
            guard dx >= 0, dy >= 0, dx < 2 * W, dy < 4 * H else { return }
            let cell = (dy / 4) * W + dx / 2
            dots[cell] |= Self.brailleBit(column: dx % 2, row: dy % 4)
            owner[cell] = i
        }
        for (i, s) in series.enumerated() {
            var previous: (Int, Int)? = nil
            for (t, v) in s.values.enumerated() {
                guard v.isFinite, let dx = dotX(t, steps: steps, plot: plot) else { previous = nil; continue }
                let dy = Int((Self.depth(v, r) * Double(4 * H - 1)).rounded())
                if let (px, py) = previous { Self.line(from: (px, py), to: (dx, dy)) { set($0, $1, i) } } else { set(dx, dy, i) }
                previous = (dx, dy)
            }
        }
        for k in 0..<(W * H) where dots[k] != 0 {
            let scalar = Unicode.Scalar(0x2800 + UInt32(dots[k]))!
            buffer.put(x: plot.x + k % W, y: plot.y + k / W, Character(scalar), style: Style(fg: color(owner[k])))
        }
    }

    /// The points of a line in dot space (Bresenham), both ends included.
    static func line(from a: (Int, Int), to b: (Int, Int), _ plot: (Int, Int) -> Void) {
        var (x, y) = a
        let dx = abs(b.0 - x), dy = -abs(b.1 - y)
        let sx = x < b.0 ? 1 : -1, sy = y < b.1 ? 1 : -1
        var err = dx + dy
        while true {
            plot(x, y)
            if x == b.0 && y == b.1 { return }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }
}

extension Glyphs {
    /// Whether this set draws only 7-bit ASCII (then braille, half blocks and shades are out).
    var isASCII: Bool { asciiOnly || (vertical.isASCII && point.isASCII) }
}
