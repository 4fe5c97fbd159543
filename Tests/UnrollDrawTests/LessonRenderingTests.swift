import Foundation
import Testing
@testable import UnrollDraw

/// The source's code blocks, found independently of the renderer: fenced blocks, and runs of lines
/// indented 4+ spaces after a blank line (or at the start), outside fences and lists.
private func codeBlocks(_ body: String) -> [[String]] {
    let lines = body.components(separatedBy: "\n")
    var blocks: [[String]] = []
    var fence: String? = nil
    var fenceIndent = 0
    var current: [String] = []
    var previousBlank = true
    var inList = false
    for line in lines {
        let stripped = line.drop { $0 == " " }
        let indent = line.count - stripped.count
        if let f = fence {
            // Inside a fence a line loses at most the fence's own indentation (CommonMark).
            if indent <= 3 && stripped.hasPrefix(f) { blocks.append(current); current = []; fence = nil } else { current.append(String(line.dropFirst(min(indent, fenceIndent)))) }
            continue
        }
        if indent <= 3, let f = ["```", "~~~"].first(where: { stripped.hasPrefix($0) }) { fence = f; fenceIndent = indent; current = []; inList = false; continue }
        let blank = stripped.isEmpty
        if indent >= 4 && !blank && (previousBlank || !current.isEmpty) && !inList {
            current.append(String(line.dropFirst(4)))
        } else if !blank && !current.isEmpty {
            blocks.append(current); current = []
        }
        if !blank && indent <= 3 {
            inList = stripped.first.map { "-*+".contains($0) } == true && stripped.dropFirst().first == " "
                || (stripped.prefix { $0.isNumber }.count > 0 && [".", ")"].contains(stripped.drop { $0.isNumber }.first.map(String.init) ?? ""))
                || (inList && indent > 0)
        }
        previousBlank = blank
    }
    if !current.isEmpty { blocks.append(current) }
    return blocks.map { b in
        var b = b
        while b.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { b.removeLast() }
        return b
    }.filter { !$0.isEmpty }
}

private func string(_ cells: [Cell]) -> String { String(String.UnicodeScalarView(cells.map(\.scalar))) }

