import Testing
import UnrollApp
import UnrollDraw

/// Geometry: columns align across rows, the cursor column, scrolling, mouse clicks.
@Suite struct WidgetTests {
    /// Cells drawn reversed (the cursor highlight) in the x_t row and the heatmap rows share a column.
    @Test func cursorColumnIsAlignedAcrossRows() throws {
        var s = AppTest.state(width: 100, height: 30)
        s = try AppTest.play("<home><right><right><right>", on: s).0
        let layout = Layout(state: s)
        let x = layout.plotX + (s.cursor - s.scroll) * layout.columnWidth
        let frame = view(s, width: 100, height: 30, glyphs: .utf8, mode: .monochrome)
        var reversedRows = 0
        for y in layout.timeline.y..<layout.timeline.maxY {
            guard let cell = frame[x, y] else { continue }
            if cell.style.attributes.contains(.reverse) { reversedRows += 1 }
            // No other column of this row carries the cursor highlight.
            for xx in layout.plotX..<layout.timeline.maxX where xx < x || xx >= x + layout.columnWidth {
                #expect(frame[xx, y]?.style.attributes.contains(.reverse) != true, "stray highlight at \(xx),\(y)")
            }
        }
        #expect(reversedRows >= 3)  // x_t, h rows, y_t, loss, gain
    }

    @Test func scrollingKeepsTheCursorVisible() throws {
        var s = AppTest.state(width: 80, height: 24)
        let layout = Layout(state: s)
        let fit = layout.plotWidth / layout.columnWidth
        #expect(fit < s.steps)  // the sequence needs scrolling at 80 columns
        for script in ["<home>", "<end>", "<home>" + String(repeating: "l", count: 25), "<end>" + String(repeating: "h", count: 30)] {
            s = try AppTest.play(script, on: s).0
            #expect(s.scroll <= s.cursor && s.cursor < s.scroll + fit, "cursor \(s.cursor) scroll \(s.scroll)")
        }
    }

    @Test func mouseClickMovesTheCursor() throws {
        let s = try AppTest.play("<home>", on: AppTest.state(width: 100, height: 30)).0
        let layout = Layout(state: s)
        let x = layout.plotX + 5 * layout.columnWidth + 1
        let s2 = update(s, .key(.mouseClick(x: x, y: layout.timeline.y + 2))).0
        #expect(s2.cursor == s.scroll + 5)
    }

    @Test func headerShowsPageModelAndLoss() {
        let lines = AppTest.lines(AppTest.state(width: 100, height: 30))
        #expect(lines[0].contains("page 1/3"))
        #expect(lines[0].contains("L = "))
        #expect(lines[1].contains("RNN-tanh H=16"))
        #expect(lines[1].contains("T=40"))
        #expect(lines[1].contains("σmax="))
    }

    @Test func exportHasOneRowPerStepAndNamedColumns() throws {
        let s = AppTest.state()
        let f = try #require(s.figures)
        let csv = FiguresExport.csv(f).split(separator: "\n")
        #expect(csv.count == f.steps + 1)
        let header = csv[0].split(separator: ",").map(String.init)
        for col in ["t", "x_1", "x_2", "mark", "target_1", "h_1", "h_16", "y_1", "correct", "loss", "dh", "dc", "gain", "reach", "bound"] {
            #expect(header.contains(col), "missing \(col)")
        }
        let json = FiguresExport.json(f)
        #expect(json.contains("\"columns\""))
        #expect(!json.contains("nan"))
    }
}
