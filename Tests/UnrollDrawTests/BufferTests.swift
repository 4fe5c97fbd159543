import Testing
@testable import UnrollDraw

@Test func writeClipsAtEveryEdgeWithoutWrapping() {
    var b = Buffer(width: 5, height: 2)
    b.write(x: 3, y: 0, "abcdef")
    b.write(x: -2, y: 1, "xyz12")
    #expect(b.plainLines() == ["   ab", "z12  "])
}

@Test func writeRespectsMaxWidthAndClipRect() {
    var b = Buffer(width: 8, height: 1)
    let used = b.write(x: 0, y: 0, "hello", maxWidth: 3)
    b.write(x: 4, y: 0, "world", clip: Rect(x: 4, y: 0, width: 2, height: 1))
    #expect(used == 3)
    #expect(b.plainLines() == ["hel wo  "])
}

@Test func hugeAndNegativeCoordinatesNeverTrap() {
    var b = Buffer(width: 4, height: 3)
    let xs = [Int.min, Int.min + 1, -1_000_000, -1, 0, 3, 4, 1_000_000, Int.max - 1, Int.max]
    for x in xs {
        for y in xs {
            b.put(x: x, y: y, "#")
            b.write(x: x, y: y, "abc", maxWidth: Int.max)
            b.write(x: x, y: y, "abc", maxWidth: Int.min)
            b.fill(Rect(x: x, y: y, width: Int.max, height: Int.max), char: ".")
            _ = b[x, y]
        }
    }
    #expect(b.plainLines().count == 3)
}

@Test func zeroAndOneCellBuffers() {
    var z = Buffer(width: 0, height: 0)
    z.write(x: 0, y: 0, "abc")
    z.put(x: 0, y: 0, "x")
    #expect(z.plainLines() == [])
    var one = Buffer(width: 1, height: 1)
    one.write(x: 0, y: 0, "abc")
    #expect(one.plainLines() == ["a"])
    var neg = Buffer(width: -3, height: 5)
    neg.write(x: 0, y: 0, "abc")
    #expect(neg.width == 0)
    #expect(neg.plainLines() == ["", "", "", "", ""])
}

@Test func widgetsSurviveTinyAndOffscreenAreas() {
    let areas = [Rect.zero, Rect(x: 0, y: 0, width: 1, height: 1), Rect(x: -5, y: -5, width: 8, height: 8),
                 Rect(x: 3, y: 3, width: 100, height: 100), Rect(x: Int.max - 2, y: Int.min, width: Int.max, height: Int.max)]
    for g in [Glyphs.utf8, .ascii] {
        for mode in ColorMode.allCases {
            for a in areas {
                var b = Buffer(width: 4, height: 4)
                LogBarChart(values: [1e-3, .nan, 0, .infinity], reference: [1, 1], timeline: Timeline(columnWidth: 3, firstColumn: 1),
                            cursorColumn: 1, glyphs: g, mode: mode).draw(into: &b, area: a)
                Heatmap(values: [[1, -1, .nan]], cursorColumn: 0, rowLabels: ["h"], glyphs: g, mode: mode).draw(into: &b, area: a)
                HeatmapLegend(low: -1, high: 1, glyphs: g, mode: mode).draw(into: &b, area: a)
                HistoryHeatmap(history: [[1, 0], [1e-9]], gutterWidth: 3, glyphs: g, mode: mode).draw(into: &b, area: a)
                Sparkline(values: [1, 2, .nan], logScale: true, glyphs: g, mode: mode).draw(into: &b, area: a)
                LineChart(values: [1, 2, 3], glyphs: g, mode: mode).draw(into: &b, area: a)
                Box(title: "title", glyphs: g, mode: mode).draw(into: &b, area: a)
                KeyBar([("q", "quit")], glyphs: g, mode: mode).draw(into: &b, area: a)
                Table([("a", "b")], glyphs: g, mode: mode).draw(into: &b, area: a)
                TextBlock("# h\n- a bullet\nwords", scroll: 1, glyphs: g, mode: mode).draw(into: &b, area: a)
                #expect(b.plainLines().count == 4)
            }
        }
    }
}

@Test func wideAndControlCharactersStayOneColumn() {
    var b = Buffer(width: 6, height: 1)
    b.write(x: 0, y: 0, "a\u{7}漢e\u{301}x")
    #expect(b.plainLines() == ["a ?éx "])
}

@Test func fillAndStyles() {
    var b = Buffer(width: 3, height: 2)
    b.fill(Rect(x: 1, y: 0, width: 5, height: 5), char: "#", style: Style(fg: .indexed(1)))
    #expect(b.plainLines() == [" ##", " ##"])
    #expect(b[1, 1]?.style.fg == .indexed(1))
    #expect(b[0, 0]?.style == .plain)
}

@Test func rectSplits() {
    let r = Rect(x: 0, y: 0, width: 10, height: 10)
    #expect(r.rows([.fixed(2), .fill, .fixed(3)]).map(\.height) == [2, 5, 3])
    #expect(r.columns([.fill, .fill, .fill]).map(\.width) == [4, 3, 3])
    #expect(r.columns([.fixed(4), .fill]).map(\.x) == [0, 4])
    #expect(r.rows([.fixed(20), .fill]).map(\.height) == [10, 0])
    #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 8))
    #expect(r.inset(by: 7).isEmpty)
    #expect(Rect(x: 0, y: 0, width: -4, height: 2).width == 0)
}
