import Testing
@testable import UnrollDraw

@Test func fittingCoversFiniteValuesInWholeDecades() {
    let a = LogAxis.fitting([1e-18, 3e-2, 0, .infinity, .nan, -5])
    #expect(a.minDecade == -18)
    #expect(a.maxDecade == -1)
    #expect(LogAxis.fitting([5.0]) == LogAxis(minDecade: 0, maxDecade: 1))
    #expect(LogAxis.fitting([1.0]) == LogAxis(minDecade: 0, maxDecade: 1))
    #expect(LogAxis.fitting([0, .nan]) == LogAxis(minDecade: -3, maxDecade: 0))
    #expect(LogAxis(minDecade: 2, maxDecade: -4) == LogAxis(minDecade: -4, maxDecade: 2))
}

@Test func fractionAndUnion() {
    let a = LogAxis(minDecade: -18, maxDecade: 2)
    #expect(a.fraction(1e-18) == 0)
    #expect(a.fraction(100) == 1)
    #expect(a.fraction(0) == nil)
    #expect(a.fraction(.nan) == nil)
    #expect(a.fraction(.infinity) == nil)
    #expect(a.union(LogAxis(minDecade: -3, maxDecade: 5)) == LogAxis(minDecade: -18, maxDecade: 5))
    #expect(a.labelWidth == 5)
}

/// Row (0 = top) of the highest non-blank cell in a column, or nil.
private func topRow(_ lines: [String], column: Int) -> Int? {
    lines.firstIndex { Array($0)[column] != " " }
}

@Test func tinyAndSmallNormsLandInDifferentRows() {
    for g in [Glyphs.utf8, .ascii] {
        let lines = render(8, 10) { b, a in
            LogBarChart(values: [1e-18, 1e-2], axis: LogAxis(minDecade: -18, maxDecade: 2), gutterWidth: 0, glyphs: g, mode: .monochrome)
                .draw(into: &b, area: a)
        }
        let tiny = topRow(lines, column: 0), small = topRow(lines, column: 1)
        #expect(tiny == 9)
        #expect(small != nil && small! <= 2)
    }
}

@Test func labelsNeverShareARowAndIncludeTheEnds() {
    let a = LogAxis(minDecade: -18, maxDecade: 2)
    let labels = a.labelledDecades(rows: 10)
    #expect(labels.first?.decade == 2)
    #expect(labels.first?.row == 9)
    #expect(labels.last?.row == 0)
    #expect(Set(labels.map(\.row)).count == labels.count)
    #expect(a.labelledDecades(rows: 0).isEmpty)
    #expect(a.labelledDecades(rows: 1).count == 1)
}

@Test func zeroInfAndNaNInBarChart() {
    let lines = render(3, 4) { b, a in
        LogBarChart(values: [0, .infinity, .nan], axis: LogAxis(minDecade: -3, maxDecade: 0), gutterWidth: 0,
                    glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(lines == [" I?", " I?", " I?", "oI?"])
}
