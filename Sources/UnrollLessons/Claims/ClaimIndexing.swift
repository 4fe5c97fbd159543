/// Indexing and slicing with lesson conventions: 1-based, negative from the end, slices inclusive.
enum ClaimIndexing {
    /// One evaluated subscript (still in lesson numbering).
    enum Position {
        case at(Double)
        case slice(Double?, Double?)
    }

    /// 0-based selection along one axis.
    private enum Selection {
        case one(Int)
        case range(ClosedRange<Int>)
    }

    static func index(_ base: ClaimValue, _ positions: [Position], named name: String) throws -> ClaimValue {
        switch (base, positions.count) {
        case (.vector(let v), 1):
            switch try select(positions[0], count: v.count, name: name, axis: "values") {
            case .one(let i): return .number(v[i])
            case .range(let r): return .vector(Array(v[r]))
            }
        case (.booleans(let v), 1):
            switch try select(positions[0], count: v.count, name: name, axis: "values") {
            case .one(let i): return .bool(v[i])
            case .range(let r): return .booleans(Array(v[r]))
            }
        case (.matrix(let m), 1):
            switch try select(positions[0], count: m.count, name: name, axis: "steps") {
            case .one(let i): return .vector(m[i])
            case .range(let r): return .matrix(Array(m[r]))
            }
        case (.matrix(let m), 2):
            let rows = try select(positions[0], count: m.count, name: name, axis: "steps")
            let width = m.map(\.count).min() ?? 0
            let columns = try select(positions[1], count: width, name: name, axis: "units")
            switch (rows, columns) {
            case (.one(let i), .one(let j)): return .number(m[i][j])
            case (.one(let i), .range(let c)): return .vector(Array(m[i][c]))
            case (.range(let r), .one(let j)): return .vector(m[r].map { $0[j] })
            case (.range(let r), .range(let c)): return .matrix(m[r].map { Array($0[c]) })
            }
        case (.vector, _), (.booleans, _):
            throw ClaimEvaluationError("\(name) is a vector; it takes one index, not \(positions.count)")
        default:
            throw ClaimEvaluationError("\(name) is \(base.kindDescription) and can't be indexed")
        }
    }

    private static func select(_ p: Position, count: Int, name: String, axis: String) throws -> Selection {
        switch p {
        case .at(let x):
            return .one(try offset(x, count: count, name: name, axis: axis))
        case .slice(let a, let b):
            guard count > 0 else { throw ClaimEvaluationError("\(name) is empty, so it can't be sliced") }
            let lo = try a.map { try offset($0, count: count, name: name, axis: axis) } ?? 0
            let hi = try b.map { try offset($0, count: count, name: name, axis: axis) } ?? count - 1
            guard lo <= hi else {
                throw ClaimEvaluationError("slice of \(name) starts at \(lo + 1) after its end \(hi + 1)")
            }
            return .range(lo...hi)
        }
    }

    /// Lesson index → 0-based offset: 1 is the first, −1 the last; 0, fractions and out-of-range are errors.
    private static func offset(_ x: Double, count: Int, name: String, axis: String) throws -> Int {
        guard x.isFinite, x == x.rounded() else {
            throw ClaimEvaluationError("index \(ClaimFormat.number(x)) of \(name) is not a whole number")
        }
        guard abs(x) <= Double(count), count > 0 else {
            throw ClaimEvaluationError("index \(ClaimFormat.number(x)) is out of range for \(name), which has \(count) \(axis)")
        }
        let i = Int(x)
        if i == 0 {
            throw ClaimEvaluationError("index 0 of \(name): steps count from 1 (use -1 for the last)")
        }
        return i > 0 ? i - 1 : count + i
    }
}
