/// A small grey image (the 8 × 8 digits), one value per pixel, with one pixel row highlighted
/// (the row the network reads at the cursor).
///
/// Two ways to draw:
/// - half blocks (256 colours, UTF-8): each cell is `▀` with the upper pixel as foreground and
///   the lower as background, on a 24-step grey ramp (0 dark, 1 white), so 8 rows take 4 cells;
///   the highlighted row is drawn on a blue ramp instead of grey;
/// - shades (fewer colours, or ASCII): one cell row per pixel row, `pixelWidth` cells per pixel,
///   from the density ramp (`Glyphs.density`: ` ░▒▓█`, ASCII ` .:-=+*#%@`).
///
/// Either way the highlighted row is also marked by an arrow in a 2-cell gutter on the left, so
/// it shows in monochrome too. NaN pixels show `Glyphs.nan`.
public struct PixelImage: Sendable {
    public enum Drawing: Equatable, Sendable { case auto, halfBlocks, shades }

    /// pixels[row][column].
    public var pixels: [[Double]]
    /// The value drawn black (`low`) and white (`high`).
    public var low: Double
    public var high: Double
    public var highlightedRow: Int?
    /// Cells per pixel across (2 keeps pixels about square in a terminal).
    public var pixelWidth: Int
    public var drawing: Drawing
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(pixels: [[Double]], low: Double = 0, high: Double = 1, highlightedRow: Int? = nil, pixelWidth: Int = 2,
                drawing: Drawing = .auto, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.pixels = pixels
        self.low = low
        self.high = high
        self.highlightedRow = highlightedRow
        self.pixelWidth = max(1, pixelWidth)
        self.drawing = drawing
        self.glyphs = glyphs
        self.mode = mode
    }

    /// Cells of the gutter that carries the row marker.
    public static let gutter = 2

    /// How it is actually drawn: half blocks need 256 colours and UTF-8.
    public var resolvedDrawing: Drawing {
        switch drawing {
        case .shades: return .shades
        case .auto, .halfBlocks: return mode == .c256 && !glyphs.isASCII ? .halfBlocks : .shades
        }
    }

    /// The cells the whole image takes (gutter included).
    public var size: (width: Int, height: Int) {
        let columns = pixels.map(\.count).max() ?? 0
        let rows = resolvedDrawing == .halfBlocks ? (pixels.count + 1) / 2 : pixels.count
        return (Self.gutter + columns * pixelWidth, rows)
    }

    /// A value's place on the scale, 0…1 (nil for NaN).
    func level(_ v: Double) -> Double? {
        guard !v.isNaN else { return nil }
        guard high != low, high.isFinite, low.isFinite else { return v > low ? 1 : 0 }
        return min(1, max(0, (v - low) / (high - low)))
    }

    /// Grey (or, highlighted, blue) of a level in 256 colours.
    func color(_ level: Double?, highlighted: Bool) -> Color {
        guard let t = level else { return Palette(mode).nan }
        if highlighted {
            let blues: [UInt8] = [17, 18, 19, 20, 21, 27, 33, 39, 45, 81, 117, 153, 195]
            return .indexed(blues[Int((t * Double(blues.count - 1)).rounded())])
        }
        return .indexed(232 + UInt8((t * 23).rounded()))
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let halves = resolvedDrawing == .halfBlocks
        if let r = highlightedRow, r >= 0, r < pixels.count {
            let y = area.y + (halves ? r / 2 : r)
            buffer.put(x: area.x, y: y, glyphs.arrowRight, style: Style(fg: Palette(mode).accent, attributes: .bold), clip: area)
        }
        let image = area.inset(left: Self.gutter)
        guard !image.isEmpty else { return }
        if halves { drawHalfBlocks(into: &buffer, image) } else { drawShades(into: &buffer, image) }
    }

    func drawHalfBlocks(into buffer: inout Buffer, _ image: Rect) {
        for k in 0..<((pixels.count + 1) / 2) {
            let top = pixels[2 * k], bottom = 2 * k + 1 < pixels.count ? pixels[2 * k + 1] : []
            for c in 0..<max(top.count, bottom.count) {
                let upper = c < top.count ? color(level(top[c]), highlighted: highlightedRow == 2 * k) : .default
                let lower = c < bottom.count ? color(level(bottom[c]), highlighted: highlightedRow == 2 * k + 1) : .default
                for i in 0..<pixelWidth {
                    buffer.put(x: image.x + c * pixelWidth + i, y: image.y + k, "▀", style: Style(fg: upper, bg: lower), clip: image)
                }
            }
        }
    }

    func drawShades(into buffer: inout Buffer, _ image: Rect) {
        let ramp = glyphs.density
        let pal = Palette(mode)
        for (r, row) in pixels.enumerated() {
            let highlighted = highlightedRow == r
            for (c, v) in row.enumerated() {
                let t = level(v)
                let glyph = t.map { Glyphs.pick(ramp, $0) } ?? glyphs.nan
                var style = t == nil ? Style(fg: pal.nan, attributes: .bold) : Style(fg: highlighted ? pal.accent : .default)
                if highlighted { style = style.adding(.bold) }
                for i in 0..<pixelWidth {
                    buffer.put(x: image.x + c * pixelWidth + i, y: image.y + r, glyph, style: style, clip: image)
                }
            }
        }
    }
}
