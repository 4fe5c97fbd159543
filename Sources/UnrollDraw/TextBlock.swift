/// Word-wrapped paragraphs with a small Markdown subset: `# heading`, `- bullet`, `**bold**`, `*emphasis*`, `` `code` ``.
///
/// Consecutive non-blank lines form one paragraph; a blank line separates paragraphs.
/// Headings and bullets always start a new paragraph. Scroll with `scroll` (first line shown).
public struct TextBlock: Sendable {
    public var text: String
    /// First laid-out line shown.
    public var scroll: Int
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(_ text: String, scroll: Int = 0, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.text = text
        self.scroll = scroll
        self.glyphs = glyphs
        self.mode = mode
    }

    /// How many lines the text needs at `width` columns.
    public func lineCount(width: Int) -> Int { layout(width: width).count }

    /// The largest useful scroll offset for an area of the given size.
    public func maxScroll(width: Int, height: Int) -> Int { max(0, lineCount(width: width) - max(0, height)) }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let lines = layout(width: area.width)
        let start = max(0, scroll)
        guard start < lines.count else { return }
        for (i, line) in lines[start...].prefix(area.height).enumerated() {
            var x = area.x
            for c in line where x < area.maxX {
                buffer.put(x: x, y: area.y + i, cell: c)
                x += 1
            }
        }
    }

    /// Lays the text out into lines of cells no wider than `width`.
    public func layout(width: Int) -> [[Cell]] {
        guard width > 0 else { return [] }
        var out: [[Cell]] = []
        for block in TextBlock.blocks(text) {
            switch block {
            case .blank:
                if !(out.last?.isEmpty ?? true) { out.append([]) }
            case .paragraph(let s):
                out += wrap(spans(s, base: .plain), width: width, first: [], rest: [])
            case .heading(let s):
                let st = Style(fg: Palette(mode).accent, attributes: mode.hasColor ? .bold : [.bold, .underline])
                out += wrap(spans(s, base: st), width: width, first: [], rest: [])
            case .bullet(let s):
                let prefix = [Cell(glyphs.bullet, style: Style(fg: Palette(mode).accent)), Cell(" ")]
                out += wrap(spans(s, base: .plain), width: width, first: prefix, rest: [Cell(" "), Cell(" ")])
            }
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }

    enum Block: Equatable { case blank, paragraph(String), heading(String), bullet(String) }

    /// Splits source text into blocks.
    static func blocks(_ text: String) -> [Block] {
        var blocks: [Block] = []
        var current: String? = nil
        var currentIsBullet = false
        func flush() {
            if let c = current { blocks.append(currentIsBullet ? .bullet(c) : .paragraph(c)) }
            current = nil; currentIsBullet = false
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            let trimmed = line.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if trimmed.isEmpty { flush(); blocks.append(.blank); continue }
            let l = String(line).trimmingTrailingSpaces()
            if l.hasPrefix("#") {
                flush()
                blocks.append(.heading(String(l.drop { $0 == "#" }).trimmingLeadingSpaces()))
            } else if l.hasPrefix("- ") || l.hasPrefix("* ") {
                flush()
                current = String(l.dropFirst(2)); currentIsBullet = true
            } else if let c = current {
                current = c + " " + l
            } else {
                current = l
            }
        }
        flush()
        return blocks
    }

    /// Turns inline markup into styled cells (markers removed).
    func spans(_ s: String, base: Style) -> [Cell] {
        var cells: [Cell] = []
        var bold = false, code = false, emphasis = false
        let pal = Palette(mode)
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if !code && ch == "*" && i + 1 < chars.count && chars[i + 1] == "*" { bold.toggle(); i += 2; continue }
            if ch == "`" { code.toggle(); i += 1; continue }
            // A single `*` opens emphasis before a non-space with a closing `*` ahead, and closes it
            // after a non-space; a lone `*` (as in `2 * 3`) stays a star.
            if !code && ch == "*" {
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                let previous = i > 0 ? chars[i - 1] : " "
                if !emphasis && next != " " && chars[(i + 1)...].contains("*") { emphasis = true; i += 1; continue }
                if emphasis && previous != " " { emphasis = false; i += 1; continue }
            }
            var st = base
            if bold { st = st.adding(.bold) }
            if emphasis { st = st.adding(.underline) }
            if code { st = mode.hasColor ? st.fg(pal.code) : st.adding(.underline) }
            if let first = ch.unicodeScalars.first, !Cell.isZeroWidth(first) { cells.append(Cell(ch, style: st)) }
            i += 1
        }
        return cells
    }

    /// Greedy word wrap; words longer than a line are split.
    func wrap(_ cells: [Cell], width: Int, first: [Cell], rest: [Cell]) -> [[Cell]] {
        var lines: [[Cell]] = []
        var line = first
        var indent = first.count
        func newLine() { lines.append(line); line = rest; indent = rest.count }
        var i = 0
        while i < cells.count {
            if cells[i].scalar == " " { i += 1; continue }
            var j = i
            while j < cells.count && cells[j].scalar != " " { j += 1 }
            var word = cells[i..<j]
            if line.count > indent && line.count + 1 + word.count > width { newLine() }
            if line.count > indent { line.append(Cell(" ")) }
            while line.count + word.count > width {
                let take = max(1, width - line.count)
                if width - line.count <= 0 { newLine(); if width - line.count <= 0 { line = []; indent = 0 }; continue }
                line += word.prefix(take); word = word.dropFirst(take)
                newLine()
            }
            line += word
            i = j
        }
        if line.count > indent || lines.isEmpty { lines.append(line) }
        return lines
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s
    }

    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " || $0 == "\t" }) }
}
