import UnrollIO

/// Lesson and help text: Markdown (see `Markdown` for the blocks read) laid out to a width.
///
/// What it draws, and its rules:
/// - **Paragraphs** are word-wrapped; consecutive source lines join. A blank source line between two
///   blocks gives one blank line on screen (never more, never at the top or bottom).
/// - **Headings** are bold in the accent colour (bold and underlined in monochrome); `###` and deeper
///   are bold only.
/// - **Code blocks** (fenced or indented) keep every line as it is, indented by 2 columns and never
///   wrapped: a line wider than the pane is cut and ends in a reversed `Glyphs.cutRight` mark
///   (`codeScroll` shifts all code lines left; a reversed `cutLeft` mark then shows text is hidden).
///   So a figure such as the Reber grammar keeps its shape. With `wrapsCode` a long line is instead
///   broken (at a space if possible) and continued 2 columns further in: its first part ends in the
///   reversed `cutRight` mark, so it is never read as two lines — for narrow panes full of equations.
/// - **Lists**: one item per line, a bullet (`Glyphs.bullet`) or a right-aligned number, and a
///   hanging indent for the item's wrapped lines and nested blocks.
/// - **Tables** are drawn as a grid: bold header, a rule (`─┼─`), columns separated by `│` and
///   aligned as the delimiter row says. Columns that do not fit are narrowed (the widest first,
///   never below 4 columns) and their cells wrap, with rules between rows; when even that does not
///   fit, each row is listed as `header: value` lines.
/// - **Block quotes** get a muted `│` bar; **thematic breaks** a muted rule.
/// - **Inline**: `code` in the code colour (reversed in monochrome), **strong** bold, *emphasis*
///   underlined, links as their underlined text; unmatched `*`/`_` stay as they are (`2 * 3`, `W_hh`).
/// - With `Glyphs.ascii` every character is spelled in ASCII first (`ASCIISpelling`), so widths
///   and wrapping follow the text actually drawn.
///
/// `lineCount(width:)`, `maxScroll` and `draw` all use `layout(width:)`, so they always agree.
public struct TextBlock: Sendable {
    public var text: String
    /// First laid-out line shown.
    public var scroll: Int
    /// Columns by which code lines are scrolled left (see `codeOverflow(width:)`).
    public var codeScroll: Int
    /// Long code lines continue on marked extra lines instead of being cut.
    public var wrapsCode: Bool
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(_ text: String, scroll: Int = 0, codeScroll: Int = 0, wrapsCode: Bool = false,
                glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.text = text
        self.scroll = scroll
        self.codeScroll = codeScroll
        self.wrapsCode = wrapsCode
        self.glyphs = glyphs
        self.mode = mode
    }

    /// How many lines the text needs at `width` columns.
    public func lineCount(width: Int) -> Int { lines(width: width).count }

    /// The largest useful scroll offset for an area of the given size.
    public func maxScroll(width: Int, height: Int) -> Int { max(0, lineCount(width: width) - max(0, height)) }

    /// How many columns the widest code line overflows the pane at `width` (the largest useful
    /// `codeScroll`); 0 when every code line fits.
    public func codeOverflow(width: Int) -> Int {
        let renderer = Renderer(glyphs: glyphs, mode: mode, codeScroll: 0, wrapsCode: false)
        return max(0, renderer.widestCode(Markdown.parse(text), width: width))
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let laid = lines(width: area.width)
        let start = max(0, scroll)
        guard start < laid.count else { return }
        for (i, line) in laid[start...].prefix(area.height).enumerated() {
            var x = area.x
            for c in line.cells where x < area.maxX {
                buffer.put(x: x, y: area.y + i, cell: c)
                x += 1
            }
        }
    }

    /// Lays the text out into lines of cells no wider than `width`.
    public func layout(width: Int) -> [[Cell]] { lines(width: width).map(\.cells) }

