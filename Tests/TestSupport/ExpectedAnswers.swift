import Foundation

/// Walks an oracle's nested `expected` (objects of objects, lists of layer objects, numbers and
/// nested lists of numbers) beside the engine's output, applying `Tolerance` to every leaf.
public enum ExpectedAnswers {
    /// One compared leaf: its path (`layers[0].gates.i`), the problem if any, and the worst
    /// relative error seen there.
    public struct Leaf: Sendable {
        public var path: String
        public var problem: String?
        public var worst: Double
    }

    public static func compare(produced: Any?, expected: Any, path: String = "", tolerance: Double = 1e-8) -> [Leaf] {
        if let e = expected as? [String: Any] {
            guard let p = produced as? [String: Any] else { return [Leaf(path: path, problem: "missing or not an object", worst: .infinity)] }
            var out: [Leaf] = []
            let extra = Set(p.keys).subtracting(e.keys)
            if !extra.isEmpty { out.append(Leaf(path: path, problem: "unexpected keys \(extra.sorted())", worst: 0)) }
            for key in e.keys.sorted() {
                out += compare(produced: p[key], expected: e[key]!, path: path.isEmpty ? key : "\(path).\(key)", tolerance: tolerance)
            }
            return out
        }
        if let e = expected as? [Any], e.first is [String: Any] {
            guard let p = produced as? [Any], p.count == e.count else {
                return [Leaf(path: path, problem: "expected a list of \(e.count) objects", worst: .infinity)]
            }
            return zip(p, e).enumerated().flatMap { i, pair in compare(produced: pair.0, expected: pair.1, path: "\(path)[\(i)]", tolerance: tolerance) }
        }
        guard let produced else { return [Leaf(path: path, problem: "missing", worst: .infinity)] }
        let a = Tolerance.flatten(produced), x = Tolerance.flatten(expected)
        return [Leaf(path: path, problem: Tolerance.mismatch(actual: a, expected: x, tolerance: tolerance),
                     worst: worstRelative(actual: a, expected: x))]
    }

    /// The largest |a − e| / max(|e|, tiny) over finite pairs, with `Tolerance`'s tiny.
    public static func worstRelative(actual: [Double?], expected: [Double?]) -> Double {
        guard actual.count == expected.count else { return .infinity }
        let largest = expected.reduce(0.0) { m, e in Swift.max(m, e.map { $0.isFinite ? abs($0) : 0 } ?? 0) }
        let tiny = Swift.max(1e-12 * largest, Double.leastNormalMagnitude)
        var worst = 0.0
        for (a, e) in zip(actual, expected) {
            if let a, let e, a.isFinite, e.isFinite { worst = Swift.max(worst, abs(a - e) / Swift.max(abs(e), tiny)) }
        }
        return worst
    }
}
