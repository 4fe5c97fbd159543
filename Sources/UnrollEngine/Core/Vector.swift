import Foundation

/// Small helpers on plain `[Double]` vectors.
public enum Vector {
    /// Euclidean norm ‖v‖₂, scaled to avoid overflow and underflow; inf if any entry is inf,
    /// NaN if any entry is NaN.
    public static func norm(_ v: [Double]) -> Double {
        v.withUnsafeBufferPointer { norm($0) }
    }

    public static func norm(_ v: UnsafeBufferPointer<Double>) -> Double {
        var scale = 0.0
        var hasNaN = false
        for x in v {
            let a = abs(x)
            if a.isNaN { hasNaN = true } else if a > scale { scale = a }
        }
        if hasNaN { return .nan }
        if scale == 0 { return 0 }
        if scale.isInfinite { return .infinity }
        // Plain sum of squares when it cannot overflow or lose everything to underflow.
        if scale < 1e150 && scale > 1e-150 {
            var s = 0.0
            for x in v { s += x * x }
            return s.squareRoot()
        }
        var s = 0.0
        for x in v { let y = x / scale; s += y * y }
        return scale * s.squareRoot()
    }

    public static func dot(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }

    public static func maxAbs(_ v: [Double]) -> Double {
        v.reduce(0) { Swift.max($0, abs($1)) }
    }
}