    /// What a laid-out line shows (for tests and for views that treat code differently).
    enum LineKind: Equatable, Sendable { case text, blank, code, table, rule }

    struct Line: Equatable, Sendable {
        var cells: [Cell]
        var kind: LineKind
    }

    /// The laid-out lines with their kinds. Layouts are kept: every frame, scroll limit and line
    /// count of a page lays out the same text at the same width.
    func lines(width: Int) -> [Line] {
        guard width > 0 else { return [] }
        let key = LayoutKey(text: text, width: width, codeScroll: max(0, codeScroll), wrapsCode: wrapsCode, glyphs: glyphs, mode: mode)
        return TextBlock.laidOut.value(key) { layOut(width: width) }
    }

    /// Everything a layout depends on.
    struct LayoutKey: Hashable, Sendable {
        var text: String
        var width: Int
        var codeScroll: Int
        var wrapsCode: Bool
        var glyphs: Glyphs
        var mode: ColorMode
    }

    /// Layouts kept (a few pages at a few widths each).
    static let laidOut = ComputedOnce<LayoutKey, [Line]>(capacity: 128)

    private func layOut(width: Int) -> [Line] {
        let renderer = Renderer(glyphs: glyphs, mode: mode, codeScroll: max(0, codeScroll), wrapsCode: wrapsCode)
        var out = renderer.render(Markdown.parse(text), width: width)
        while out.first?.kind == .blank { out.removeFirst() }
        while out.last?.kind == .blank { out.removeLast() }
        // Safety net: no line may be wider than the area (the renderer already guarantees it).
        for i in out.indices where out[i].cells.count > width { out[i].cells.removeLast(out[i].cells.count - width) }
        return out
    }
}

// MARK: - Rendering

extension TextBlock {
    /// Turns Markdown blocks into lines of cells.
    struct Renderer {
        let glyphs: Glyphs
        let mode: ColorMode
        let codeScroll: Int
        let wrapsCode: Bool
        var palette: Palette { Palette(mode) }

        /// Columns code blocks are indented by.
        static let codeIndent = 2

        func render(_ blocks: [Markdown.Spaced], width: Int, depth: Int = 0) -> [Line] {
            var out: [Line] = []
            for sp in blocks {
                if sp.gapBefore && !out.isEmpty && out.last?.kind != .blank { out.append(Line(cells: [], kind: .blank)) }
                out += render(sp.block, width: max(1, width), depth: depth)
            }
            return out
        }

        func render(_ block: Markdown.Block, width: Int, depth: Int) -> [Line] {
            switch block {
            case .paragraph(let s):
                return wrap(inline(s, base: .plain), width: width).map { Line(cells: $0, kind: .text) }
            case .heading(let level, let s):
                let st: Style
                if level <= 2 {
                    st = mode.hasColor ? Style(fg: palette.accent, attributes: .bold) : Style(attributes: [.bold, .underline])
                } else {
                    st = Style(attributes: .bold)
                }
                return wrap(inline(s, base: st), width: width).map { Line(cells: $0, kind: .text) }
            case .code(let lines):
                return lines.flatMap { codeLines($0, width: width).map { Line(cells: $0, kind: .code) } }
            case .list(let ordered, let start, let items):
                return list(ordered: ordered, start: start, items: items, width: width, depth: depth)
            case .quote(let inner):
                let bar = [Cell(glyphs.vertical, style: palette.mutedStyle), Cell(" ")]
                let w = max(1, width - bar.count)
                return render(inner, width: w, depth: depth).map { Line(cells: (width > bar.count ? bar : []) + $0.cells, kind: $0.kind) }
            case .table(let header, let alignments, let rows):
                return table(header: header, alignments: alignments, rows: rows, width: width)
            case .rule:
                return [Line(cells: Array(repeating: Cell(glyphs.horizontal, style: palette.mutedStyle), count: width), kind: .rule)]
            }
        }

        // MARK: Code

