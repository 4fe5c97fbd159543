/// A width × height grid of cells that widgets draw into; never traps on any coordinate.
///
/// Every cell holds one character of width one, so a row never overflows or shifts: `write` draws
/// one cell per character (grapheme), skips characters that take no column (combining marks,
/// zero-width and bidi controls) and draws wide ones (CJK, emoji) as `?` — exactly the count
/// `displayWidth` gives. A buffer created with `ascii: true` holds only 7-bit ASCII: `write`
/// spells text with `ASCIISpelling` (`ρ` → `rho`; measure with `displayWidth(_:)` of the buffer)
/// and single characters (`put`, `fill`) become one ASCII stand-in (`─` → `-`).
public struct Buffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Whether every character drawn is reduced to 7-bit ASCII (see the type's documentation).
    public let ascii: Bool
    /// Cells in row-major order (`y * width + x`).
    public private(set) var cells: [Cell]

    /// Creates a buffer filled with `fill` (sizes below zero become zero); `ascii` makes it hold
    /// only ASCII text (pass `glyphs.asciiOnly`).
    public init(width: Int, height: Int, fill: Cell = .blank, ascii: Bool = false) {
        let w = max(0, width), h = max(0, height)
        let count = w.multipliedClamped(h)
        self.width = count == Int.max ? 0 : w
        self.height = count == Int.max ? 0 : h
        self.ascii = ascii
        let f = ascii ? Cell(ASCIISpelling.character(fill.character), style: fill.style) : fill
        self.cells = [Cell](repeating: f, count: count == Int.max ? 0 : count)
    }

    /// Columns `write` uses for `s` in this buffer (after the ASCII spelling in an ASCII buffer).
    public func displayWidth(_ s: String) -> Int {
        UnrollDraw.displayWidth(ascii ? ASCIISpelling.of(s) : s)
    }

    /// The scalar a single character is stored as.
    @inline(__always) private func stored(_ c: Character) -> Unicode.Scalar {
        Cell.sanitize(ascii ? ASCIISpelling.character(c) : c)
    }

    /// The whole buffer as a rectangle at the origin.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y), or nil outside the buffer.
    public subscript(x: Int, y: Int) -> Cell? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return cells[y * width + x]
    }

    /// The character at (x, y), or nil outside.
    public func character(x: Int, y: Int) -> Character? { self[x, y]?.character }

    /// Puts one character at (x, y); ignored outside the buffer (or `clip`).
    public mutating func put(x: Int, y: Int, _ char: Character, style: Style = .plain, clip: Rect? = nil) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        if let c = clip, !c.contains(x: x, y: y) { return }
        cells[y * width + x] = Cell(scalar: stored(char), style: style)
    }

    /// Puts a whole cell at (x, y); ignored outside the buffer.
    public mutating func put(x: Int, y: Int, cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let s = Cell.sanitize(cell.scalar)
        cells[y * width + x] = Cell(scalar: ascii && s.value >= 0x80 ? stored(Character(s)) : s, style: cell.style)
    }

    /// Changes only the style of the cell at (x, y).
    public mutating func setStyle(x: Int, y: Int, _ style: Style) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        cells[y * width + x].style = style
    }

    /// Adds attributes to the cells of a rectangle (keeps characters and colours).
    public mutating func addAttributes(_ a: Attributes, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for yy in r.y..<r.maxY { for xx in r.x..<r.maxX { cells[yy * width + xx].style.attributes.formUnion(a) } }
    }

    /// Writes a string on one row starting at column x, never wrapping.
    ///
    /// Clips at the buffer edge, at `clip` (if given) and after `maxWidth` columns.
    /// Characters left of column 0 still use up their columns. Returns the columns consumed
    /// (`displayWidth(string)` of this buffer when nothing is clipped by `maxWidth`).
    @discardableResult
    public mutating func write(x: Int, y: Int, _ string: String, style: Style = .plain,
                               maxWidth: Int? = nil, clip: Rect? = nil) -> Int {
        let limit = max(0, maxWidth ?? Int.max)
        var lo = 0, hi = width
        var rowOK = y >= 0 && y < height
        if let c = clip {
            lo = max(lo, c.x); hi = min(hi, c.maxX)
            rowOK = rowOK && y >= c.y && y < c.maxY
        }
        let end = min(hi, x.addingClamped(limit))
        var col = x
        var used = 0
        let text = ascii ? ASCIISpelling.of(string) : string
        for ch in text {
            guard used < limit else { break }
            guard let (scalar, mark) = Cell.columnScalars(ch) else { continue }
            if mark != nil && used + 2 > limit { break }
            for sc in [scalar, mark] {
                guard let sc else { continue }
                if col >= end && col >= lo { return used }
                if rowOK && col >= lo && col < end {
                    cells[y * width + col] = Cell(scalar: sc, style: style)
                }
                col = col.addingClamped(1)
                used += 1
            }
        }
        return used
    }

    /// Fills a rectangle (clipped to the buffer) with one character and style.
    public mutating func fill(_ rect: Rect, char: Character = " ", style: Style = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        let cell = Cell(scalar: stored(char), style: style)
        for yy in r.y..<r.maxY {
            let base = yy * width
            for xx in r.x..<r.maxX { cells[base + xx] = cell }
        }
    }

    /// Resets every cell to a blank.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
    }
}
