import Testing
import Foundation
@testable import UnrollDraw

@Test func gainMarksTellSixClassesApart() {
    let gains: [Double] = [0, 1e-9, 0.05, 0.5, 0.88, 0.995, 1, 1.005, 1.5, 9.9, 12, 1e6]
    let classes = gains.map { GainClass.of($0) }
    #expect(classes == [.zero, .muchLess, .muchLess, .less, .less, .near, .near, .near, .greater, .greater, .muchGreater, .muchGreater])
    #expect(GainClass.of(.nan) == nil && GainClass.of(.infinity) == nil && GainClass.of(-1) == nil)
    for glyphs in [Glyphs.utf8, .ascii] {
        let marks = GainClass.allCases.map { $0.mark(glyphs) }
        #expect(Set(marks).count == 6, "\(marks)")
        for mode in ColorMode.allCases {
            // by shape alone: the six classes give six different characters in every mode
            let cells = [0, 0.01, 0.5, 1, 2, 100].map { GainClass.cell($0, glyphs: glyphs, mode: mode) }
            #expect(Set(cells.map(\.scalar)).count == 6)
            #expect(GainClass.cell(.nan, glyphs: glyphs, mode: mode).character == glyphs.nan)
        }
        if glyphs.asciiOnly { #expect(marks.allSatisfy { $0.isASCII }) }
    }
    // 0 and 0.88 (lesson 1 page 5) no longer look the same
    #expect(GainClass.cell(0, glyphs: .utf8, mode: .monochrome).character == "0")
    #expect(GainClass.cell(0.88, glyphs: .utf8, mode: .monochrome).character == "↓")
    #expect(GainClass.legend(.utf8) == "0 =0  ⇓ ≪1  ↓ <1  ≈ ≈1  ↑ >1  ⇑ ≫1")
    #expect(GainClass.legend(.ascii) == "0 =0  _ <<1  v <1  = ~1  ^ >1  ! >>1")
    #expect(GainClass.cell(12, glyphs: .utf8, mode: .c256).style.fg == Palette(.c256).diverging(1))
    #expect(GainClass.cell(0.01, glyphs: .utf8, mode: .monochrome).style.attributes == .bold)
}

@Test func lossScaleKeepsSmallLossesSmall() {
    // Trained losses near 1e-3 against the untrained ln 7: a log scale, short bars.
    let trained = [1.2e-3, 0.9e-3, 2e-3, 0.5e-3]
    let s = BarScale.forLoss(trained, reference: 1.95)
    #expect(s == .log(LogAxis(minDecade: -5, maxDecade: 1)))
    #expect(s.name == "log 1e-5–1e+1")
    for v in trained { #expect(s.fraction(v)! < 0.5) }
    // Without a reference the row is linear to a round top: the largest is at most a full bar,
    // and the scale's label says how small it is.
    let alone = BarScale.forLoss(trained)
    #expect(alone == .linear(top: 2e-3))
    #expect(alone.name == "linear 0–0.002")
    // Unscored steps do not set the scale.
    #expect(BarScale.forLoss([5, 0.1, 0.2], scored: [false, true, true]) == .linear(top: 0.2))
    #expect(BarScale.forLoss([], reference: nil) == .linear(top: 1))
    #expect(BarScale.forLoss([.nan, 0, -1]) == .linear(top: 1))
    #expect([0.3, 1, 2, 2.2, 4, 7, 1e-3, 1.0000000000001, 1.01].map(BarScale.niceCeiling) == [0.5, 1, 2, 2.5, 5, 10, 1e-3, 1, 2])
}

@Test func lossRowDrawsNothingAtUnscoredSteps() {
    let values = [1.9, 0.5, 1e-3, 0, .nan, .infinity, 3]
    let scored = [true, false, true, true, true, true, true]
    for glyphs in [Glyphs.utf8, .ascii] {
        for mode in ColorMode.allCases {
            let lines = render(12, 2) { b, a in
                BarRow(values: values, scored: scored, scale: .linear(top: 2), timeline: Timeline(columnWidth: 1),
                       gutterWidth: 4, glyphs: glyphs, mode: mode).draw(into: &b, area: a)
            }
            let col1 = lines.map { Array($0)[5] }
            #expect(col1 == [" ", " "], "unscored step drew \(col1) in \(mode)")
            // a positive loss is never an empty column
            #expect(Array(lines[1])[6] != " ")
        }
    }
    let utf = render(12, 2) { b, a in
        BarRow(values: values, scored: scored, scale: .linear(top: 2), gutterWidth: 4, glyphs: .utf8, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(utf == ["  2 ▇   ?∞↑ ", "  0 █ ▁·░▓█ "])
    let log = render(10, 2) { b, a in
        BarRow(values: [1.9, 1e-3, 1e-7], scale: .log(LogAxis(minDecade: -4, maxDecade: 1)), gutterWidth: 5,
               glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(log == ["1e+1 -    ", "1e-4 #.v  "])
}

/// Like lesson 7 page 3: states that grow from ±0.3 to ±2436 over 30 steps.
private let exploding: [[Double]] = (0..<4).map { (u: Int) -> [Double] in
    let sign: Double = u % 2 == 0 ? 1 : -1
    let unit: Double = 1 + 0.1 * Double(u)
    return (0..<30).map { (t: Int) -> Double in
        let growth: Double = Foundation.pow(2436.0 / 0.3, Double(t) / 29)
        return sign * 0.3 * growth * unit
    }
}

@Test func symlogHeatmapKeepsEarlyStepsReadable() {
    let scale = HeatScale.auto(for: exploding)
    guard case .symlog(let s) = scale else { Issue.record("expected symlog, got \(scale)"); return }
    #expect(s == 0.01)
    #expect(scale.name == "symlog s=0.01")
    #expect(scale.formula == "sign(v)·log10(1+|v|/0.01)")
    #expect(HeatScale.auto(for: [[0.3, -0.9, 0.5, 0.1]]) == .linear)
    #expect(HeatScale.auto(for: [[0, 0, 0]]) == .linear)
    func colours(_ sc: HeatScale) -> Int {
        var b = Buffer(width: 30, height: 4)
        Heatmap(values: exploding, range: .auto, scale: sc, mode: .c256).draw(into: &b, area: b.area)
        // distinct colours among the first 22 steps of unit 0
        return Set((0..<22).map { b[$0, 0]!.style.bg }).count
    }
    #expect(colours(.linear) == 1)        // all white, as the review found
    #expect(colours(scale) >= 4)
    // Monotone and symmetric.
    let b = (low: -2436.0, high: 2436.0)
    let ts = [-2436, -10, -0.5, 0, 0.5, 10, 2436].map { scale.normalize($0, b) }
    #expect(ts == ts.sorted())
    #expect(ts.first == -1 && ts.last == 1 && ts[3] == 0)
    #expect(abs(scale.normalize(-10, b) + scale.normalize(10, b)) < 1e-12)
    for t in [-1, -0.3, 0, 0.7, 1.0] { #expect(abs(scale.normalize(scale.value(at: t, b), b) - t) < 1e-9) }
}

@Test func perStepHeatmapAndLegends() {
    let values: [[Double]] = [[1, 1000], [-0.5, -500]]
    let lines = render(2, 2) { b, a in
        Heatmap(values: values, range: .auto, scale: .perStep, glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(lines == ["##", "--"])
    let linear = render(2, 2) { b, a in
        Heatmap(values: values, range: .auto, glyphs: .ascii, mode: .monochrome).draw(into: &b, area: a)
    }
    #expect(linear == [".#", ",-"])
    let legend = HeatmapLegend(low: -2436, high: 2436, scale: .symlog(s: 0.01), glyphs: .ascii, mode: .monochrome)
    let row = render(40, 1) { b, a in legend.draw(into: &b, area: a) }
    #expect(row == ["-2436 %=-;, .:+*# 2436  symlog s=0.01   "])
    #expect(legend.width == 37)
    let per = render(30, 1) { b, a in HeatmapLegend(low: -1, high: 1, scale: .perStep, glyphs: .utf8, mode: .monochrome).draw(into: &b, area: a) }
    #expect(per == ["-max ●◎○∘- ·░▒▓█ max  per step"])
    #expect(HeatmapLegend(low: -1, high: 1).width == 16)
}

/// The heat scale's linear-time selection picks exactly what a sort would put at each place,
/// ties, repeats and already-sorted input included.
@Test func heatScaleSelectionMatchesSorting() {
    var seed: UInt64 = 0x9E3779B97F4A7C15
    func next() -> Double {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Double(seed >> 11) / Double(1 << 53)
    }
    for n in [1, 2, 3, 10, 37, 200, 1000] {
        for kind in 0..<4 {
            let values: [Double] = (0..<n).map { i in
                switch kind {
                case 0: return next()
                case 1: return Double(Int(next() * 4))        // many ties
                case 2: return Double(i)                      // sorted
                default: return Double(n - i) * 1e-3          // reversed
                }
            }
            let sorted = values.sorted()
            for k in Set([0, n / 10, n / 2, n - 1]) {
                var a = values
                #expect(HeatScale.select(&a, k) == sorted[k], "n \(n) kind \(kind) k \(k)")
            }
        }
    }
}