        var codeStyle: Style { mode.hasColor ? Style(fg: palette.code) : .plain }
        var markStyle: Style { mode.hasColor ? Style(fg: palette.muted, attributes: .reverse) : Style(attributes: .reverse) }

        /// The cells of a code line as drawn (spelled in ASCII if needed), before cutting.
        func codeCells(_ line: String) -> [Cell] {
            let text = glyphs.text(line)
            var cells: [Cell] = []
            for ch in text {
                guard let (s, mark) = Cell.columnScalars(ch) else { continue }
                cells.append(Cell(scalar: s, style: codeStyle))
                if let m = mark { cells.append(Cell(scalar: m, style: codeStyle)) }
            }
            return cells
        }

        /// One source line of code as drawn: cut (or scrolled) to one line, or wrapped when `wrapsCode`.
        func codeLines(_ line: String, width: Int) -> [[Cell]] {
            let indent = width >= 12 ? Renderer.codeIndent : 0
            let room = width - indent
            let more = 2
            guard wrapsCode, room > more + 4 else { return [codeLine(line, width: width)] }
            var rest = codeCells(line)
            var out: [[Cell]] = []
            var lead = 0
            let pad = Array(repeating: Cell(" "), count: indent)
            while lead + rest.count > room {
                let take = room - lead - 1
                // break after the last space within reach, unless that leaves too little on the line
                var cut = take
                if let sp = rest.prefix(take).lastIndex(where: { $0.scalar == " " }), sp >= take / 2 { cut = sp + 1 }
                out.append(pad + Array(repeating: Cell(" "), count: lead) + Array(rest.prefix(cut)) + [Cell(glyphs.cutRight, style: markStyle)])
                rest = Array(rest.dropFirst(cut))
                lead = more
            }
            out.append(pad + Array(repeating: Cell(" "), count: lead) + rest)
            return out
        }

        func codeLine(_ line: String, width: Int) -> [Cell] {
            let indent = width >= 12 ? Renderer.codeIndent : 0
            let room = width - indent
            var cells = codeCells(line)
            var cutLeft = false
            if codeScroll > 0 && !cells.isEmpty {
                let drop = min(codeScroll, cells.count)
                cells.removeFirst(drop)
                cutLeft = true
            }
            var out = cells
            if out.count > room {
                out = Array(out.prefix(max(0, room - 1)))
                if room >= 1 { out.append(Cell(glyphs.cutRight, style: markStyle)) }
            }
            if cutLeft && room >= 2 {
                if out.isEmpty { out = [Cell(glyphs.cutLeft, style: markStyle)] } else { out[0] = Cell(glyphs.cutLeft, style: markStyle) }
            }
            return Array(repeating: Cell(" "), count: indent) + out
        }

        /// The widest code line's overflow beyond its room at `width`.
        func widestCode(_ blocks: [Markdown.Spaced], width: Int) -> Int {
            var worst = 0
            for sp in blocks {
                switch sp.block {
                case .code(let lines):
                    let room = width - (width >= 12 ? Renderer.codeIndent : 0)
                    for l in lines { worst = max(worst, codeCells(l).count - room) }
                case .list(let ordered, let start, let items):
                    let mw = markerWidth(ordered: ordered, start: start, count: items.count)
                    for item in items { worst = max(worst, widestCode(item, width: max(1, width - mw))) }
                case .quote(let inner):
                    worst = max(worst, widestCode(inner, width: max(1, width - 2)))
                default: break
                }
            }
            return worst
        }

        // MARK: Lists

        func markerWidth(ordered: Bool, start: Int, count: Int) -> Int {
            ordered ? String(start + max(0, count - 1)).count + 2 : 2
        }

