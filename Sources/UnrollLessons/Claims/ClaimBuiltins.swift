import Foundation

/// The built-in functions of the claim language.
///
/// Reductions (`min max mean sum`) run over every number of a vector or matrix (booleans count as 0/1)
/// and propagate nan; `abs log10 log exp sqrt` work elementwise; `first`/`last` give the first/last
/// element (a matrix's first/last row); `count` counts true values; `all`/`any` reduce booleans;
/// `argmax`/`argmin` give a 1-based position; `norm` is the L2 norm (per row for a matrix);
/// `ratio(a, b)` is a / b; `len` is the number of elements (rows of a matrix).
enum ClaimBuiltins {
    static let names: Set<String> = [
        "min", "max", "mean", "sum", "abs", "log10", "log", "exp", "sqrt", "first", "last", "count",
        "all", "any", "argmax", "argmin", "norm", "ratio", "len",
    ]

    static func call(_ name: String, _ args: [ClaimValue]) throws -> ClaimValue {
        switch name {
        case "min", "max":
            guard !args.isEmpty else { throw ClaimEvaluationError("\(name)(…) needs at least one argument") }
            let numbers = try args.flatMap { try flatten($0, for: name) }
            guard !numbers.isEmpty else { throw ClaimEvaluationError("\(name)(…) of an empty vector") }
            if numbers.contains(where: \.isNaN) { return .number(.nan) }
            return .number((name == "min" ? numbers.min() : numbers.max()) ?? .nan)
        case "mean", "sum":
            let numbers = try flatten(try one(name, args), for: name)
            let total = numbers.reduce(0, +)
            if name == "sum" { return .number(total) }
            guard !numbers.isEmpty else { throw ClaimEvaluationError("mean(…) of an empty vector") }
            return .number(total / Double(numbers.count))
        case "abs": return try ClaimOperations.map(try one(name, args), name) { Swift.abs($0) }
        case "log10": return try ClaimOperations.map(try one(name, args), name) { Foundation.log10($0) }
        case "log": return try ClaimOperations.map(try one(name, args), name) { Foundation.log($0) }
        case "exp": return try ClaimOperations.map(try one(name, args), name) { Foundation.exp($0) }
        case "sqrt": return try ClaimOperations.map(try one(name, args), name) { $0.squareRoot() }
        case "first", "last": return try end(name, try one(name, args))
        case "count":
            switch try one(name, args) {
            case .booleans(let flags): return .number(Double(flags.filter { $0 }.count))
            case .bool(let b): return .number(b ? 1 : 0)
            case let v: throw ClaimEvaluationError("count(…) counts true values, but got \(v.kindDescription); use len(…) for the number of elements")
            }
        case "all", "any":
            switch try one(name, args) {
            case .booleans(let flags): return .bool(name == "all" ? flags.allSatisfy { $0 } : flags.contains(true))
            case .bool(let b): return .bool(b)
            case let v: throw ClaimEvaluationError("\(name)(…) needs booleans (e.g. \(name)(dh < 1)), but got \(v.kindDescription)")
            }
        case "argmax", "argmin":
            let v = try one(name, args)
            guard case .vector(let numbers) = v else {
                throw ClaimEvaluationError("\(name)(…) needs a vector, but got \(v.kindDescription)")
            }
            var best: (index: Int, value: Double)?
            for (i, x) in numbers.enumerated() where !x.isNaN {
                if let current = best, name == "argmax" ? x <= current.value : x >= current.value { continue }
                best = (i, x)
            }
            guard let found = best else { throw ClaimEvaluationError("\(name)(…) of a vector with no numbers") }
            return .number(Double(found.index + 1))
        case "norm":
            switch try one(name, args) {
            case .number(let x): return .number(Swift.abs(x))
            case .vector(let x): return .number(l2(x))
            case .matrix(let m): return .vector(m.map(l2))
            case let v: throw ClaimEvaluationError("norm(…) needs numbers, but got \(v.kindDescription)")
            }
        case "ratio":
            guard args.count == 2 else { throw ClaimEvaluationError("ratio(a, b) takes 2 arguments (got \(args.count))") }
            return try ClaimOperations.binary(.divide, args[0], args[1])
        case "len":
            switch try one(name, args) {
            case .vector(let x): return .number(Double(x.count))
            case .booleans(let x): return .number(Double(x.count))
            case .matrix(let x): return .number(Double(x.count))
            case .text(let s): return .number(Double(s.count))
            case .record(let r): return .number(Double(r.count))
            case let v: throw ClaimEvaluationError("len(…) needs a vector, matrix, text or record, but got \(v.kindDescription)")
            }
        default:
            throw ClaimEvaluationError("unknown function `\(name)`")
        }
    }

    private static func one(_ name: String, _ args: [ClaimValue]) throws -> ClaimValue {
        guard args.count == 1, let only = args.first else {
            throw ClaimEvaluationError("\(name)(…) takes 1 argument (got \(args.count))")
        }
        return only
    }

    private static func flatten(_ v: ClaimValue, for name: String) throws -> [Double] {
        switch v {
        case .number(let x): return [x]
        case .vector(let x): return x
        case .matrix(let m): return m.flatMap { $0 }
        case .bool(let b): return [b ? 1 : 0]
        case .booleans(let flags): return flags.map { $0 ? 1 : 0 }
        default: throw ClaimEvaluationError("\(name)(…) needs numbers, but got \(v.kindDescription)")
        }
    }

    private static func end(_ name: String, _ v: ClaimValue) throws -> ClaimValue {
        let isFirst = name == "first"
        switch v {
        case .vector(let x):
            guard let e = isFirst ? x.first : x.last else { break }
            return .number(e)
        case .booleans(let x):
            guard let e = isFirst ? x.first : x.last else { break }
            return .bool(e)
        case .matrix(let m):
            guard let e = isFirst ? m.first : m.last else { break }
            return .vector(e)
        default:
            throw ClaimEvaluationError("\(name)(…) needs a vector or matrix, but got \(v.kindDescription)")
        }
        throw ClaimEvaluationError("\(name)(…) of an empty \(v.kindDescription)")
    }

    /// √Σx², scaled to avoid overflow for large entries.
    private static func l2(_ x: [Double]) -> Double {
        let scale = x.reduce(0) { Swift.max($0, Swift.abs($1)) }
        guard scale > 0, scale.isFinite else { return x.contains(where: \.isNaN) ? .nan : scale }
        return scale * x.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
    }
}
