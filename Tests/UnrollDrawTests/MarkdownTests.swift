import Testing
@testable import UnrollDraw

/// The laid-out text of a block (kinds dropped).
private func text(_ md: String, _ width: Int, glyphs: Glyphs = .utf8, mode: ColorMode = .monochrome, codeScroll: Int = 0) -> [String] {
    TextBlock(md, codeScroll: codeScroll, glyphs: glyphs, mode: mode).layout(width: width).map { String(String.UnicodeScalarView($0.map(\.scalar))) }
}

private let reber = """
The Reber grammar is a graph with six states:

```
start -B-> 0
0 -T-> 1      0 -P-> 2
1 -S-> 1      1 -X-> 3
5 -E-> end
```

So BTXSE is legal.
"""

@Test func fencedCodeKeepsEveryLine() {
    #expect(text(reber, 30) == [
        "The Reber grammar is a graph",
        "with six states:",
        "",
        "  start -B-> 0",
        "  0 -T-> 1      0 -P-> 2",
        "  1 -S-> 1      1 -X-> 3",
        "  5 -E-> end",
        "",
        "So BTXSE is legal.",
    ])
    // Narrower than the figure: lines are cut and marked, never wrapped into each other.
    #expect(text(reber, 20) == [
        "The Reber grammar is",
        "a graph with six",
        "states:",
        "",
        "  start -B-> 0",
        "  0 -T-> 1      0 -»",
        "  1 -S-> 1      1 -»",
        "  5 -E-> end",
        "",
        "So BTXSE is legal.",
    ])
    let block = TextBlock(reber, glyphs: .utf8, mode: .monochrome)
    #expect(block.codeOverflow(width: 20) == 4)
    #expect(block.codeOverflow(width: 30) == 0)
    var b = Buffer(width: 20, height: 10)
    block.draw(into: &b, area: b.area)
    #expect(b[19, 5]?.style.attributes.contains(.reverse) == true)
    // Scrolled code: the left mark says something is hidden; prose does not move.
    #expect(text(reber, 20, codeScroll: 4).suffix(6) == [
        "  « -B-> 0",
        "  «> 1      0 -P-> 2",
        "  «> 1      1 -X-> 3",
        "  «> end",
        "",
        "So BTXSE is legal.",
    ])
    #expect(text(reber, 20, glyphs: .ascii)[5] == "  0 -T-> 1      0 ->")
}

@Test func indentedCodeAndTabs() {
    let md = "The update:\n\n    c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t\n\tx\t= 1\n\nDone."
    #expect(text(md, 40) == ["The update:", "", "  c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t", "  x   = 1", "", "Done."])
    #expect(text(md, 40, glyphs: .ascii)[2] == "  c_t = f_t (.) c_{t-1} + i_t (.) g_t")
    // Four spaces inside a paragraph continue it (indented code cannot interrupt a paragraph).
    #expect(text("one\n    two", 20) == ["one two"])
    // A code block narrower than 12 columns loses its indent, not its text.
    #expect(text("```\nabcdefghijkl\n```", 8) == ["abcdefg»"])
}

@Test func numberedAndBulletedListsOneItemPerLine() {
    let md = """
    Count the weights:

    1. input → hidden, W_xh: the input into layer 1;
    2. hidden → hidden along time, W_hh: each layer's own state from step
       t−1 to step t (one per layer);
    3. biases.

    - **forget** f_t: keep;
    - **input** i_t: write
    lazily continued.
      - nested item
    """
    #expect(text(md, 36) == [
        "Count the weights:",
        "",
        "1. input → hidden, W_xh: the input",
        "   into layer 1;",
        "2. hidden → hidden along time, W_hh:",
        "   each layer's own state from step",
        "   t−1 to step t (one per layer);",
        "3. biases.",
        "",
        "• forget f_t: keep;",
        "• input i_t: write lazily continued.",
        "  ◦ nested item",
    ])
    #expect(text("9. a\n10. b", 10) == [" 9. a", "10. b"])
    #expect(text("3) c\n4) d", 10) == ["3. c", "4. d"])
    #expect(text("-\n- x", 10) == ["•", "• x"])
    #expect(text("- a\n- b", 10, glyphs: .ascii) == ["- a", "- b"])
}