        func list(ordered: Bool, start: Int, items: [[Markdown.Spaced]], width: Int, depth: Int) -> [Line] {
            let mw = markerWidth(ordered: ordered, start: start, count: items.count)
            let inner = width > mw ? width - mw : width
            let hang = width > mw ? mw : 0
            var out: [Line] = []
            let markerStyle = Style(fg: palette.accent)
            for (k, item) in items.enumerated() {
                var marker: [Cell]
                if ordered {
                    let label = String(start + k) + "."
                    marker = Array(repeating: Cell(" "), count: max(0, mw - 1 - label.count)) + label.map { Cell($0, style: markerStyle) } + [Cell(" ")]
                } else {
                    let bullet = depth % 2 == 0 ? glyphs.bullet : (glyphs.asciiOnly ? "*" : "◦")
                    marker = [Cell(bullet, style: markerStyle), Cell(" ")]
                }
                if hang == 0 { marker = [] }
                var body = render(item, width: inner, depth: depth + 1)
                if body.isEmpty { body = [Line(cells: [], kind: .text)] }
                for (j, line) in body.enumerated() {
                    var prefix = j == 0 ? marker : Array(repeating: Cell(" "), count: line.kind == .blank ? 0 : hang)
                    if line.cells.isEmpty { while prefix.last == Cell(" ") { prefix.removeLast() } }
                    out.append(Line(cells: prefix + line.cells, kind: line.kind))
                }
            }
            return out
        }

        // MARK: Tables

        func table(header: [String], alignments: [Markdown.Alignment], rows: [[String]], width: Int) -> [Line] {
            let n = header.count
            guard n > 0 else { return [] }
            let headStyle = Style(attributes: .bold)
            let head = header.map { inline($0, base: headStyle) }
            let body = rows.map { $0.map { inline($0, base: .plain) } }
            let natural = (0..<n).map { c in ([head[c]] + body.map { $0[c] }).map(\.count).max() ?? 0 }
            let sepWidth = 3
            let available = width - sepWidth * (n - 1)
            let floor = 4
            guard let widths = Renderer.columnWidths(natural: natural, available: available, floor: floor) else {
                return stackedTable(head: head, body: body, width: width)
            }
            let muted = palette.mutedStyle
            let sep = [Cell(" "), Cell(glyphs.vertical, style: muted), Cell(" ")]
            let ruleLine: [Cell] = {
                var cells: [Cell] = []
                for c in 0..<n {
                    if c > 0 { cells += [Cell(glyphs.horizontal, style: muted), Cell(glyphs.cross, style: muted), Cell(glyphs.horizontal, style: muted)] }
                    cells += Array(repeating: Cell(glyphs.horizontal, style: muted), count: widths[c])
                }
                return cells
            }()
            func rowLines(_ cells: [[Cell]]) -> [[Cell]] {
                let wrapped = (0..<n).map { c in wrap(cells[c], width: max(1, widths[c])) }
                let height = wrapped.map(\.count).max() ?? 1
                return (0..<height).map { r in
                    var line: [Cell] = []
                    for c in 0..<n {
                        if c > 0 { line += sep }
                        let part = r < wrapped[c].count ? wrapped[c][r] : []
                        let pad = max(0, widths[c] - part.count)
                        let a = c < alignments.count ? alignments[c] : .left
                        let left = a == .right ? pad : (a == .center ? pad / 2 : 0)
                        line += Array(repeating: Cell(" "), count: left) + part + Array(repeating: Cell(" "), count: pad - left)
                    }
                    while line.last == Cell(" ") { line.removeLast() }
                    return line
                }
            }
            var out = rowLines(head).map { Line(cells: $0, kind: .table) }
            out.append(Line(cells: ruleLine, kind: .table))
            let bodyLines = body.map(rowLines)
            let wraps = bodyLines.contains { $0.count > 1 }
            for (k, lines) in bodyLines.enumerated() {
                if wraps && k > 0 { out.append(Line(cells: ruleLine, kind: .table)) }
                out += lines.map { Line(cells: $0, kind: .table) }
            }
            return out
        }

