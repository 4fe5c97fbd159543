/// The Markdown block structure `TextBlock` draws: a CommonMark subset with GitHub tables.
///
/// Blocks: paragraphs (lines joined; two trailing spaces or a trailing `\` force a line break),
/// ATX (`## Title`) and setext (`Title` over `===`/`---`) headings, fenced code (``` or ~~~, closed
/// by the same fence or the end of the text), indented code (4 spaces or a tab, not inside a
/// paragraph), bulleted (`-`, `*`, `+`) and numbered (`1.`, `1)`) lists whose items may hold any
/// blocks (indented to the item's text; unindented lines continue the item's paragraph), block
/// quotes (`>`), thematic breaks (`---`, `***`, `___`) and tables (a row of `|` cells followed by a
/// `---`/`:--:` delimiter row with as many cells).
enum Markdown {
    enum Alignment: Equatable, Sendable { case left, center, right }

    indirect enum Block: Equatable, Sendable {
        /// Inline source; `\n` marks a hard line break, soft breaks are spaces.
        case paragraph(String)
        case heading(level: Int, text: String)
        /// Verbatim lines (tabs expanded).
        case code([String])
        /// Items, each a list of blocks; `start` is the first number of a numbered list.
        case list(ordered: Bool, start: Int, items: [[Spaced]])
        case quote([Spaced])
        case table(header: [String], alignments: [Alignment], rows: [[String]])
        case rule
    }

    /// A block and whether a blank line stood before it in the source.
    struct Spaced: Equatable, Sendable {
        var block: Block
        var gapBefore: Bool
    }

