/// A log10 axis spanning whole decades `10^minDecade … 10^maxDecade`.
public struct LogAxis: Equatable, Sendable {
    public let minDecade: Int
    public let maxDecade: Int

    /// Creates an axis; the span is at least one decade.
    public init(minDecade: Int, maxDecade: Int) {
        let lo = max(-400, min(minDecade, maxDecade)), hi = min(400, max(minDecade, maxDecade))
        self.minDecade = min(lo, 399)
        self.maxDecade = max(hi, self.minDecade + 1)
    }

    /// The smallest decade-aligned axis covering every positive finite value (or `fallback`).
    public static func fitting<S: Sequence>(_ values: S, fallback: LogAxis = LogAxis(minDecade: -3, maxDecade: 0)) -> LogAxis
    where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v > 0 && v.isFinite {
            lo = min(lo, v); hi = max(hi, v)
        }
        guard lo.isFinite else { return fallback }
        let a = Int(NumberFormat.log10Floor(lo))
        var b = Int(NumberFormat.log10Floor(hi))
        if NumberFormat.pow10(b) < hi { b += 1 }
        return LogAxis(minDecade: a, maxDecade: b)
    }

    /// The smallest axis covering both.
    public func union(_ other: LogAxis) -> LogAxis {
        LogAxis(minDecade: min(minDecade, other.minDecade), maxDecade: max(maxDecade, other.maxDecade))
    }

    /// Number of decades spanned.
    public var span: Int { maxDecade - minDecade }

    /// Position of `v` along the axis (0 at the bottom, 1 at the top, may lie outside);
    /// nil for zero, negative, infinite or NaN values.
    public func fraction(_ v: Double) -> Double? {
        guard v > 0, v.isFinite else { return nil }
        return (Math.log10(v) - Double(minDecade)) / Double(span)
    }

    /// The row (0 = bottom) whose cell holds the level `fraction` in a plot `rows` high.
    public static func row(fraction f: Double, rows: Int) -> Int {
        guard rows > 0 else { return 0 }
        let level = (f * Double(rows)).rounded(.up) - 1
        return Int(min(Double(rows - 1), max(0, level)))
    }

    /// The label of a decade (`1e-18`).
    public func label(_ decade: Int) -> String { NumberFormat.decade(decade) }

    /// Columns needed for the widest label.
    public var labelWidth: Int { max(label(minDecade).count, label(maxDecade).count) }

    /// Decades to label in a plot `rows` high and their rows (0 = bottom), top first, never two on a row.
    public func labelledDecades(rows: Int) -> [(decade: Int, row: Int)] {
        guard rows > 0 else { return [] }
        let steps = [1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 500]
        let perDecade = Double(rows) / Double(span)
        let step = steps.first { Double($0) * perDecade >= 2 } ?? steps[steps.count - 1]
        var out: [(Int, Int)] = []
        var d = maxDecade
        while d >= minDecade {
            let r = LogAxis.row(fraction: Double(d - minDecade) / Double(span), rows: rows)
            if out.last.map({ $0.1 - r >= (rows > 1 ? 2 : 1) }) ?? true { out.append((d, r)) }
            d -= step
        }
        if let last = out.last, last.0 != minDecade, last.1 >= 2 { out.append((minDecade, 0)) }
        return out
    }
}
