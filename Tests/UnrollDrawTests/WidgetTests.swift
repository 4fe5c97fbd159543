import Testing
@testable import UnrollDraw

private let norms = [1e-18, 1e-2, 0, .infinity, .nan, 1e-10, 1.0, 1e-5]

@Test func logBarChartUTF8() {
    let lines = render(14, 6) { b, a in LogBarChart(values: norms, glyphs: .utf8, mode: .monochrome).draw(into: &b, area: a) }
    // 18 decades in 6 rows: every row holds a decade tick; labels every 10 decades.
    #expect(lines == [
        " 1e+0┤ ▃ ∞? █ ",
        "     ┤ █ ▓░ █▃",
        "     ┤ █ ▓░ ██",
        "1e-10┤ █ ▓░▅██",
        "     ┤ █ ▓░███",
        "     ┤▁█·▓░███",
    ])
}

@Test func logBarChartASCIIWithReferenceAndWideColumns() {
    let lines = render(12, 4) { b, a in
        LogBarChart(values: [1e-6, 1e-1, 1e-3], axis: LogAxis(minDecade: -6, maxDecade: 0), reference: [1e-2, 1e-2, 1e-2],
                    timeline: Timeline(columnWidth: 3), glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(lines == [
        "1e+0+   ..  ",
        "    +~~~~~~~",
        "1e-3+   ## #",
        "    +__ ## #",
    ])
}

@Test func logBarChartScrollsInsteadOfSquashing() {
    let lines = render(4, 2) { b, a in
        LogBarChart(values: [1, 1, 1e-3, 1, 1], axis: LogAxis(minDecade: -3, maxDecade: 0), timeline: Timeline(columnWidth: 1, firstColumn: 2),
                    gutterWidth: 0, glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(lines == [" ## ", "_## "])
}

@Test func heatmapMonochromeBothGlyphSets() {
    let values: [[Double]] = [[-1, -0.5, 0, 0.5, 1], [.nan, .infinity, -.infinity, 0.1, -0.1]]
    let utf = render(8, 2) { b, a in
        Heatmap(values: values, range: .symmetric(1), cursorColumn: 2, rowLabels: ["h0", "h1"], glyphs: .utf8, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(utf == ["h0 ●○ ▒█", "h1 ?∞∞·-"])
    let ascii = render(8, 2) { b, a in
        Heatmap(values: values, range: .symmetric(1), rowLabels: ["h0", "h1"], glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(ascii == ["h0 %- +#", "h1 ?II.,"])
}

@Test func heatmapColourUsesBackgroundsAndCursorGlyph() {
    var b = Buffer(width: 4, height: 1)
    Heatmap(values: [[-1, 0, 1, .nan]], range: .symmetric(1), timeline: Timeline(columnWidth: 1), cursorColumn: 1, mode: .c256)
        .draw(into: &b, area: b.area)
    #expect(b.plainLines() == [" │ ?"])
    #expect(b[0, 0]?.style.bg == .indexed(19))
    #expect(b[2, 0]?.style.bg == .indexed(88))
    #expect(b[3, 0]?.style.bg == Palette(.c256).nan)
}

@Test func heatmapColumnWidthAndTranspose() {
    let rows = Heatmap.rows(fromColumns: [[1, -1], [0, 1]])
    #expect(rows == [[1, 0], [-1, 1]])
    let lines = render(5, 2) { b, a in
        Heatmap(values: rows, range: .symmetric(1), timeline: Timeline(columnWidth: 2), glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(lines == ["##   ", "%%## "])
}

@Test func heatmapLegendMonochrome() {
    let utf = render(30, 1) { b, a in HeatmapLegend(low: -1, high: 1, glyphs: .utf8, mode: .monochrome).draw(into: &b, area: a) }
    #expect(utf == ["-1 ●◎○∘- ·░▒▓█ 1  ?nan ∞inf   "])
    let ascii = render(16, 1) { b, a in HeatmapLegend(low: -2, high: 2, glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a) }
    #expect(ascii == ["-2 %=-;, .:+*# 2"])
}

@Test func historyHeatmapNewestAtBottomOrTop() {
    let h: [[Double]] = [[1e-8, 1e-4, 1], [0, .nan, .infinity], [1e-6, 1e-3, 1e-1]]
    let down = render(6, 3) { b, a in
        HistoryHeatmap(history: h, timeline: Timeline(columnWidth: 2), glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(down == ["..++@@", "oo??II", "--**%%"])
    let up = render(3, 2) { b, a in
        HistoryHeatmap(history: h, newestAtTop: true, glyphs: .utf8, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(up == ["░▓█", "·?∞"])
}

@Test func sparklineAndLineChart() {
    let s = render(10, 1) { b, a in Sparkline(values: [1, 2, 3, 4, 5, 4, 3, 2, 1, .nan], glyphs: .utf8, mode: .monochrome).draw(into: &b, area: a) }
    #expect(s == ["▁▃▅▆█▆▅▃▁?"])
    let resampled = render(2, 1) { b, a in Sparkline(values: [1, 1, 5, 5], glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a) }
    #expect(resampled == ["_#"])
    let line = render(14, 4) { b, a in
        LineChart(values: [4, 3, 2, 1.5, 1, 0.8, 0.5, 0.25, 0.2, 0.1], glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(line == ["4  |*         ", "   | *        ", "   |  ****    ", "0.1|      ****"])
    let logLine = render(8, 3) { b, a in
        LineChart(values: [100, 10, 1, 0.1, 0.01], logScale: true, glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(logLine == ["100 |*  ", "    | * ", "0.01|  *"])
}

@Test func boxKeyBarTable() {
    let box = render(12, 3) { b, a in Box(title: "Gradients", glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a) }
    #expect(box == ["+-Gradien~-+", "|          |", "+----------+"])
    #expect(Box().inner(Rect(x: 0, y: 0, width: 12, height: 3)) == Rect(x: 1, y: 1, width: 10, height: 1))
    let keys = render(24, 1) { b, a in
        KeyBar([("q", "quit"), ("<>", "step"), ("?", "help"), ("t", "train")], glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(keys == ["q quit  <> step ~       "])
    let all = render(20, 1) { b, a in KeyBar([("q", "quit"), ("?", "help")], mode: .monochrome).draw(into: &b, area: a) }
    #expect(all == ["q quit  ? help      "])
    let table = render(16, 3) { b, a in
        Table([("loss", "0.25"), ("grad norm", "1e-18"), ("steps", "a very long value")], glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(table == ["loss     0.25   ", "grad no~ 1e-18  ", "steps    a very~"])
}

@Test func textBlockMarkdownWrapAndScroll() {
    let text = "# Vanishing\nThe **gradient** shrinks\nat every `step`.\n\n- first bullet that wraps around\n- second"
    let block = TextBlock(text, glyphs: .ascii, mode: .monochrome)
    #expect(block.lineCount(width: 20) == 7)
    let lines = render(20, 4) { b, a in block.draw(into: &b, area: a) }
    #expect(lines == ["Vanishing           ", "The gradient shrinks", "at every step.      ", "                    "])
    var scrolled = block
    scrolled.scroll = 4
    let rest = render(20, 4) { b, a in scrolled.draw(into: &b, area: a) }
    #expect(rest == ["- first bullet that ", "  wraps around      ", "- second            ", "                    "])
    var b = Buffer(width: 20, height: 2)
    block.draw(into: &b, area: b.area)
    #expect(b[0, 0]?.style.attributes.contains(.bold) == true)
    #expect(b[4, 1]?.style.attributes.contains(.bold) == true)
    #expect(b[0, 1]?.style.attributes.contains(.bold) == false)
}

@Test func textBlockSplitsLongWords() {
    let lines = render(4, 3) { b, a in TextBlock("abcdefghij", mode: .monochrome).draw(into: &b, area: a) }
    #expect(lines == ["abcd", "efgh", "ij  "])
    #expect(TextBlock("- x", mode: .monochrome).lineCount(width: 1) >= 1)
}

@Test func timelineScrolling() {
    let t = Timeline(columnWidth: 2, firstColumn: 0)
    #expect(t.scrolledToShow(10, width: 8).firstColumn == 7)
    #expect(t.scrolledToShow(2, width: 8).firstColumn == 0)
    #expect(Timeline(columnWidth: 0, firstColumn: -3) == Timeline(columnWidth: 1, firstColumn: 0))
}