@Test func everyLessonPageRendersAtEveryWidth() throws {
    let pages = try LessonPages.all()
    #expect(pages.count >= 90, "found \(pages.count) pages")
    var codeLinesChecked = 0, listItemsChecked = 0, tablesChecked = 0
    for page in pages {
        let sourceCode = codeBlocks(page.body)
        for glyphs in [Glyphs.utf8, .ascii] {
            for width in [30, 40, 60, 100] {
                let block = TextBlock(page.body, glyphs: glyphs, mode: .monochrome)
                let lines = block.lines(width: width)
                let at = "\(page.name) at \(width)\(glyphs.asciiOnly ? " ascii" : "")"
                // No line wider than the area; lineCount and draw agree with the layout.
                for l in lines { #expect(l.cells.count <= width, "\(at): \(string(l.cells))") }
                #expect(block.lineCount(width: width) == lines.count, "\(at)")
                var b = Buffer(width: width, height: lines.count, ascii: glyphs.asciiOnly)
                block.draw(into: &b, area: b.area)
                #expect(b.plainLines().map { $0.trimmingCharacters(in: .whitespaces) }
                        == lines.map { string($0.cells).trimmingCharacters(in: .whitespaces) }, "\(at)")
                if glyphs.asciiOnly {
                    #expect(lines.allSatisfy { $0.cells.allSatisfy { $0.scalar.value < 0x80 } }, "\(at)")
                }
                // Every code line of the source is its own line, in order: whole, or cut with the mark.
                let drawnCode = lines.filter { $0.kind == .code }.map { string($0.cells) }
                let expected = sourceCode.flatMap { $0 }.map { glyphs.text($0) }
                #expect(drawnCode.count == expected.count, "\(at): \(drawnCode.count) code lines for \(expected.count)")
                for (d, e) in zip(drawnCode, expected) {
                    let shown = String(d.dropFirst(2))
                    if displayWidth(e) <= width - 2 {
                        #expect(shown == e, "\(at): «\(shown)» for «\(e)»")
                    } else {
                        #expect(shown.last == glyphs.cutRight && e.hasPrefix(String(shown.dropLast())), "\(at): «\(shown)» for «\(e)»")
                    }
                    codeLinesChecked += 1
                }
                // Wrapped instead of cut: each source line starts its own line and its pieces
                // put back together are the line.
                let wrapped = TextBlock(page.body, wrapsCode: true, glyphs: glyphs, mode: .monochrome).lines(width: width)
                var rebuilt: [String] = []
                for l in wrapped where l.kind == .code {
                    let t = string(l.cells)
                    var piece = String(t.dropFirst(2))
                    let continued = rebuilt.last?.hasSuffix(String(glyphs.cutRight)) == true
                    if continued { piece = String(piece.dropFirst(2)); rebuilt[rebuilt.count - 1].removeLast(); rebuilt[rebuilt.count - 1] += piece }
                    else { rebuilt.append(piece) }
                    #expect(l.cells.count <= width, "\(at) wrapped")
                }
                #expect(rebuilt == expected, "\(at) wrapped code")
                // Every list item starts its own line with its marker and first word.
                let texts = lines.map { string($0.cells).trimmingCharacters(in: .whitespaces) }
                var fence = false
                // A numbered line inside a paragraph ("…the first\n10. At the last step…") is text,
                // as in CommonMark: only `1.` may interrupt a paragraph.
                var inParagraph = false, inList = false
                for src in page.body.components(separatedBy: "\n") {
                    if src.hasPrefix("```") { fence.toggle(); continue }
                    if fence { continue }
                    let t = src.trimmingCharacters(in: .whitespaces)
                    let numbered = t.prefix { $0.isNumber }
                    var marker: String? = nil
                    var rest = ""
                    if !numbered.isEmpty, t.dropFirst(numbered.count).hasPrefix(". "),
                       numbered == "1" || !inParagraph || inList {
                        marker = numbered + "."; rest = String(t.dropFirst(numbered.count + 2))
                    }
                    if t.hasPrefix("- ") || t.hasPrefix("* ") { marker = String(glyphs.bullet); rest = String(t.dropFirst(2)) }
                    if t.isEmpty { inParagraph = false; inList = false } else if marker != nil { inList = true; inParagraph = true } else { inParagraph = true }
                    guard let m = marker, src.prefix(while: { $0 == " " }).count <= 3 else { continue }
                    let word = glyphs.text(String(rest.split(separator: " ").first ?? "").filter { $0 != "*" && $0 != "`" })
                    #expect(texts.contains { $0.hasPrefix(m + " " + String(word.prefix(width - 4))) }, "\(at): item «\(t)»")
                    listItemsChecked += 1
                }
                // Every table gets its rule row (or, when too narrow, its rows as header: value).
                let sourceTables = page.body.components(separatedBy: "\n").filter { $0.hasPrefix("|---") || $0.hasPrefix("| ---") }.count
                let rules = lines.filter { $0.kind == .table && $0.cells.contains { $0.scalar == Cell(glyphs.cross).scalar } }.count
                if sourceTables > 0 { #expect(rules >= sourceTables, "\(at): tables"); tablesChecked += sourceTables }
            }
        }
    }
    #expect(codeLinesChecked > 100)
    #expect(listItemsChecked > 100)
    #expect(tablesChecked >= 8)
}

/// The pages the student walk names (L1p6, L5p7, L10p1, L13p1, L16p4, L18p2) at 40 columns.
@Test func reviewedPagesRead() throws {
    let pages = try LessonPages.all()
    func page(_ file: String, _ n: Int) -> String { pages.first { $0.file.hasPrefix(file) && $0.number == n }!.body }
    func lines(_ body: String, _ w: Int = 40) -> [String] { TextBlock(body, mode: .monochrome).layout(width: w).map(string) }
    #expect(lines(page("01-", 6)).contains("  for word in sentence:"))
    #expect(lines(page("01-", 6)).contains("      h = tanh(W_xh·word + W_hh·h + b_h)"))
    #expect(lines(page("10-", 1), 70).contains("  c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t        h_t = o_t ⊙ tanh(c_t)"))
    let reber = lines(page("13-", 1), 60)
    for row in ["  from:  start   0     1     2     3     4     5", "         B→0     T→1   S→1   T→2   X→2   P→3   E→end",
                "                 P→2   X→3   V→4   S→5   V→5"] {
        #expect(reber.contains(row), "\(row)")
    }
    let tricks = lines(page("16-", 4))
    for n in 1...4 { #expect(tricks.contains { $0.hasPrefix("\(n). ") }) }
    let limits = lines(page("18-", 2))
    #expect(limits.contains("source length │ held-out accuracy per"))
    #expect(limits.contains("12            │ 48% (three pages on,"))
    let steps = lines(page("05-", 7))
    #expect(steps.contains("1. run one step and read p_t;"))
}