    /// Parses a whole text.
    static func parse(_ text: String) -> [Spaced] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = String(line)
            if s.hasSuffix("\r") { s.removeLast() }
            return s
        }
        return parse(lines: lines)
    }

    /// Quotes and list items nested deeper than this are read as plain paragraphs (no recursion
    /// without bound on hostile input such as 10 000 `>`).
    static let maxDepth = 16

    // MARK: - Line helpers

    /// Columns of leading white space (tabs to the next multiple of 4).
    static func indentation(_ s: String) -> Int {
        var n = 0
        for ch in s {
            if ch == " " { n += 1 } else if ch == "\t" { n += 4 - n % 4 } else { break }
        }
        return n
    }

    /// Removes up to `columns` columns of leading white space (a tab counts to the next stop).
    static func dedent(_ s: String, _ columns: Int) -> String {
        var n = 0
        var idx = s.startIndex
        while idx < s.endIndex, n < columns {
            let ch = s[idx]
            if ch == " " { n += 1 } else if ch == "\t" {
                let next = n + 4 - n % 4
                if next > columns { return String(repeating: " ", count: next - columns) + s[s.index(after: idx)...] }
                n = next
            } else { break }
            idx = s.index(after: idx)
        }
        return String(s[idx...])
    }

    /// Tabs expanded to 4-column stops.
    static func expandTabs(_ s: String) -> String {
        guard s.contains("\t") else { return s }
        var out = ""
        var col = 0
        for ch in s {
            if ch == "\t" {
                let n = 4 - col % 4
                out += String(repeating: " ", count: n); col += n
            } else { out.append(ch); col += 1 }
        }
        return out
    }

    static func isBlank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }

    static func trimmed(_ s: String) -> String {
        String(s.drop { $0 == " " || $0 == "\t" }).trimmingTrailingSpaces()
    }

    /// An opening fence: (character, length, indentation).
    static func fenceOpen(_ s: String) -> (Character, Int, Int)? {
        let ind = indentation(s)
        guard ind <= 3 else { return nil }
        let rest = dedent(s, ind)
        guard let c = rest.first, c == "`" || c == "~" else { return nil }
        let n = rest.prefix { $0 == c }.count
        guard n >= 3 else { return nil }
        if c == "`" && rest.dropFirst(n).contains("`") { return nil }
        return (c, n, ind)
    }

    static func isFenceClose(_ s: String, _ c: Character, _ n: Int) -> Bool {
        guard indentation(s) <= 3 else { return false }
        let t = trimmed(s)
        return t.count >= n && t.allSatisfy { $0 == c }
    }

    static func atxHeading(_ s: String) -> (Int, String)? {
        guard indentation(s) <= 3 else { return nil }
        let t = trimmed(s)
        let level = t.prefix { $0 == "#" }.count
        guard level >= 1, level <= 6 else { return nil }
        let rest = t.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = trimmed(String(rest))
        // optional closing sequence: ` ##`
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let before = text.dropLast(closing)
            if before.isEmpty || before.last == " " { text = trimmed(String(before)) }
        }
        return (level, text)
    }

    static func isThematicBreak(_ s: String) -> Bool {
        guard indentation(s) <= 3 else { return false }
        let t = s.filter { $0 != " " && $0 != "\t" }
        guard t.count >= 3, let c = t.first, c == "-" || c == "*" || c == "_" else { return false }
        return t.allSatisfy { $0 == c }
    }

    /// A setext underline: (level) for `===` (1) or `---` (2).
    static func setextLevel(_ s: String) -> Int? {
        guard indentation(s) <= 3 else { return nil }
        let t = trimmed(s)
        guard let c = t.first, c == "=" || c == "-", t.allSatisfy({ $0 == c }) else { return nil }
        return c == "=" ? 1 : 2
    }

    static func isQuote(_ s: String) -> Bool {
        indentation(s) <= 3 && trimmed(s).hasPrefix(">")
    }

    /// The text of a quoted line without `>` and one following space.
    static func unquote(_ s: String) -> String {
        var t = dedent(s, 3)
        guard t.hasPrefix(">") else { return s }
        t.removeFirst()
        if t.hasPrefix(" ") { t.removeFirst() } else if t.hasPrefix("\t") { t = dedent(t, 1) }
        return t
    }

    /// A list item marker at the start of a line.
    struct ListMarker {
        var ordered: Bool
        /// The bullet character or the delimiter (`.`, `)`).
        var symbol: Character
        var number: Int
        /// Column where the item's content starts.
        var contentIndent: Int
        /// The rest of the line after the marker.
        var content: String
        func sameList(_ o: ListMarker) -> Bool { ordered == o.ordered && symbol == o.symbol }
    }

    static func listMarker(_ s: String) -> ListMarker? {
        let ind = indentation(s)
        guard ind <= 3 else { return nil }
        let rest = dedent(s, ind)
        var ordered = false
        var symbol: Character
        var number = 0
        var markerWidth: Int
        guard let first = rest.first else { return nil }
        if first == "-" || first == "*" || first == "+" {
            symbol = first
            markerWidth = 1
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9 else { return nil }
            let after = rest.dropFirst(digits.count)
            guard let d = after.first, d == "." || d == ")" else { return nil }
            ordered = true
            symbol = d
            number = Int(digits) ?? 0
            markerWidth = digits.count + 1
        }
        let afterMarker = String(rest.dropFirst(markerWidth))
        if afterMarker.isEmpty || isBlank(afterMarker) {
            return ListMarker(ordered: ordered, symbol: symbol, number: number, contentIndent: ind + markerWidth + 1, content: "")
        }
        guard afterMarker.first == " " || afterMarker.first == "\t" else { return nil }
        let spaces = indentation(afterMarker)
        let pad = spaces > 4 ? 1 : spaces
        return ListMarker(ordered: ordered, symbol: symbol, number: number, contentIndent: ind + markerWidth + pad,
                          content: dedent(afterMarker, pad))
    }

    /// Cells of a table row: outer pipes dropped, split at unescaped `|`, `\|` kept as `|`, trimmed.
    static func tableCells(_ s: String) -> [String] {
        var t = trimmed(s)
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|") && !t.hasSuffix("\\|") { t.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for ch in t {
            if escaped {
                if ch != "|" { current.append("\\") }
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "|" {
                cells.append(trimmed(current)); current = ""
            } else {
                current.append(ch)
            }
        }
        if escaped { current.append("\\") }
        cells.append(trimmed(current))
        return cells
    }

    /// The alignments of a delimiter row (`|---|:--:|--:|`), or nil if the line is not one.
    static func delimiterRow(_ s: String) -> [Alignment]? {
        guard indentation(s) <= 3, s.contains("-") else { return nil }
        let t = trimmed(s)
        guard t.contains("|") || t.allSatisfy({ "-: ".contains($0) }) else { return nil }
        var out: [Alignment] = []
        for cell in tableCells(t) {
            guard !cell.isEmpty, cell.allSatisfy({ $0 == "-" || $0 == ":" }), cell.contains("-") else { return nil }
            let inner = cell.dropFirst(cell.hasPrefix(":") ? 1 : 0).dropLast(cell.hasSuffix(":") && cell.count > 1 ? 1 : 0)
            guard inner.allSatisfy({ $0 == "-" }) else { return nil }
            let l = cell.hasPrefix(":"), r = cell.hasSuffix(":")
            out.append(l && r ? .center : (r ? .right : .left))
        }
        return out
    }

    /// Whether lines[i] and lines[i+1] start a table.
    static func tableStart(_ lines: [String], _ i: Int) -> [Alignment]? {
        guard i + 1 < lines.count, lines[i].contains("|"), indentation(lines[i]) <= 3,
              let a = delimiterRow(lines[i + 1]), a.count == tableCells(lines[i]).count else { return nil }
        return a
    }

    /// Whether a line starts a block that ends a paragraph.
    static func interruptsParagraph(_ lines: [String], _ i: Int) -> Bool {
        let s = lines[i]
        if fenceOpen(s) != nil || atxHeading(s) != nil || isThematicBreak(s) || isQuote(s) { return true }
        if let m = listMarker(s), !m.content.isEmpty, !m.ordered || m.number == 1 { return true }
        return tableStart(lines, i) != nil
    }

    // MARK: - Blocks

    static func parse(lines: [String], depth: Int = 0) -> [Spaced] {
        if depth > maxDepth {
            let text = lines.map(trimmed).filter { !$0.isEmpty }.joined(separator: " ")
            return text.isEmpty ? [] : [Spaced(block: .paragraph(text), gapBefore: false)]
        }
        var blocks: [Spaced] = []
        var gap = false
        var i = 0
        func add(_ b: Block) { blocks.append(Spaced(block: b, gapBefore: gap && !blocks.isEmpty)); gap = false }
        while i < lines.count {
            let line = lines[i]
            if isBlank(line) { gap = true; i += 1; continue }
            if indentation(line) >= 4 {
                var code: [String] = []
                while i < lines.count, isBlank(lines[i]) || indentation(lines[i]) >= 4 {
                    code.append(expandTabs(dedent(lines[i], 4))); i += 1
                }
                var trailingBlank = false
                while let last = code.last, isBlank(last) { code.removeLast(); trailingBlank = true }
                add(.code(code.map { isBlank($0) ? "" : $0 }))
                gap = trailingBlank
                continue
            }
            if let (c, n, ind) = fenceOpen(line) {
                var code: [String] = []
                i += 1
                while i < lines.count, !isFenceClose(lines[i], c, n) {
                    code.append(expandTabs(dedent(lines[i], ind))); i += 1
                }
                i += 1  // the closing fence (or past the end)
                add(.code(code))
                continue
            }
            if let (level, text) = atxHeading(line) { add(.heading(level: level, text: text)); i += 1; continue }
            if isThematicBreak(line) { add(.rule); i += 1; continue }
            if isQuote(line) {
                var inner: [String] = []
                var lastWasText = false
                while i < lines.count, !isBlank(lines[i]) {
                    if isQuote(lines[i]) {
                        let u = unquote(lines[i])
                        inner.append(u)
                        lastWasText = !isBlank(u) && fenceOpen(u) == nil && indentation(u) < 4
                    } else if lastWasText && !interruptsParagraph(lines, i) {
                        inner.append(lines[i])  // lazy continuation of the quoted paragraph
                    } else { break }
                    i += 1
                }
                add(.quote(parse(lines: inner, depth: depth + 1)))
                continue
            }
            if let first = listMarker(line) {
                let (block, next) = parseList(lines, from: i, first: first, depth: depth)
                add(block)
                i = next
                continue
            }
            if let alignments = tableStart(lines, i) {
                let header = tableCells(line)
                var rows: [[String]] = []
                i += 2
                // Rows run to a blank line, a line without `|` or the start of another block.
                while i < lines.count, !isBlank(lines[i]), lines[i].contains("|"), fenceOpen(lines[i]) == nil,
                      atxHeading(lines[i]) == nil, !isQuote(lines[i]), tableStart(lines, i) == nil {
                    var cells = tableCells(lines[i])
                    if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
                    rows.append(Array(cells.prefix(header.count)))
                    i += 1
                }
                add(.table(header: header, alignments: alignments, rows: rows))
                continue
            }
            // A paragraph: until a blank line or a block that interrupts it.
            var text: [String] = [trimmed(line)]
            var hardBreaks: [Bool] = [endsWithHardBreak(line)]
            i += 1
            var setext: Int? = nil
            while i < lines.count, !isBlank(lines[i]) {
                if let level = setextLevel(lines[i]) { setext = level; i += 1; break }
                if interruptsParagraph(lines, i) { break }
                text.append(trimmed(lines[i])); hardBreaks.append(endsWithHardBreak(lines[i]))
                i += 1
            }
            var joined = ""
            for (k, t) in text.enumerated() {
                var piece = t
                if hardBreaks[k] && piece.hasSuffix("\\") { piece.removeLast() }
                joined += piece
                if k < text.count - 1 { joined += hardBreaks[k] ? "\n" : " " }
            }
            if let level = setext { add(.heading(level: level, text: joined.replacingNewlines())) } else { add(.paragraph(joined)) }
        }
        return blocks
    }

    static func endsWithHardBreak(_ s: String) -> Bool {
        s.hasSuffix("  ") || (s.hasSuffix("\\") && !s.hasSuffix("\\\\"))
    }

    /// Reads a list starting at `lines[start]`; returns it and the index after it.
    static func parseList(_ lines: [String], from start: Int, first: ListMarker, depth: Int) -> (Block, Int) {
        var items: [[Spaced]] = []
        var i = start
        var marker = first
        while true {
            var itemLines: [String] = [marker.content]
            i += 1
            var sawBlank = false
            var lastWasText = !marker.content.isEmpty
            var next: ListMarker? = nil
            while i < lines.count {
                let s = lines[i]
                if isBlank(s) { itemLines.append(""); sawBlank = true; lastWasText = false; i += 1; continue }
                let ind = indentation(s)
                if ind >= marker.contentIndent {
                    itemLines.append(dedent(s, marker.contentIndent))
                    sawBlank = false
                    lastWasText = true
                    i += 1
                    continue
                }
                if let m = listMarker(s), !isThematicBreak(s) {
                    if m.sameList(marker) { next = m }
                    break
                }
                if !sawBlank && lastWasText && !interruptsParagraph(lines, i) {
                    itemLines.append(trimmed(s))  // lazy continuation
                    i += 1
                    continue
                }
                break
            }
            while let last = itemLines.last, isBlank(last) { itemLines.removeLast() }
            items.append(parse(lines: itemLines, depth: depth + 1))
            guard let n = next else { break }
            // Trailing blank lines of an item belong between items; the list stays compact.
            marker = n
        }
        // Give back blank lines consumed after the last item so the next block keeps its gap.
        var end = i
        while end > start + 1, isBlank(lines[end - 1]) { end -= 1 }
        return (.list(ordered: first.ordered, start: first.number, items: items), end)
    }
}

extension String {
    func replacingNewlines() -> String { String(map { $0 == "\n" ? " " : $0 }) }
}
