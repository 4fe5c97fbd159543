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

@Test func labelsAtRegularDecadesNeverTouching() {
    let a = LogAxis(minDecade: -18, maxDecade: 2)
    // 20 decades in 10 rows: a label every 5 decades, at the multiples of 5
    #expect(a.labelStep(rows: 10) == 5)
    let labels = a.labelledDecades(rows: 10)
    #expect(labels.map(\.decade) == [0, -5, -10, -15])
    #expect(zip(labels, labels.dropFirst()).allSatisfy { $0.row - $1.row >= 2 })
    #expect(a.labelledDecades(rows: 0).isEmpty)
    #expect(a.labelledDecades(rows: 1).count == 1)
    // Enough rows: every decade labelled.
    let small = LogAxis(minDecade: -3, maxDecade: 0)
    #expect(small.labelStep(rows: 12) == 1)
    #expect(small.labelledDecades(rows: 12).map(\.decade) == [0, -1, -2, -3])
    #expect(LogAxis(minDecade: -9, maxDecade: 0).labelledDecades(rows: 9).map(\.decade) == [0, -2, -4, -6, -8])
    #expect(LogAxis(minDecade: -9, maxDecade: 0).labelledDecades(rows: 6).map(\.decade) == [0, -3, -6])  // -9 would touch -6
    // No multiple of the step on the axis: the top decade.
    #expect(LogAxis(minDecade: 1, maxDecade: 4).labelledDecades(rows: 2).map(\.decade) == [3])
    #expect(LogAxis(minDecade: 1, maxDecade: 2).labelledDecades(rows: 3).map(\.decade) == [2, 1])
    #expect(LogAxis(minDecade: 11, maxDecade: 14).labelledDecades(rows: 1).map(\.decade) == [14])
    for span in 1...40 {
        for rows in 1...30 {
            let ax = LogAxis(minDecade: -span, maxDecade: 0)
            let l = ax.labelledDecades(rows: rows)
            #expect(!l.isEmpty)
            #expect(zip(l, l.dropFirst()).allSatisfy { $0.row - $1.row >= 2 })
            #expect(l.allSatisfy { $0.decade % ax.labelStep(rows: rows) == 0 || l.count == 1 })
        }
    }
}

@Test func aTickAtEveryDecade() {
    let a = LogAxis(minDecade: -3, maxDecade: 0)
    #expect(a.ticks(rows: 12).map(\.decade) == [0, -1, -2, -3])
    #expect(a.ticks(rows: 12).map(\.row) == [11, 7, 3, 0])
    let lines = render(6, 12) { b, area in
        LogBarChart(values: [], axis: a, glyphs: .ascii, mode: .monochrome).draw(into: &b, area: area)
    }
    #expect(lines.map { String($0.prefix(5)) } == [
        "1e+0+", "    |", "    |", "    |", "1e-1+", "    |", "    |", "    |", "1e-2+", "    |", "    |", "1e-3+",
    ])
    // More decades than rows: each row holds at least one tick.
    #expect(Set(LogAxis(minDecade: -18, maxDecade: 2).ticks(rows: 10).map(\.row)) == Set(0..<10))
}

@Test func zeroInfAndNaNInBarChart() {
    let lines = render(3, 4) { b, a in
        LogBarChart(values: [0, .infinity, .nan], axis: LogAxis(minDecade: -3, maxDecade: 0), gutterWidth: 0,
                    glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(lines == [" I?", " I?", " I?", "oI?"])
}