        /// Column widths for a table: natural widths when they fit; otherwise the widest columns are
        /// narrowed first (a common cap) down to `floor`; nil when even that does not fit.
        static func columnWidths(natural: [Int], available: Int, floor: Int) -> [Int]? {
            let n = natural.count
            guard n > 0, available >= n else { return nil }
            if natural.reduce(0, +) <= available { return natural.map { max(1, $0) } }
            // The largest cap with sum(min(natural, cap)) ≤ available.
            var lo = 1, hi = natural.max() ?? 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if natural.reduce(0, { $0 + min($1, mid) }) <= available { lo = mid } else { hi = mid - 1 }
            }
            let cap = lo
            var widths = natural.map { max(1, min($0, cap)) }
            guard widths.reduce(0, +) <= available else { return nil }
            if cap < floor && natural.contains(where: { $0 > cap }) { return nil }
            // Hand out what is left to the capped columns, left to right.
            var left = available - widths.reduce(0, +)
            for c in 0..<n where natural[c] > widths[c] && left > 0 {
                let add = min(left, natural[c] - widths[c])
                widths[c] += add; left -= add
            }
            return widths
        }

        /// A table too wide for its columns: each row as `header: value` lines, rows between rules.
        func stackedTable(head: [[Cell]], body: [[[Cell]]], width: Int) -> [Line] {
            var out: [Line] = []
            let rule = Array(repeating: Cell(glyphs.horizontal, style: palette.mutedStyle), count: width)
            for (k, row) in body.enumerated() {
                if k > 0 { out.append(Line(cells: rule, kind: .table)) }
                for (c, value) in row.enumerated() {
                    let label = head[c] + [Cell(":", style: Style(attributes: .bold)), Cell(" ")]
                    let lines = wrap(label + value, width: width, hang: width > 4 ? 2 : 0)
                    out += lines.map { Line(cells: $0, kind: .table) }
                }
            }
            if body.isEmpty { out = wrap(Array(head.joined(separator: [Cell(" ")])), width: width).map { Line(cells: $0, kind: .table) } }
            return out
        }

        // MARK: Inline

        /// Styled cells of inline Markdown (markers removed; `\n` cells are hard line breaks).
        func inline(_ s: String, base: Style) -> [Cell] {
            var out: [Cell] = []
            let pal = palette
            for run in Inline.runs(s) {
                var st = base
                if run.strong { st = st.adding(.bold) }
                if run.emphasis || run.link { st = st.adding(.underline) }
                if run.code { st = mode.hasColor ? st.fg(pal.code) : st.adding(.reverse) }
                if run.text == "\n" { out.append(Cell(scalar: "\n", style: .plain)); continue }
                for ch in glyphs.text(run.text) {
                    guard let (sc, mark) = Cell.columnScalars(ch) else { continue }
                    out.append(Cell(scalar: sc, style: st))
                    if let m = mark { out.append(Cell(scalar: m, style: st)) }
                }
            }
            return out
        }

        /// Greedy word wrap at spaces (a space keeps its style between words on a line); words longer
        /// than the line are split; `\n` cells force a break. Later lines are indented by `hang`.
        func wrap(_ cells: [Cell], width: Int, hang: Int = 0) -> [[Cell]] {
            let width = max(1, width)
            let hang = hang < width ? hang : 0
            var lines: [[Cell]] = []
            var line: [Cell] = []
            var indent = 0
            func newLine() { lines.append(line); line = Array(repeating: Cell(" "), count: hang); indent = hang }
            var i = 0
            var space: Cell? = nil
            while i < cells.count {
                let c = cells[i]
                if c.scalar == "\n" { newLine(); space = nil; i += 1; continue }
                if c.scalar == " " { if space == nil { space = c }; i += 1; continue }
                var j = i
                while j < cells.count && cells[j].scalar != " " && cells[j].scalar != "\n" { j += 1 }
                var word = cells[i..<j]
                if line.count > indent && line.count + 1 + word.count > width { newLine(); space = nil }
                if line.count > indent, let sp = space { line.append(sp) }
                space = nil
                while line.count + word.count > width {
                    let room = width - line.count
                    if room <= 0 { newLine(); continue }
                    line += word.prefix(room); word = word.dropFirst(room)
                    newLine()
                }
                line += word
                i = j
            }
            if line.count > indent || lines.isEmpty { lines.append(line) }
            return lines
        }
    }
}

