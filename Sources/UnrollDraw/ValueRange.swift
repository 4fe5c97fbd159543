/// How a heatmap maps values onto its diverging scale.
public enum ValueRange: Equatable, Sendable {
    /// Symmetric around zero, up to the largest finite magnitude.
    case auto
    /// Symmetric: −limit → −1 … +limit → +1.
    case symmetric(Double)
    /// `low` → −1 … `high` → +1.
    case span(Double, Double)

    /// The (low, high) bounds for a set of values; never empty or non-finite.
    public func bounds(for rows: [[Double]]) -> (low: Double, high: Double) {
        switch self {
        case .auto:
            var m = 0.0
            for r in rows { for v in r where v.isFinite { m = max(m, abs(v)) } }
            return m > 0 ? (-m, m) : (-1, 1)
        case .symmetric(let l):
            let m = abs(l)
            return m > 0 && m.isFinite ? (-m, m) : (-1, 1)
        case .span(let a, let b):
            guard a.isFinite, b.isFinite, a != b else { return (-1, 1) }
            return (min(a, b), max(a, b))
        }
    }

    /// Maps `v` to [−1, 1] (clamped) given bounds.
    static func normalize(_ v: Double, _ b: (low: Double, high: Double)) -> Double {
        let t = (v - b.low) / (b.high - b.low) * 2 - 1
        return min(1, max(-1, t))
    }
}
