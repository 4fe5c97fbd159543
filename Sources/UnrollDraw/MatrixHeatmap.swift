/// A matrix with labelled rows and columns and a legend: the attention weights α (decoder step
/// × encoder step, labelled with the symbols) or the cosine similarity of word embeddings.
///
/// Scales: `.sequential(low, high)` for values that only grow (α ∈ [0, 1]): a dark → bright
/// background in 256 colours, the density ramp (` ░▒▓█`, ASCII ` .:-=+*#%@`) otherwise;
/// `.diverging` for signed values (cos ∈ [−1, 1]): `Heatmap`'s scale, with the sign readable in
/// monochrome. With `showValues` and cells of at least 4 columns each value is also written.
///
/// Row labels sit in a left gutter; column labels run across the top, or downwards (one
/// character per header row, up to `maxHeaderRows`) when they do not fit a cell's width.
public struct MatrixHeatmap: Sendable {
    public enum Scale: Equatable, Sendable {
        case sequential(low: Double, high: Double)
        case diverging(ValueRange)
    }

    /// values[row][column].
    public var values: [[Double]]
    public var rowLabels: [String]
    public var columnLabels: [String]
    public var scale: Scale
    /// Cells per matrix column.
    public var cellWidth: Int
    public var showValues: Bool
    public var highlightedRow: Int?
    public var highlightedColumn: Int?
    /// A legend on the bottom row (when there is room for a grid row too).
    public var legend: Bool
    public var maxHeaderRows: Int
    /// Scroll offsets.
    public var firstRow: Int
    public var firstColumn: Int
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [],
                scale: Scale = .sequential(low: 0, high: 1), cellWidth: Int = 2, showValues: Bool = false,
                highlightedRow: Int? = nil, highlightedColumn: Int? = nil, legend: Bool = true, maxHeaderRows: Int = 4,
                firstRow: Int = 0, firstColumn: Int = 0, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.scale = scale
        self.cellWidth = max(1, cellWidth)
        self.showValues = showValues
        self.highlightedRow = highlightedRow
        self.highlightedColumn = highlightedColumn
        self.legend = legend
        self.maxHeaderRows = max(1, maxHeaderRows)
        self.firstRow = max(0, firstRow)
        self.firstColumn = max(0, firstColumn)
        self.glyphs = glyphs
        self.mode = mode
    }

    /// Columns of the row-label gutter (widest label + 1, at most 12; 0 without labels).
    public var gutterWidth: Int {
        rowLabels.isEmpty ? 0 : min(12, (rowLabels.map { displayWidth(glyphs.text($0)) }.max() ?? 0) + 1)
    }

    /// Rows of the column-label header: 1 when every label fits a cell, else the longest label
    /// (at most `maxHeaderRows`); 0 without labels.
    public var headerRows: Int {
        guard !columnLabels.isEmpty else { return 0 }
        let longest = columnLabels.map { displayWidth(glyphs.text($0)) }.max() ?? 0
        return longest <= cellWidth - (cellWidth > 1 ? 1 : 0) || longest <= 1 ? 1 : min(maxHeaderRows, longest)
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        var area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let pal = Palette(mode)
        if legend && area.height >= headerRows + 2 {
            drawLegend(into: &buffer, row: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1))
            area = area.inset(bottom: 1)
        }
        let gutter = min(gutterWidth, area.width)
        let grid = area.inset(top: min(headerRows, area.height), left: gutter)
        let columns = values.map(\.count).max() ?? 0
        let visibleColumns = Array(firstColumn..<max(firstColumn, columns)).prefix(max(0, (grid.width + cellWidth - 1) / cellWidth))
        drawHeader(into: &buffer, area: Rect(x: grid.x, y: area.y, width: grid.width, height: area.height - grid.height),
                   columns: Array(visibleColumns))
        for (k, r) in (firstRow..<max(firstRow, values.count)).prefix(max(0, grid.height)).enumerated() {
            let y = grid.y + k
            if gutter > 1, r < rowLabels.count {
                let style = r == highlightedRow ? Style(fg: pal.accent, attributes: [.bold, .reverse]) : pal.mutedStyle
                buffer.write(x: area.x, y: y, glyphs.text(rowLabels[r]), style: style, maxWidth: gutter - 1)
            }
            for (j, c) in visibleColumns.enumerated() where c < values[r].count {
                drawCell(into: &buffer, x: grid.x + j * cellWidth, y: y, value: values[r][c], clip: grid)
            }
        }
    }

    func drawHeader(into buffer: inout Buffer, area: Rect, columns: [Int]) {
        guard area.height > 0 else { return }
        let pal = Palette(mode)
        let rows = min(headerRows, area.height)
        for (j, c) in columns.enumerated() where c < columnLabels.count {
            let style = c == highlightedColumn ? Style(fg: pal.accent, attributes: [.bold, .reverse]) : pal.mutedStyle
            let label = Array(glyphs.text(columnLabels[c]))
            let x = area.x + j * cellWidth
            if rows == 1 && headerRows == 1 {
                buffer.write(x: x, y: area.y, String(label), style: style, maxWidth: cellWidth, clip: area)
                continue
            }
            for i in 0..<rows where i < label.count {
                let cut = i == rows - 1 && label.count > rows
                buffer.put(x: x, y: area.y + i, cut ? glyphs.ellipsis : label[i], style: style, clip: area)
            }
        }
    }

    func drawCell(into buffer: inout Buffer, x: Int, y: Int, value v: Double, clip: Rect) {
        var cell: Cell
        switch scale {
        case .diverging(let range):
            cell = Heatmap.cell(v, bounds: range.bounds(for: values), glyphs: glyphs, mode: mode)
        case .sequential(let low, let high):
            cell = Self.sequentialCell(v, low: low, high: high, glyphs: glyphs, mode: mode)
        }
        let text = showValues && cellWidth >= 4 && v.isFinite ? NumberFormat.short(v, digits: 2) : nil
        for i in 0..<cellWidth {
            var c = cell
            if let text {
                let chars = Array(text)
                let start = cellWidth - 1 - chars.count
                let k = i - max(0, start)
                c = Cell(k >= 0 && k < chars.count ? chars[k] : " ", style: cell.style.bg == .default ? cell.style : cell.style.fg(.indexed(16)))
            }
            buffer.put(x: x + i, y: y, c.character, style: c.style, clip: clip)
        }
    }

    /// One value on the sequential scale.
    public static func sequentialCell(_ v: Double, low: Double, high: Double, glyphs: Glyphs, mode: ColorMode) -> Cell {
        let pal = Palette(mode)
        if v.isNaN { return Cell(glyphs.nan, style: Style(fg: pal.nan, attributes: .bold)) }
        if v.isInfinite { return Cell(glyphs.infinity, style: Style(fg: pal.inf, attributes: .bold)) }
        let t = high > low ? min(1, max(0, (v - low) / (high - low))) : 0
        if mode == .c256 { return Cell(" ", style: Style(bg: pal.sequential(t))) }
        return Cell(Glyphs.pick(glyphs.density, t), style: Style(fg: pal.sequential(t)))
    }

    func drawLegend(into buffer: inout Buffer, row: Rect) {
        switch scale {
        case .diverging(let range):
            let b = range.bounds(for: values)
            HeatmapLegend(low: b.low, high: b.high, glyphs: glyphs, mode: mode).draw(into: &buffer, area: row)
        case .sequential(let low, let high):
            let muted = Palette(mode).mutedStyle
            var x = row.x
            x += buffer.write(x: x, y: row.y, NumberFormat.short(low) + " ", style: muted, clip: row)
            let steps = mode == .c256 ? 8 : glyphs.density.count
            for i in 0..<steps where x < row.maxX {
                let v = low + (high - low) * Double(i) / Double(max(1, steps - 1))
                buffer.put(x: x, y: row.y, cell: Self.sequentialCell(v, low: low, high: high, glyphs: glyphs, mode: mode))
                x += 1
            }
            buffer.write(x: x, y: row.y, " " + NumberFormat.short(high), style: muted, clip: row)
        }
    }
}
