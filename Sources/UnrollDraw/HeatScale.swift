/// How a `Heatmap` maps values onto its diverging colour (or glyph) scale, after `ValueRange` has
/// fixed the bounds. Print `name` beside the map whenever it is not `.linear`.
public enum HeatScale: Equatable, Sendable {
    /// Linear between the bounds (the largest magnitude gets the strongest colour).
    case linear
    /// Symmetric log compression: v ↦ sign(v)·log10(1 + |v|/s), linear between the compressed bounds.
    /// Values within ±s look nearly linear and faint; every decade beyond s gets an equal share of the
    /// colours, so ±2436 and ±0.5 are both visible in one map.
    case symlog(s: Double)
    /// Each timestep (column) on its own bounds (`ValueRange` applied to that column alone): the
    /// pattern across units at every step, not how steps compare.
    case perStep

    /// A scale that keeps a map readable when its values span decades.
    ///
    /// The rule: linear unless the largest |v| is at least 100× the median nonzero |v|; then symlog
    /// with s one decade below the 10th percentile of the nonzero |v| (rounded down to a power of
    /// ten), so even the small values are a decade into the log part.
    public static func auto(for rows: [[Double]]) -> HeatScale {
        var mags: [Double] = []
        for r in rows { for v in r where v.isFinite && v != 0 { mags.append(abs(v)) } }
        guard mags.count >= 2 else { return .linear }
        // The same entries a full sort would give at these places, found in linear time: every
        // heatmap of every frame asks (a sort was a sixth of a frame's time).
        let top = mags.max()!
        let median = select(&mags, mags.count / 2)
        guard top >= 100 * median else { return .linear }
        let p10 = select(&mags, mags.count / 10)
        return .symlog(s: NumberFormat.pow10(Int(NumberFormat.log10Floor(p10)) - 1))
    }

    /// The value that sorting `a` ascending would put at index `k` (quickselect; `a` is reordered).
    static func select(_ a: inout [Double], _ k: Int) -> Double {
        var lo = 0, hi = a.count - 1
        while lo < hi {
            // Median of three as the pivot, then a three-way partition: < pivot, == pivot, > pivot.
            let mid = lo + (hi - lo) / 2
            let pivot = Swift.max(Swift.min(a[lo], a[mid]), Swift.min(Swift.max(a[lo], a[mid]), a[hi]))
            var lt = lo, i = lo, gt = hi
            while i <= gt {
                if a[i] < pivot { a.swapAt(lt, i); lt += 1; i += 1 }
                else if a[i] > pivot { a.swapAt(i, gt); gt -= 1 }
                else { i += 1 }
            }
            if k < lt { hi = lt - 1 } else if k > gt { lo = gt + 1 } else { return pivot }
        }
        return a[k]
    }

    /// A short name for the screen: `linear`, `symlog s=0.01`, `per step`.
    public var name: String {
        switch self {
        case .linear: return "linear"
        case .symlog(let s): return "symlog s=" + NumberFormat.short(HeatScale.safe(s))
        case .perStep: return "per step"
        }
    }

    /// The formula, for help text: `sign(v)·log10(1+|v|/0.01)`.
    public var formula: String {
        switch self {
        case .linear: return "v"
        case .symlog(let s): return "sign(v)·log10(1+|v|/" + NumberFormat.short(HeatScale.safe(s)) + ")"
        case .perStep: return "v / max|v| of its step"
        }
    }

    static func safe(_ s: Double) -> Double { s > 0 && s.isFinite ? s : 1 }

    /// The compressed value (identity except for symlog).
    func transform(_ v: Double) -> Double {
        guard case .symlog(let s0) = self, v.isFinite else { return v }
        let s = HeatScale.safe(s0)
        let m = Math.log10(1 + abs(v) / s)
        return v < 0 ? -m : m
    }

    /// The value whose compressed value is `u` (inverse of `transform`).
    func inverse(_ u: Double) -> Double {
        guard case .symlog(let s0) = self, u.isFinite else { return u }
        let s = HeatScale.safe(s0)
        let m = s * (Math.pow10(abs(u)) - 1)
        return u < 0 ? -m : m
    }

    /// Maps `v` to [−1, 1] (clamped) given bounds.
    public func normalize(_ v: Double, _ b: (low: Double, high: Double)) -> Double {
        let lo = transform(b.low), hi = transform(b.high)
        guard hi > lo else { return 0 }
        let t = (transform(v) - lo) / (hi - lo) * 2 - 1
        return min(1, max(-1, t))
    }

    /// The value at position `t` ∈ [−1, 1] of the scale between the bounds.
    public func value(at t: Double, _ b: (low: Double, high: Double)) -> Double {
        let lo = transform(b.low), hi = transform(b.high)
        return inverse(lo + (t + 1) / 2 * (hi - lo))
    }
}