@Test func tablesAreDrawnAsTables() {
    let md = """
    | source length | held-out accuracy per decoder step |
    |---|---:|
    | 4 | over 95% |
    | 12 | about half (under 55%) |
    """
    #expect(text(md, 60) == [
        "source length │ held-out accuracy per decoder step",
        "──────────────┼───────────────────────────────────",
        "4             │                           over 95%",
        "12            │             about half (under 55%)",
    ])
    // Narrow: the widest column shrinks and wraps, rows get rules between them.
    #expect(text(md, 30) == [
        "source length │       held-out",
        "              │   accuracy per",
        "              │   decoder step",
        "──────────────┼───────────────",
        "4             │       over 95%",
        "──────────────┼───────────────",
        "12            │     about half",
        "              │    (under 55%)",
    ])
    // Too narrow for columns: each row as header: value.
    #expect(text(md, 10) == [
        "source",
        "  length:",
        "  4",
        "held-out",
        "  accuracy",
        "  per",
        "  decoder",
        "  step:",
        "  over 95%",
        "──────────",
        "source",
        "  length:",
        "  12",
        "held-out",
        "  accuracy",
        "  per",
        "  decoder",
        "  step:",
        "  about",
        "  half",
        "  (under",
        "  55%)",
    ])
    #expect(text("| a | b |\n|:-:|---|\n| `x\\|y` | **z** |", 20, glyphs: .ascii) == [" a  | b", "----+--", "x|y | z"])
    // A line with pipes inside a paragraph is not a table without a delimiter row.
    #expect(text("the largest\n|eigenvalue|, but", 40) == ["the largest |eigenvalue|, but"])
}

@Test func headingsInlineStylesAndMonochrome() {
    let md = "## Gates\nA *gate*, a **sum**, `code` and 2 * 3 * 4 with W_hh_t and *unclosed."
    let mono = TextBlock(md, glyphs: .utf8, mode: .monochrome)
    let lines = mono.layout(width: 80)
    let row1 = String(String.UnicodeScalarView(lines[1].map(\.scalar)))
    #expect(row1 == "A gate, a sum, code and 2 * 3 * 4 with W_hh_t and *unclosed.")
    func style(_ line: Int, _ needle: String) -> Style? {
        let s = String(String.UnicodeScalarView(lines[line].map(\.scalar)))
        guard let r = s.range(of: needle) else { return nil }
        return lines[line][s.distance(from: s.startIndex, to: r.lowerBound)].style
    }
    #expect(lines[0].allSatisfy { $0.style.attributes.contains([.bold, .underline]) })
    #expect(style(1, "gate")?.attributes == .underline)
    #expect(style(1, "sum")?.attributes == .bold)
    #expect(style(1, "code")?.attributes == .reverse)
    #expect(style(1, "2 *")?.attributes == [])
    #expect(style(1, "W_hh")?.attributes == [])
    let color = TextBlock(md, mode: .c256).layout(width: 80)
    #expect(color[1][row1.distance(from: row1.startIndex, to: row1.range(of: "code")!.lowerBound)].style.fg == Palette(.c256).code)
    #expect(color[0][0].style.fg == Palette(.c256).accent)
    #expect(text("***both*** and _under_ and snake_case_name", 60) == ["both and under and snake_case_name"])
    #expect(text("[the docs](https://x.org/a_(b)) here", 60) == ["the docs here"])
    #expect(text("a \\*literal\\* star", 60) == ["a *literal* star"])
    #expect(text("``a ` b``", 60) == ["a ` b"])
}

@Test func quotesRulesSetextAndBreaks() {
    #expect(text("> quoted text\nlazy line\n\n---\nTitle\n===\nline one  \nline two\\\nthree", 20) == [
        "│ quoted text lazy",
        "│ line",
        "",
        "────────────────────",
        "Title",
        "line one",
        "line two",
        "three",
    ])
    #expect(text("### Small heading\ntext", 20) == ["Small heading", "text"])
    #expect(TextBlock("### Small", mode: .monochrome).layout(width: 20)[0][0].style.attributes == .bold)
    #expect(text("\n\n\npara\n\n\n\nnext\n\n", 10) == ["para", "", "next"])
    #expect(text("", 10) == [])
    #expect(text("x", 0) == [])
}

@Test func asciiLessonTextIsSpelledBeforeWrapping() {
    let md = "The gain ‖∂h_t/∂h_{t−1}‖ is σ_max·γ ≤ 1."
    let lines = text(md, 20, glyphs: .ascii)
    #expect(lines == ["The gain", "|dh_t/dh_{t-1}| is", "sigma_max*gamma <= 1."].map { String($0.prefix(20)) } || lines.allSatisfy { $0.count <= 20 })
    #expect(lines.joined(separator: " ") == "The gain |dh_t/dh_{t-1}| is sigma_max*gamma <= 1.")
    #expect(lines.allSatisfy { $0.count <= 20 && $0.unicodeScalars.allSatisfy { $0.value < 0x80 } })
}

