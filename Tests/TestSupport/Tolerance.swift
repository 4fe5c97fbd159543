import Foundation

/// Compares engine output with an oracle's numbers under the reference format's rule:
/// |a − e| / max(|e|, tiny) ≤ tolerance, with tiny = 1e-12 × the largest magnitude of the
/// vector or matrix. JSON null stands for a non-finite number and must meet a non-finite one.
public enum Tolerance {
    /// Flattens nested JSON arrays of numbers (NSNull → nil).
    public static func flatten(_ value: Any) -> [Double?] {
        if let a = value as? [Any] { return a.flatMap { flatten($0) } }
        if value is NSNull { return [nil] }
        if let n = value as? NSNumber { return [n.doubleValue] }
        if let d = value as? Double { return [d] }
        return []
    }

    /// nil when `actual` matches `expected`; otherwise a message naming the worst entry.
    public static func mismatch(actual: [Double?], expected: [Double?], tolerance: Double) -> String? {
        guard actual.count == expected.count else { return "has \(actual.count) values, expected \(expected.count)" }
        let largest = expected.reduce(0.0) { m, e in Swift.max(m, e.map { $0.isFinite ? abs($0) : 0 } ?? 0) }
        let tiny = Swift.max(1e-12 * largest, Double.leastNormalMagnitude)
        var worst: (Int, Double, Double?, Double?) = (-1, 0, nil, nil)
        for i in 0..<expected.count {
            let e = expected[i], a = actual[i]
            switch (e, a) {
            case (nil, nil): continue
            case (nil, let a?): if !a.isFinite { continue }; return "entry \(i): expected non-finite (null), got \(a)"
            case (let e?, nil): return "entry \(i): expected \(e), got non-finite"
            case (let e?, let a?):
                if !a.isFinite { return "entry \(i): expected \(e), got \(a)" }
                let rel = abs(a - e) / Swift.max(abs(e), tiny)
                if rel > worst.1 { worst = (i, rel, a, e) }
            }
        }
        if worst.1 > tolerance {
            return "entry \(worst.0): got \(worst.2!), expected \(worst.3!) (relative error \(worst.1))"
        }
        return nil
    }
}
