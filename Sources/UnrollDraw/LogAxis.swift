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

    /// Decades per label step for a plot `rows` high: the smallest of 1, 2, 3, 5, 10, 20, 50, 100,
    /// 200, 500 that puts consecutive labels at least 2 rows apart (a label, then a row without one).
    public func labelStep(rows: Int) -> Int {
        guard rows > 0 else { return LogAxis.labelSteps[LogAxis.labelSteps.count - 1] }
        let perDecade = Double(rows) / Double(span)
        return LogAxis.labelSteps.first { Double($0) * perDecade >= 2 } ?? LogAxis.labelSteps[LogAxis.labelSteps.count - 1]
    }

    static let labelSteps = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500]

    /// Every decade of the axis and the row (0 = bottom) its tick is drawn on, top first.
    ///
    /// The rule: a tick at every decade, on the row whose cell holds that level (`row(fraction:rows:)`),
    /// so a bar reaching 10^d ends on the tick of d. When the axis spans more decades than rows,
    /// several decades share a row's tick.
    public func ticks(rows: Int) -> [(decade: Int, row: Int)] {
        guard rows > 0 else { return [] }
        return stride(from: maxDecade, through: minDecade, by: -1).map {
            ($0, LogAxis.row(fraction: Double($0 - minDecade) / Double(span), rows: rows))
        }
    }

    /// Decades to label in a plot `rows` high and their rows (0 = bottom), top first.
    ///
    /// The rule: label the decades that are multiples of `labelStep(rows:)` (1e+0, 1e-5, 1e-10, … —
    /// regular, round decades), never two labels on one row or on adjacent rows; when no multiple
    /// lies on the axis, the top decade alone.
    public func labelledDecades(rows: Int) -> [(decade: Int, row: Int)] {
        guard rows > 0 else { return [] }
        let step = labelStep(rows: rows)
        var out: [(Int, Int)] = []
        for (d, r) in ticks(rows: rows) where d % step == 0 {
            if out.last.map({ $0.1 - r >= (rows > 1 ? 2 : 1) }) ?? true { out.append((d, r)) }
        }
        if out.isEmpty { out.append((maxDecade, rows - 1)) }
        return out
    }
}
