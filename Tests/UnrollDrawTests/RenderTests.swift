import Testing
@testable import UnrollDraw

@Test func plainLinesKeepTrailingSpaces() {
    var b = Buffer(width: 4, height: 2)
    b.write(x: 0, y: 0, "ab")
    #expect(b.plainLines() == ["ab  ", "    "])
}

@Test func ansiTextUsesSGRAndResetsEachLine() {
    var b = Buffer(width: 2, height: 2)
    b.put(x: 0, y: 0, "a", style: Style(fg: .indexed(196), attributes: .bold))
    b.put(x: 1, y: 1, "b", style: Style(bg: .indexed(4)))
    let c256 = b.ansiText(.c256)
    #expect(c256 == "\u{1B}[0;1;38;5;196ma\u{1B}[0m \u{1B}[0m\n\u{1B}[0m \u{1B}[0;48;5;4mb\u{1B}[0m")
    let eight = b.ansiText(.eight)
    #expect(eight.contains("\u{1B}[0;1;31ma"))
    let mono = b.ansiText(.monochrome)
    #expect(mono.hasPrefix("\u{1B}[0;1ma"))
    #expect(!mono.contains("38;5"))
}

@Test func colorsDownsample() {
    #expect(Color.indexed(196).downsampled(to: .eight) == .indexed(1))
    #expect(Color.indexed(21).downsampled(to: .eight) == .indexed(4))
    #expect(Color.indexed(9).downsampled(to: .eight) == .indexed(1))
    #expect(Color.indexed(200).downsampled(to: .monochrome) == .default)
    #expect(Color.indexed(200).downsampled(to: .c256) == .indexed(200))
}

@Test func diffOfIdenticalBuffersIsEmpty() {
    let a = Buffer(width: 5, height: 3)
    #expect(BufferDiff.changes(from: a, to: a).isEmpty)
}

@Test func diffFindsRunsPerRow() {
    let a = Buffer(width: 6, height: 2)
    var b = a
    b.write(x: 1, y: 0, "ab")
    b.write(x: 4, y: 0, "c")
    b.put(x: 5, y: 1, "d")
    let runs = BufferDiff.changes(from: a, to: b)
    #expect(runs.map(\.x) == [1, 4, 5])
    #expect(runs.map(\.y) == [0, 0, 1])
    #expect(runs.map { String(String.UnicodeScalarView($0.cells.map(\.scalar))) } == ["ab", "c", "d"])
}

@Test func diffStyleOnlyChangeCounts() {
    let a = Buffer(width: 3, height: 1)
    var b = a
    b.setStyle(x: 2, y: 0, Style(attributes: .reverse))
    #expect(BufferDiff.changes(from: a, to: b) == [Run(x: 2, y: 0, cells: [Cell(" ", style: Style(attributes: .reverse))])])
}

@Test func diffAfterResizeOrWithoutOldIsFull() {
    let small = Buffer(width: 2, height: 2)
    let big = Buffer(width: 3, height: 2)
    #expect(BufferDiff.changes(from: small, to: big).count == 2)
    #expect(BufferDiff.changes(from: small, to: big).allSatisfy { $0.x == 0 && $0.cells.count == 3 })
    #expect(BufferDiff.changes(from: nil, to: small).count == 2)
    #expect(BufferDiff.changes(from: nil, to: Buffer(width: 0, height: 0)).isEmpty)
}

@Test func numberFormatting() {
    #expect(NumberFormat.short(0.25) == "0.25")
    #expect(NumberFormat.short(1) == "1")
    #expect(NumberFormat.short(-12.345) == "-12.3")
    #expect(NumberFormat.short(1.5e-7) == "1.5e-7")
    #expect(NumberFormat.short(123456) == "1.23e5")
    #expect(NumberFormat.short(9.999e-5) == "1e-4")
    #expect(NumberFormat.short(.nan) == "nan")
    #expect(NumberFormat.short(-.infinity) == "-inf")
    #expect(NumberFormat.decade(-18) == "1e-18")
    #expect(NumberFormat.decade(2) == "1e+2")
}
