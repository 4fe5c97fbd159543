import Testing
@testable import UnrollDraw

/// The line plot, the pixel image and the labelled matrix, drawn as text at fixed sizes.
struct ViewWidgetTests {
    static let rise: [Double] = [0, 1, 2, 3, 2, 1, 0, -1, -2, -3]
    static let shifted: [Double] = [1, 2, 3, 2, 1, 0, -1, -2, -3, .nan]

    func plot(_ g: Glyphs, _ m: ColorMode) -> [String] {
        render(16, 6) { b, a in
            LinePlot(series: [PlotSeries("in", Self.rise), PlotSeries("out", Self.shifted)], layout: .timeline(Timeline()),
                     cursor: 9, glyphs: g, mode: m).draw(into: &b, area: a)
        }
    }

    @Test func linePlotMarkersKeepSeriesApartInMonochromeAndASCII() {
        #expect(plot(.ascii, .monochrome) == [
            "* in  x out     ",
            " 3+  x*     |   ",
            "  |xx*xx*   |   ",
            " 0+*    x*  |   ",
            "  |      xx*|   ",
            "-3+        x*   ",
        ])
        // UTF-8 in monochrome with two series: braille could not tell them apart, so markers.
        #expect(LinePlot(series: [PlotSeries("a", [1]), PlotSeries("b", [2])], glyphs: .utf8, mode: .monochrome).resolvedDrawing == .markers)
        #expect(plot(.utf8, .monochrome) == [
            "• in  × out     ",
            " 3┤  ×•     │   ",
            "  │××•××•   │   ",
            " 0┤•    ×•  │   ",
            "  │      ××•│   ",
            "-3┤        ×•   ",
        ])
    }

    @Test func linePlotBrailleInColourWithALegendOfColours() {
        var b = Buffer(width: 16, height: 6)
        let p = LinePlot(series: [PlotSeries("in", Self.rise), PlotSeries("out", Self.shifted)], layout: .timeline(Timeline()),
                         cursor: 9, glyphs: .utf8, mode: .c256)
        #expect(p.resolvedDrawing == .braille)
        p.draw(into: &b, area: b.area)
        #expect(b.plainLines() == [
            "── in  ── out   ",
            " 3┤ ⡰⡱⡱⡀    │   ",
            "  │⠜⡜ ⠘⢜⢄   │   ",
            " 0┤⠜   ⠈⢎⢆  │   ",
            "  │     ⠈⢪⢢ │   ",
            "-3┤       ⠱⡱⡀   ",
        ])
        #expect(b[0, 0]?.style.fg == .indexed(75) && b[7, 0]?.style.fg == .indexed(214), "legend in each series' colour")
        let dots = b.cells.filter { (0x2800...0x28FF).contains($0.scalar.value) }
        #expect(dots.count > 15 && dots.allSatisfy { $0.style.fg == .indexed(75) || $0.style.fg == .indexed(214) })
        #expect(dots.contains { $0.style.fg == .indexed(75) } && dots.contains { $0.style.fg == .indexed(214) })
        // A single series fits the width in braille even in monochrome.
        let single = render(10, 3) { b, a in LinePlot(series: [PlotSeries("x", Self.rise)], legend: false, glyphs: .utf8, mode: .monochrome).draw(into: &b, area: a) }
        #expect(single == [" 3┤ ⡠⠓⢄   ", "  │⠜  ⠈⠢⡀ ", "-3┤     ⠈⢢"])
    }

    @Test func linePlotFollowsTheTimelineAndLeavesGaps() {
        let lines = render(14, 4) { b, a in
            LinePlot(series: [PlotSeries("x", [0, 1, .nan, 1, 0])], range: 0...1, layout: .timeline(Timeline(columnWidth: 2, firstColumn: 1)),
                     drawing: .markers, legend: false, glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
        }
        #expect(lines == ["1+*   *       ", " |            ", " |            ", "0+      *     "])
        #expect(LinePlot.brailleBit(column: 0, row: 3) == 0x40 && LinePlot.brailleBit(column: 1, row: 0) == 0x08)
    }

    static let image: [[Double]] = [[0, 0.5, 1], [1, 0.25, .nan], [0.75, 0, 1]]

    @Test func pixelImageShadesWithTheRowMarked() {
        let ascii = render(8, 3) { b, a in PixelImage(pixels: Self.image, highlightedRow: 1, glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a) }
        #expect(ascii == ["    ++@@", "> @@--??", "  ##  @@"])
        let utf = render(8, 3) { b, a in PixelImage(pixels: Self.image, highlightedRow: 1, glyphs: .utf8, mode: .eight).draw(into: &b, area: a) }
        #expect(utf == ["    ▒▒██", "→ ██░░??", "  ▓▓  ██"])
        #expect(PixelImage(pixels: Self.image, mode: .eight).size == (8, 3))
    }

    @Test func pixelImageHalfBlocksInGreyWithTheRowInBlue() {
        var b = Buffer(width: 8, height: 3)
        let p = PixelImage(pixels: Self.image, highlightedRow: 1, glyphs: .utf8, mode: .c256)
        #expect(p.resolvedDrawing == .halfBlocks && p.size == (8, 2))
        p.draw(into: &b, area: b.area)
        #expect(b.plainLines() == ["→ ▀▀▀▀▀▀", "  ▀▀▀▀▀▀", "        "])
        #expect(b[2, 0]?.style.fg == .indexed(232), "row 0, value 0: black")
        #expect(b[6, 0]?.style.fg == .indexed(255), "row 0, value 1: white")
        #expect(b[2, 0]?.style.bg == .indexed(195), "row 1 (highlighted), value 1: the top of the blue ramp")
        #expect(b[6, 0]?.style.bg == Palette(.c256).nan)
        #expect(b[2, 1]?.style.fg == .indexed(249) && b[2, 1]?.style.bg == .default, "row 2 alone in the last cell")
    }

    static let alpha: [[Double]] = [[1, 0, 0], [0.5, 0.5, 0], [0.1, 0.3, 0.6]]

    @Test func matrixHeatmapLabelsRowsColumnsAndHasALegend() {
        let ascii = render(18, 5) { b, a in
            MatrixHeatmap(values: Self.alpha, rowLabels: ["<go>", "c", "b"], columnLabels: ["a", "b", "c"], highlightedRow: 1,
                          glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
        }
        #expect(ascii == ["     a b c        ", "<go> @@           ", "c    ++++         ", "b    ..--**       ", "0  .:-=+*#%@ 1    "])
        let utf = render(18, 5) { b, a in
            MatrixHeatmap(values: Self.alpha, rowLabels: ["<go>", "c", "b"], columnLabels: ["a", "b", "c"], glyphs: .utf8, mode: .monochrome).draw(into: &b, area: a)
        }
        #expect(utf == ["     a b c        ", "<go> ██           ", "c    ▒▒▒▒         ", "b    ░░▒▒▓▓       ", "0  ░▒▓█ 1         "])
        // Labels too wide for a cell run downwards, cut with the ellipsis.
        let down = render(16, 6) { b, a in
            MatrixHeatmap(values: Self.alpha, rowLabels: ["<go>", "c", "b"], columnLabels: ["a", "<go>", "c"], maxHeaderRows: 3,
                          glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
        }
        #expect(down == ["     a < c      ", "       g        ", "       ~        ", "<go> @@         ", "c    ++++       ", "0  .:-=+*#%@ 1  "])
    }

    @Test func matrixHeatmapDivergingWithValuesForCosines() {
        let lines = render(20, 4) { b, a in
            MatrixHeatmap(values: [[1, -0.5], [-0.5, 1]], rowLabels: ["we", "they"], columnLabels: ["we", "they"],
                          scale: .diverging(.symmetric(1)), cellWidth: 5, showValues: true, glyphs: .ascii, mode: .monochrome)
                .draw(into: &b, area: a)
        }
        #expect(lines == ["     we   they      ", "we      1 -0.5      ", "they -0.5    1      ", "-1 %=-;, .:+*# 1    "])
    }

    @Test func matrixHeatmapColoursAndHighlight() {
        var b = Buffer(width: 12, height: 4)
        MatrixHeatmap(values: Self.alpha, rowLabels: ["<go>", "c", "b"], columnLabels: ["a", "b", "c"], highlightedRow: 2,
                      highlightedColumn: 0, legend: false, mode: .c256).draw(into: &b, area: b.area)
        #expect(b[5, 1]?.style.bg == Palette(.c256).sequential(1))
        #expect(b[7, 1]?.style.bg == Palette(.c256).sequential(0))
        #expect(b[0, 3]?.style.attributes.contains(.reverse) == true, "the highlighted row's label")
        #expect(b[5, 0]?.style.attributes.contains(.reverse) == true, "the highlighted column's label")
    }

    /// No size, no data and no value makes a widget trap.
    @Test func everyWidgetDrawsAnythingAtAnySize() {
        let odd: [Double] = [.nan, .infinity, -.infinity, 1e300, -1e-300, 0]
        for w in [0, 1, 2, 3, 7, 30] {
            for h in [0, 1, 2, 3, 9] {
                for g in [Glyphs.utf8, .ascii] {
                    for m in ColorMode.allCases {
                        let lines = render(w, h) { b, a in
                            LinePlot(series: [PlotSeries("a", odd), PlotSeries("b", []), PlotSeries("c", [5])], cursor: 3, glyphs: g, mode: m).draw(into: &b, area: a)
                            LinePlot(series: [], layout: .timeline(Timeline(columnWidth: 3, firstColumn: 99)), glyphs: g, mode: m).draw(into: &b, area: a)
                            PixelImage(pixels: [odd, [], [1]], highlightedRow: 7, glyphs: g, mode: m).draw(into: &b, area: a)
                            PixelImage(pixels: [], glyphs: g, mode: m).draw(into: &b, area: a)
                            MatrixHeatmap(values: [odd, [1]], rowLabels: ["a"], columnLabels: ["<eos>", "", "x"], scale: .diverging(.auto),
                                          cellWidth: 4, showValues: true, highlightedRow: -1, glyphs: g, mode: m).draw(into: &b, area: a)
                            MatrixHeatmap(values: [], firstRow: 5, glyphs: g, mode: m).draw(into: &b, area: a)
                            MatrixHeatmap(values: [[0.5]], rowLabels: ["␣"], columnLabels: ["↵"], glyphs: g, mode: m).draw(into: &b, area: a)
                        }
                        if g.asciiOnly { #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(w)×\(h) \(m): \(lines)") }
                    }
                }
            }
        }
    }
}