// MARK: - Inline Markdown

/// Inline Markdown split into styled runs: code spans, `**strong**`, `*emphasis*` / `_emphasis_`
/// (matched with CommonMark's flanking rules, so `2 * 3` and `W_hh` stay literal), `[links](url)`
/// (their text), backslash escapes and hard breaks (`\n`).
enum Inline {
    struct Run: Equatable {
        var text: String
        var code = false
        var strong = false
        var emphasis = false
        var link = false
    }

    private enum Token {
        case text(String)
        case code(String)
        case delimiter(Character, count: Int, canOpen: Bool, canClose: Bool)
        case linkOpen, linkClose
        case hardBreak
    }

    static func runs(_ s: String) -> [Run] {
        let chars = Array(s)
        var tokens: [Token] = []
        var text = ""
        func flush() { if !text.isEmpty { tokens.append(.text(text)); text = "" } }
        var linkDepth = 0
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if ch == "\\", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                text.append(chars[i + 1]); i += 2; continue
            }
            if ch == "\n" { flush(); tokens.append(.hardBreak); i += 1; continue }
            if ch == "`" {
                let n = run(chars, i, "`")
                if let close = findBackticks(chars, from: i + n, count: n) {
                    flush()
                    var content = String(chars[(i + n)..<close]).replacingNewlines()
                    if content.count >= 2, content.first == " ", content.last == " ", !content.allSatisfy({ $0 == " " }) {
                        content = String(content.dropFirst().dropLast())
                    }
                    tokens.append(.code(content))
                    i = close + n
                } else {
                    text += String(repeating: "`", count: n); i += n
                }
                continue
            }
            if ch == "*" || ch == "_" {
                let n = run(chars, i, ch)
                let prev: Character = i > 0 ? chars[i - 1] : " "
                let next: Character = i + n < chars.count ? chars[i + n] : " "
                let left = !next.isWhitespace && (!isPunct(next) || prev.isWhitespace || isPunct(prev))
                let right = !prev.isWhitespace && (!isPunct(prev) || next.isWhitespace || isPunct(next))
                let canOpen = ch == "*" ? left : left && (!right || isPunct(prev))
                let canClose = ch == "*" ? right : right && (!left || isPunct(next))
                flush()
                tokens.append(.delimiter(ch, count: n, canOpen: canOpen, canClose: canClose))
                i += n
                continue
            }
            if ch == "[", let close = linkEnd(chars, from: i) {
                flush(); tokens.append(.linkOpen); linkDepth += 1
                // the label is read as inline text; the destination is dropped at `](`
                _ = close
                i += 1
                continue
            }
            if ch == "]", linkDepth > 0, i + 1 < chars.count, chars[i + 1] == "(" {
                var j = i + 2
                var depth = 1
                while j < chars.count { if chars[j] == "(" { depth += 1 } else if chars[j] == ")" { depth -= 1; if depth == 0 { break } }; j += 1 }
                flush(); tokens.append(.linkClose); linkDepth -= 1
                i = min(chars.count, j + 1)
                continue
            }
            text.append(ch)
            i += 1
        }
        flush()
        return resolve(tokens)
    }

    private static func isPunct(_ c: Character) -> Bool { c.isPunctuation || c.isSymbol }

    private static func run(_ chars: [Character], _ i: Int, _ c: Character) -> Int {
        var n = 0
        while i + n < chars.count && chars[i + n] == c { n += 1 }
        return n
    }

    /// The index of the next run of exactly `count` backticks.
    private static func findBackticks(_ chars: [Character], from start: Int, count: Int) -> Int? {
        var i = start
        while i < chars.count {
            if chars[i] == "`" {
                let n = run(chars, i, "`")
                if n == count { return i }
                i += n
            } else { i += 1 }
        }
        return nil
    }

    /// For `[label](dest)` starting at `i`, the index of `]`; nil if it is not a link.
    private static func linkEnd(_ chars: [Character], from i: Int) -> Int? {
        var depth = 0
        var j = i
        while j < chars.count {
            if chars[j] == "[" { depth += 1 } else if chars[j] == "]" {
                depth -= 1
                if depth == 0 {
                    guard j + 1 < chars.count, chars[j + 1] == "(", chars[(j + 1)...].contains(")") else { return nil }
                    return j
                }
            }
            j += 1
        }
        return nil
    }

    /// Matches emphasis delimiters (CommonMark's "process emphasis", without the link rules).
    private static func resolve(_ tokens: [Token]) -> [Run] {
        struct Delim { var index: Int; var char: Character; var count: Int; var original: Int; var canOpen: Bool; var canClose: Bool; var active = true }
        var delims: [Delim] = []
        for (k, t) in tokens.enumerated() {
            if case .delimiter(let c, let n, let o, let cl) = t { delims.append(Delim(index: k, char: c, count: n, original: n, canOpen: o, canClose: cl)) }
        }
        // Per token: style changes opened before / closed after it.
        var opens = [Int: [(strong: Bool, count: Int)]]()  // opener token → (kind) in opening order (outer first)
        var closes = [Int: [(strong: Bool, count: Int)]]()
        var ci = 0
        while ci < delims.count {
            guard delims[ci].canClose, delims[ci].count > 0 else { ci += 1; continue }
            var oi = ci - 1
            var found = false
            while oi >= 0 {
                let o = delims[oi]
                if o.active, o.char == delims[ci].char, o.canOpen, o.count > 0 {
                    let both = o.canClose || delims[ci].canOpen
                    let sum = o.original + delims[ci].original
                    if !(both && sum % 3 == 0 && !(o.original % 3 == 0 && delims[ci].original % 3 == 0)) { found = true; break }
                }
                oi -= 1
            }
            guard found else { ci += 1; continue }
            let use = delims[oi].count >= 2 && delims[ci].count >= 2 ? 2 : 1
            delims[oi].count -= use
            delims[ci].count -= use
            opens[delims[oi].index, default: []].insert((use == 2, use), at: 0)
            closes[delims[ci].index, default: []].append((use == 2, use))
            for k in (oi + 1)..<ci { delims[k].active = false }
            if delims[ci].count == 0 { ci += 1 }
        }
        let remaining = Dictionary(uniqueKeysWithValues: delims.map { ($0.index, $0.count) })
        var runs: [Run] = []
        var strong = 0, emphasis = 0, link = 0
        func emit(_ text: String, code: Bool = false) {
            runs.append(Run(text: text, code: code, strong: strong > 0, emphasis: emphasis > 0, link: link > 0))
        }
        for (k, t) in tokens.enumerated() {
            switch t {
            case .text(let s): emit(s)
            case .code(let s): emit(s, code: true)
            case .hardBreak: runs.append(Run(text: "\n"))
            case .linkOpen: link += 1
            case .linkClose: link = max(0, link - 1)
            case .delimiter(let c, _, _, _):
                // Closers first (inner spans end here), then literal leftovers, then openers.
                for cl in closes[k] ?? [] { if cl.strong { strong -= 1 } else { emphasis -= 1 } }
                let left = remaining[k] ?? 0
                if left > 0 { emit(String(repeating: String(c), count: left)) }
                for op in opens[k] ?? [] { if op.strong { strong += 1 } else { emphasis += 1 } }
            }
        }
        return runs
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
