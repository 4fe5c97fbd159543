import Foundation

/// Operators on claim values: elementwise arithmetic with broadcasting, comparisons, logic.
enum ClaimOperations {
    /// A numeric operand in one of its three shapes.
    enum Numeric {
        case scalar(Double)
        case vector([Double])
        case matrix([[Double]])
    }

    static func numeric(_ v: ClaimValue, for op: String) throws -> Numeric {
        switch v {
        case .number(let x): return .scalar(x)
        case .vector(let x): return .vector(x)
        case .matrix(let x): return .matrix(x)
        default: throw ClaimEvaluationError("'\(op)' needs numbers, but got \(v.kindDescription)")
        }
    }

    static func negate(_ v: ClaimValue) throws -> ClaimValue {
        try map(v, "-") { -$0 }
    }

    static func not(_ v: ClaimValue) throws -> ClaimValue {
        switch v {
        case .bool(let b): return .bool(!b)
        case .booleans(let flags): return .booleans(flags.map { !$0 })
        default: throw ClaimEvaluationError("'not' needs a boolean, but got \(v.kindDescription)")
        }
    }

    /// Applies `f` to every number of a number, vector or matrix.
    static func map(_ v: ClaimValue, _ name: String, _ f: (Double) -> Double) throws -> ClaimValue {
        switch try numeric(v, for: name) {
        case .scalar(let x): return .number(f(x))
        case .vector(let x): return .vector(x.map(f))
        case .matrix(let x): return .matrix(x.map { $0.map(f) })
        }
    }

    static func binary(_ op: ClaimBinaryOperator, _ l: ClaimValue, _ r: ClaimValue) throws -> ClaimValue {
        switch op {
        case .and, .or: return try logic(op, l, r)
        case .add: return try arithmetic(l, r, "+") { $0 + $1 }
        case .subtract: return try arithmetic(l, r, "-") { $0 - $1 }
        case .multiply: return try arithmetic(l, r, "*") { $0 * $1 }
        case .divide: return try arithmetic(l, r, "/") { $0 / $1 }
        case .power: return try arithmetic(l, r, "^") { Foundation.pow($0, $1) }
        case .equal, .notEqual:
            if let same = try equality(l, r) { return .bool(op == .equal ? same : !same) }
            return try compare(op, l, r)
        case .less, .lessEqual, .greater, .greaterEqual:
            return try compare(op, l, r)
        }
    }

    /// Equality of non-numeric values (text, booleans); nil when both sides are numeric.
    private static func equality(_ l: ClaimValue, _ r: ClaimValue) throws -> Bool? {
        switch (l, r) {
        case (.text(let a), .text(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.record, _), (_, .record), (.text, _), (_, .text), (.bool, _), (_, .bool), (.booleans, _), (_, .booleans):
            throw ClaimEvaluationError("can't compare \(l.kindDescription) with \(r.kindDescription)")
        default: return nil
        }
    }

    /// IEEE comparison except that anything involving nan is false, `!=` included.
    static func compare(_ op: ClaimBinaryOperator, _ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return false }
        switch op {
        case .less: return a < b
        case .lessEqual: return a <= b
        case .greater: return a > b
        case .greaterEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        default: return false
        }
    }

    private static func compare(_ op: ClaimBinaryOperator, _ l: ClaimValue, _ r: ClaimValue) throws -> ClaimValue {
        let a = try numeric(l, for: op.rawValue)
        let b = try numeric(r, for: op.rawValue)
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return .bool(compare(op, x, y))
        case (.vector(let x), .scalar(let y)): return .booleans(x.map { compare(op, $0, y) })
        case (.scalar(let x), .vector(let y)): return .booleans(y.map { compare(op, x, $0) })
        case (.vector(let x), .vector(let y)):
            guard x.count == y.count else {
                throw ClaimEvaluationError("can't compare vectors of different lengths (\(x.count) and \(y.count))")
            }
            return .booleans(zip(x, y).map { compare(op, $0, $1) })
        case (.matrix(let x), .scalar(let y)): return .booleans(x.flatMap { $0 }.map { compare(op, $0, y) })
        case (.scalar(let x), .matrix(let y)): return .booleans(y.flatMap { $0 }.map { compare(op, x, $0) })
        default:
            throw ClaimEvaluationError("can't compare \(l.kindDescription) with \(r.kindDescription)")
        }
    }

    private static func arithmetic(_ l: ClaimValue, _ r: ClaimValue, _ name: String, _ f: (Double, Double) -> Double) throws -> ClaimValue {
        let a = try numeric(l, for: name)
        let b = try numeric(r, for: name)
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return .number(f(x, y))
        case (.vector(let x), .scalar(let y)): return .vector(x.map { f($0, y) })
        case (.scalar(let x), .vector(let y)): return .vector(y.map { f(x, $0) })
        case (.vector(let x), .vector(let y)):
            guard x.count == y.count else {
                throw ClaimEvaluationError("'\(name)' needs vectors of the same length (got \(x.count) and \(y.count))")
            }
            return .vector(zip(x, y).map(f))
        case (.matrix(let x), .scalar(let y)): return .matrix(x.map { $0.map { f($0, y) } })
        case (.scalar(let x), .matrix(let y)): return .matrix(y.map { $0.map { f(x, $0) } })
        case (.matrix(let x), .matrix(let y)):
            guard x.count == y.count, zip(x, y).allSatisfy({ $0.count == $1.count }) else {
                throw ClaimEvaluationError("'\(name)' needs matrices of the same shape")
            }
            return .matrix(zip(x, y).map { zip($0, $1).map(f) })
        default:
            throw ClaimEvaluationError("'\(name)' can't combine \(l.kindDescription) with \(r.kindDescription)")
        }
    }

    private static func logic(_ op: ClaimBinaryOperator, _ l: ClaimValue, _ r: ClaimValue) throws -> ClaimValue {
        let f: (Bool, Bool) -> Bool = op == .and ? { $0 && $1 } : { $0 || $1 }
        switch (l, r) {
        case (.bool(let x), .bool(let y)): return .bool(f(x, y))
        case (.booleans(let x), .bool(let y)): return .booleans(x.map { f($0, y) })
        case (.bool(let x), .booleans(let y)): return .booleans(y.map { f(x, $0) })
        case (.booleans(let x), .booleans(let y)):
            guard x.count == y.count else {
                throw ClaimEvaluationError("'\(op.rawValue)' needs boolean vectors of the same length (got \(x.count) and \(y.count))")
            }
            return .booleans(zip(x, y).map(f))
        default:
            throw ClaimEvaluationError("'\(op.rawValue)' needs booleans, but got \(l.kindDescription) and \(r.kindDescription)")
        }
    }
}
