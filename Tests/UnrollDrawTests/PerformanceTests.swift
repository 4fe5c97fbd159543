import Testing
@testable import UnrollDraw
#if canImport(Glibc)
import Glibc
#endif

/// Draws a full 200×60 screen of timeline widgets (the shape of the real app).
private func frame(_ t: Int) -> Buffer {
    var b = Buffer(width: 200, height: 60)
    let rows = b.area.rows([.fixed(24), .fixed(12), .fixed(10), .fixed(12), .fill, .fixed(1)])
    let steps = 180
    let hidden = (0..<20).map { u in (0..<steps).map { s in sin(Double(u * s + t) * 0.1) } }
    let norms = (0..<steps).map { s in pow(10, -Double(s) / 10) }
    let tl = Timeline(columnWidth: 1, firstColumn: 0)
    Box(title: "hidden", mode: .c256).draw(into: &b, area: rows[0])
    Heatmap(values: hidden, timeline: tl, cursorColumn: t % steps, gutterWidth: 7, mode: .c256).draw(into: &b, area: Box().inner(rows[0]))
    LogBarChart(values: norms, reference: norms.map { $0 * 2 }, timeline: tl, gutterWidth: 7, mode: .c256).draw(into: &b, area: rows[1])
    HistoryHeatmap(history: Array(repeating: norms, count: 10), timeline: tl, gutterWidth: 7, mode: .c256).draw(into: &b, area: rows[2])
    LineChart(values: (0..<500).map { 1 / Double($0 + 1) }, logScale: true, mode: .c256).draw(into: &b, area: rows[3])
    TextBlock("# Lesson\nSome **bold** text and `code` that wraps around the screen. " + String(repeating: "word ", count: 60), mode: .c256).draw(into: &b, area: rows[4])
    KeyBar([("q", "quit"), ("←→", "step"), ("t", "train")], mode: .c256).draw(into: &b, area: rows[5])
    return b
}

@Test func fullFrameAndDiffAreFastEnough() {
    var previous = frame(0)
    var clock = timespec()
    clock_gettime(CLOCK_MONOTONIC, &clock)
    let start = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9
    let n = 20
    var changed = 0
    for t in 1...n {
        let next = frame(t)
        changed += BufferDiff.changes(from: previous, to: next).count
        previous = next
    }
    clock_gettime(CLOCK_MONOTONIC, &clock)
    let perFrame = (Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9 - start) / Double(n)
    #expect(changed > 0)
    // Debug builds are ~10-50× slower than release; this only guards against pathological regressions.
    #expect(perFrame < 0.25, "per frame: \(perFrame * 1000) ms")
    print("frame+diff: \(perFrame * 1000) ms per frame")
}
