import Testing
@testable import UnrollDraw

@Test func fieldRowDropsWholeFieldsByPriority() {
    let fields = [
        FieldRow.Field("lesson 7", priority: 3), FieldRow.Field("page 3/7", priority: 2),
        FieldRow.Field("L = 8.42e-4", priority: 5), FieldRow.Field("‖g‖ 0.94", priority: 1),
    ]
    let row = FieldRow(fields)
    #expect(row.shown(width: 100) == [0, 1, 2, 3])
    #expect(render(41, 1) { b, a in row.draw(into: &b, area: a) } == ["lesson 7  page 3/7  L = 8.42e-4  ‖g‖ 0.94"])
    #expect(render(31, 1) { b, a in row.draw(into: &b, area: a) } == ["lesson 7  page 3/7  L = 8.42e-4"])
    #expect(render(30, 1) { b, a in row.draw(into: &b, area: a) } == ["lesson 7  L = 8.42e-4         "])
    #expect(render(22, 1) { b, a in row.draw(into: &b, area: a) } == ["lesson 7  L = 8.42e-4 "])
    #expect(render(11, 1) { b, a in row.draw(into: &b, area: a) } == ["L = 8.42e-4"])
    #expect(render(10, 1) { b, a in row.draw(into: &b, area: a) } == ["lesson 7  "])   // never "L = 8.42e-"
    #expect(render(5, 1) { b, a in row.draw(into: &b, area: a) } == ["     "])
    let right = FieldRow(fields, alignRight: true, glyphs: .ascii)
    #expect(render(24, 1) { b, a in right.draw(into: &b, area: a) } == ["   lesson 7  L = 8.42e-4"])
    #expect(render(30, 1) { b, a in FieldRow([FieldRow.Field("‖g‖ 0.94")], glyphs: .ascii).draw(into: &b, area: a) } == ["|g| 0.94" + String(repeating: " ", count: 22)])
}

@Test func tokenLabelsStayDistinct() {
    let sentence = ["she", "is", "studying", "recurrent", "neural", "networks", "."]
    #expect(TokenLabels.abbreviated(sentence, width: 9) == sentence)
    #expect(TokenLabels.abbreviated(sentence, width: 4) == ["she", "is", "st…", "r…", "neu…", "net…", "."])
    #expect(TokenLabels.abbreviated(sentence, width: 3) == nil)   // neural/networks need 4
    #expect(TokenLabels.abbreviated(["italy", "i", "is"], width: 2) == nil)
    #expect(TokenLabels.abbreviated(["italy", "i", "is"], width: 3) == ["it…", "i", "is"])
    #expect(TokenLabels.abbreviated(["<go>", "<eos>", "a"], width: 3) == ["<g…", "<e…", "a"])
    #expect(TokenLabels.abbreviated(["<go>", "<eos>"], width: 2) == nil)
    #expect(TokenLabels.abbreviated(["ab", "c"], width: 1) == nil)
    #expect(TokenLabels.abbreviated(["a", "c"], width: 1) == ["a", "c"])
    #expect(TokenLabels.abbreviated(["σ_max", "σ"], width: 7, glyphs: .ascii) == ["sigma_~", "sigma"])
    for w in 1...10 {
        guard let l = TokenLabels.abbreviated(sentence, width: w) else { continue }
        #expect(l.allSatisfy { displayWidth($0) <= w })
        #expect(Set(l).count == Set(sentence).count)
    }
    let k = TokenLabels.keys(for: ["she", "is", "she", "."])
    #expect(k.keys == ["1", "2", "1", "3"])
    #expect(k.legend.map(\.token) == ["she", "is", "."])
}

@Test func numberMarksForWhatDoesNotFit() {
    #expect(NumberFormat.mark(216, glyphs: .utf8) == "+")
    #expect(NumberFormat.mark(-0.347, glyphs: .utf8) == "−")
    #expect(NumberFormat.mark(-0.347, glyphs: .ascii) == "-")
    #expect(NumberFormat.mark(0, glyphs: .ascii) == "0")
    #expect(NumberFormat.mark(.nan, glyphs: .ascii) == "?")
    #expect(NumberFormat.mark(-.infinity, glyphs: .utf8) == "∞")
}

@Test func keyBarKeepsPinnedKeys() {
    let items: [(key: String, label: String)] = [("←→", "step"), ("space", "forward"), ("b", "backward"), ("n/p", "page"), ("?", "help"), ("q", "quit")]
    let bar = KeyBar(items, pinned: ["?", "q"], glyphs: .utf8, mode: .monochrome)
    #expect(render(70, 1) { b, a in bar.draw(into: &b, area: a) } == ["←→ step  space forward  b backward  n/p page  ? help  q quit" + String(repeating: " ", count: 10)])
    #expect(render(41, 1) { b, a in bar.draw(into: &b, area: a) } == ["←→ step  space forward  …  ? help  q quit"])
    #expect(render(40, 1) { b, a in bar.draw(into: &b, area: a) } == ["←→ step  …  ? help  q quit              "])
    #expect(render(30, 1) { b, a in bar.draw(into: &b, area: a) } == ["←→ step  …  ? help  q quit    "])
    #expect(render(20, 1) { b, a in bar.draw(into: &b, area: a) } == ["…  ? help  q quit   "])
    #expect(render(10, 1) { b, a in bar.draw(into: &b, area: a) } == ["…  q quit "])
    // unpinned bars behave as before
    #expect(render(24, 1) { b, a in KeyBar(items, glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a) } == ["<--> step ~             "])
    for w in 0...70 {
        let (shown, omitted) = bar.shown(width: w)
        #expect(omitted == (shown.count < items.count))
        let lines = render(w, 1) { b, a in bar.draw(into: &b, area: a) }
        #expect(lines[0].count == w)
    }
}

@Test func rangeCaptionsSayWhatIsShown() {
    let t = Timeline(columnWidth: 3)
    #expect(t.caption(count: 30, width: 48) == "steps 1–16 of 30 →")
    #expect(Timeline(columnWidth: 3, firstColumn: 14).caption(count: 30, width: 48) == "← steps 15–30 of 30")
    #expect(Timeline(columnWidth: 3, firstColumn: 5).caption(count: 30, width: 48, glyphs: .ascii) == "< steps 6-21 of 30 >")
    #expect(t.caption(count: 10, width: 48) == "")
    #expect(Timeline.rangeCaption("units", first: 4, shown: 4, total: 16, vertical: true) == "↑ units 5–8 of 16 ↓")
    #expect(Timeline.rangeCaption("units", first: 0, shown: 16, total: 16) == "")
    #expect(t.shownRange(count: 30, width: 47) == 0...15)
}
