import Testing
@testable import UnrollDraw

/// `fit` at widths 1…8 (nil = draw a glyph instead).
private func widths(_ v: Double, maxDigits: Int = 4) -> [String?] { (1...8).map { NumberFormat.fit(v, width: $0, maxDigits: maxDigits) } }

@Test func fitKeepsSignLeadingDigitAndExponent() {
    #expect(widths(-0.347) == [nil, nil, nil, "-0.3", "-0.35", "-0.347", "-0.347", "-0.347"])
    #expect(widths(-0.1) == [nil, nil, nil, "-0.1", "-0.1", "-0.1", "-0.1", "-0.1"])
    #expect(widths(-0.99) == [nil, nil, nil, "-1.0", "-0.99", "-0.99", "-0.99", "-0.99"])
    #expect(widths(216) == [nil, nil, "216", "216", "216", "216", "216", "216"])
    #expect(widths(8.42e-4) == [nil, nil, nil, "8e-4", "8e-4", "8.4e-4", "8.42e-4", "8.42e-4"])
    #expect(widths(0.56) == [nil, nil, "0.6", "0.56", "0.56", "0.56", "0.56", "0.56"])
    #expect(widths(0.94) == [nil, nil, "0.9", "0.94", "0.94", "0.94", "0.94", "0.94"])
    #expect(widths(1e300) == [nil, nil, nil, nil, "1e300", "1e300", "1e300", "1e300"])
    #expect(widths(-0.0) == Array(repeating: "0", count: 8))
    #expect(widths(.nan) == [nil, nil, "nan", "nan", "nan", "nan", "nan", "nan"])
    #expect(widths(.infinity) == [nil, nil, "inf", "inf", "inf", "inf", "inf", "inf"])
    #expect(widths(-.infinity) == [nil, nil, nil, "-inf", "-inf", "-inf", "-inf", "-inf"])
}

@Test func fitNeverRoundsPastTheLeadingDigit() {
    // 960 000 with one digit would be 1e6: a decade off, so two digits or nothing
    #expect(widths(9.6e5) == [nil, nil, nil, nil, "9.6e5", "9.6e5", "9.6e5", "9.6e5"])
    #expect(widths(999_960) == [nil, nil, nil, nil, "1.0e6", "1.0e6", "1.0e6", "1.0e6"])
    #expect(widths(123_456.7) == [nil, nil, "1e5", "1e5", "1.2e5", "123457", "123457", "123457"])
    #expect(widths(7) == ["7", "7", "7", "7", "7", "7", "7", "7"])
    #expect(widths(0.5) == [nil, nil, "0.5", "0.5", "0.5", "0.5", "0.5", "0.5"])
    #expect(widths(-3e-7) == [nil, nil, nil, nil, "-3e-7", "-3e-7", "-3e-7", "-3e-7"])
    #expect(widths(1.0 / 3, maxDigits: 2) == [nil, nil, "0.3", "0.33", "0.33", "0.33", "0.33", "0.33"])
    #expect(NumberFormat.fit(Double.leastNonzeroMagnitude, width: 8) == "4.9e-324")
    #expect(NumberFormat.fit(1, width: 0) == nil)
}

/// Parses what `fit` drew and checks it is `v` rounded no coarser than `v`'s leading digit.
@Test func everyFitReadsBackAsTheSameNumber() {
    var values: [Double] = [0.5, 0.05, 0.95, 0.999, 1, 9.99, 10, 99.5, 1234.5, 6.02e23, 1e-300, 3.3e-12, 0.00999]
    var x = 1.234567e-9
    while x < 1e12 { values.append(x); values.append(-x * 0.77); x *= 7.3 }
    for v in values {
        for w in 1...10 {
            guard let s = NumberFormat.fit(v, width: w) else { continue }
            #expect(s.count <= w, "\(v) → \(s) in \(w)")
            guard let back = Double(s) else { Issue.record("unreadable \(s)"); continue }
            #expect((back < 0) == (v < 0), "\(v) → \(s): sign")
            let lead = NumberFormat.pow10(Int(NumberFormat.log10Floor(abs(v))))
            #expect(abs(back - v) <= lead / 2 * 1.000001, "\(v) → \(s): off by more than its leading digit")
        }
    }
}

@Test func readoutShowsTheExponentAndKeepsItsDigits() {
    #expect(NumberFormat.readout(8.42e-4) == "8.42e-4")
    #expect(NumberFormat.readout(0.56) == "0.560")
    #expect(NumberFormat.readout(0.94) == "0.940")
    #expect(NumberFormat.readout(216) == "216")
    #expect(NumberFormat.readout(-0.347) == "-0.347")
    #expect(NumberFormat.readout(0.0421) == "0.0421")
    #expect(NumberFormat.readout(9.996) == "10.0")
    #expect(NumberFormat.readout(9999.7) == "1.00e4")
    #expect(NumberFormat.readout(1e-3) == "1.00e-3")
    #expect(NumberFormat.readout(1e300) == "1.00e300")
    #expect(NumberFormat.readout(-0.0) == "0")
    #expect(NumberFormat.readout(.nan) == "nan")
    #expect(NumberFormat.readout(-.infinity) == "-inf")
    #expect(NumberFormat.readout(-1.234e-42).count <= NumberFormat.readoutWidth())
}

@Test func vectorsKeepSeparatorsAndWholeNumbers() {
    let v = [-0.0087, -0.0099, 0.0088, 0.5, 1e-5]
    #expect(NumberFormat.vector(v, width: 100) == "-0.0087 -0.0099 0.0088 0.5 1e-5")
    #expect(NumberFormat.vector(v, width: 20) == "-0.0087 -0.0099 …+3")
    #expect(NumberFormat.vector(v, width: 6) == "…+5")
    #expect(NumberFormat.vector(v, width: 2) == "")
    #expect(NumberFormat.vector([], width: 5) == "")
    #expect(NumberFormat.vector([1, 2], width: 3) == "1 2")
    #expect(NumberFormat.vector(v, width: 22, separator: ", ", ellipsis: "~") == "-0.0087, -0.0099, ~+3")
}