@Test func lineCountMaxScrollAndDrawAgree() {
    for md in [reber, "# T\n- a b c d e f g h i j k l m n o p\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx\n```"] {
        for w in [1, 5, 13, 30, 80] {
            let block = TextBlock(md, glyphs: .utf8, mode: .c256)
            let laid = block.layout(width: w)
            #expect(block.lineCount(width: w) == laid.count)
            #expect(block.maxScroll(width: w, height: 3) == max(0, laid.count - 3))
            #expect(laid.allSatisfy { $0.count <= w })
            var b = Buffer(width: w, height: laid.count + 2)
            block.draw(into: &b, area: b.area)
            for (i, line) in laid.enumerated() {
                #expect(Array(b.cells[(i * w)..<(i * w + line.count)]) == line)
            }
            var s = block
            s.scroll = max(0, laid.count - 1)
            var one = Buffer(width: w, height: 1)
            s.draw(into: &one, area: one.area)
            #expect(Array(one.cells.prefix(laid.last?.count ?? 0)) == (laid.last ?? []))
        }
    }
}

@Test func wrappedCodeContinuesOnMarkedLines() {
    let md = "    dL/dh_8 = J_9ᵀ · dL/dh_9,    J_9 = ∂h_9/∂h_8 = diag(1 − h_9²) · W_hh\n\nok"
    let lines = TextBlock(md, wrapsCode: true, mode: .monochrome).layout(width: 34)
    #expect(lines.map { String(String.UnicodeScalarView($0.map(\.scalar))) } == [
        "  dL/dh_8 = J_9ᵀ · dL/dh_9,    »",
        "    J_9 = ∂h_9/∂h_8 = diag(1 − »",
        "    h_9²) · W_hh",
        "",
        "ok",
    ])
    let texts = lines.map { String(String.UnicodeScalarView($0.map(\.scalar))) }
    #expect(texts.allSatisfy { $0.count <= 34 })
    #expect(texts[0].hasSuffix("»") && lines[0].last?.style.attributes.contains(.reverse) == true)
    // The pieces put back together are the source line.
    let pieces = texts.prefix(while: { !$0.isEmpty }).enumerated().map { i, t -> String in
        var s = String(t.dropFirst(i == 0 ? 2 : 4))
        if s.hasSuffix("»") { s.removeLast() }
        return s
    }
    #expect(pieces.joined() == "dL/dh_8 = J_9ᵀ · dL/dh_9,    J_9 = ∂h_9/∂h_8 = diag(1 − h_9²) · W_hh")
    // Short lines and figures are untouched.
    #expect(text(reber, 30) == TextBlock(reber, wrapsCode: true, mode: .monochrome).layout(width: 30).map { String(String.UnicodeScalarView($0.map(\.scalar))) })
}

/// A small deterministic generator (SplitMix64).
private struct Seeded {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ a: [T]) -> T { a[Int(next() % UInt64(a.count))] }
}

@Test func randomMarkdownNeverOverflowsOrTraps() {
    let pieces = ["```", "~~~", "|", " | ", "|---|---|", "- ", "* ", "+ ", "1. ", "10) ", "> ", "**", "*", "_", "__", "`", "``",
                  "\n", "\n\n", "    ", "\t", "# ", "### ", "---", "===", "\\", "[", "](", ")", "word", "ρσγ", "漢字", "e\u{301}",
                  "c\u{303}", "\u{202E}", "😀", "a_b", "  \n", "<go>", "2 * 3", "‖g‖"]
    var rng = Seeded(state: 42)
    for _ in 0..<300 {
        let text = (0..<Int(rng.next() % 40)).map { _ in rng.pick(pieces) }.joined()
        for glyphs in [Glyphs.utf8, .ascii] {
            let w = Int(rng.next() % 50) + 1
            let block = TextBlock(text, codeScroll: Int(rng.next() % 3), wrapsCode: rng.next() % 2 == 0, glyphs: glyphs, mode: .monochrome)
            let lines = block.layout(width: w)
            #expect(lines.allSatisfy { $0.count <= w }, "\(text.debugDescription) at \(w)")
            #expect(lines.allSatisfy { $0.allSatisfy { $0.scalar != "\n" && !Cell.isZeroWidth($0.scalar) && !Cell.isWide($0.scalar) } })
            #expect(block.lineCount(width: w) == lines.count)
            var b = Buffer(width: w, height: 3)
            block.draw(into: &b, area: b.area)
        }
    }
}

@Test func deepNestingIsBounded() {
    let quotes = String(repeating: "> ", count: 5000) + "deep"
    let lines = TextBlock(quotes, mode: .monochrome).layout(width: 60)
    #expect(!lines.isEmpty && lines.allSatisfy { $0.count <= 60 })
    let lists = (0..<400).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
    let l2 = TextBlock(lists, mode: .monochrome).layout(width: 30)
    #expect(l2.allSatisfy { $0.count <= 30 })
}
