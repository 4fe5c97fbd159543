import UnrollEngine

/// Evaluates claim expressions against an environment; never traps (bad input gives `ClaimEvaluationError`).
///
/// Rules: timesteps are 1-based (`dh[1]` first, `dh[-1]` last) and slices include both ends; arithmetic
/// broadcasts numbers over vectors and matrices; division by zero gives ±inf or nan as IEEE does; every
/// comparison with nan is false (`!=` too); `inf` compares as infinity.
public enum ClaimEvaluator {
    /// Setting words usable bare (`cell == lstm`): every engine kind's spelling plus `on`/`off`.
    public static let settingWords: Set<String> = {
        var words: Set<String> = ["on", "off"]
        words.formUnion(CellKind.allCases.map(\.rawValue))
        words.formUnion(Activation.allCases.map(\.rawValue))
        words.formUnion(InitScheme.allCases.map(\.rawValue))
        words.formUnion(OptimizerKind.allCases.map(\.rawValue))
        words.formUnion(InputEncoding.allCases.map(\.rawValue))
        words.formUnion(LossKind.allCases.map(\.rawValue))
        words.formUnion(LossAt.allCases.map(\.rawValue))
        return words
    }()

    /// Evaluates an expression to a value.
    public static func evaluate(_ expression: ClaimExpression, in environment: some ClaimEnvironment) throws -> ClaimValue {
        try Evaluation(environment: environment).value(of: expression)
    }

    /// Parses and evaluates claim text.
    public static func evaluate(_ text: String, in environment: some ClaimEnvironment) throws -> ClaimValue {
        try evaluate(try ClaimParser.parse(text), in: environment)
    }

    /// Decides whether a claim holds, explaining a failure with the evaluated sides of its top comparison.
    ///
    /// Throws when the claim cannot be evaluated or does not give a single boolean.
    public static func check(_ expression: ClaimExpression, in environment: some ClaimEnvironment) throws -> ClaimResult {
        try Evaluation(environment: environment).check(expression)
    }

    /// Parses and checks claim text.
    public static func check(_ text: String, in environment: some ClaimEnvironment) throws -> ClaimResult {
        try check(try ClaimParser.parse(text), in: environment)
    }
}

/// One evaluation against one environment.
struct Evaluation<Environment: ClaimEnvironment> {
    let environment: Environment

    func check(_ e: ClaimExpression) throws -> ClaimResult {
        switch e {
        case .binary(let op, let l, let r) where op.isComparison:
            let left = try value(of: l)
            let right = try value(of: r)
            let result = try ClaimOperations.binary(op, left, right)
            let holds = try requireBool(result, for: e)
            if holds { return ClaimResult(holds: true, expression: e, comparison: op, left: left, right: right) }
            let message = "\(side(l, left)) is not \(op.rawValue) \(side(r, right))"
            return ClaimResult(holds: false, expression: e, comparison: op, left: left, right: right, message: message)
        case .binary(.and, let l, let r):
            let first = try check(l)
            return first.holds ? try check(r) : first
        case .call(let name, let args) where (name == "all" || name == "any") && args.count == 1 && args[0].label == nil:
            let inner = try value(of: args[0].value)
            let result = try ClaimBuiltins.call(name, [inner])
            let holds = try requireBool(result, for: e)
            guard !holds else { return ClaimResult(holds: true, expression: e) }
            var message = "\(ClaimPrinter.print(e)) is false"
            if case .booleans(let flags) = inner {
                if name == "all", let first = flags.firstIndex(of: false) {
                    message += " (\(flags.filter { !$0 }.count) of \(flags.count) false, the first at position \(first + 1))"
                } else if name == "any" {
                    message += " (all \(flags.count) false)"
                }
            }
            return ClaimResult(holds: false, expression: e, message: message)
        default:
            let holds = try requireBool(try value(of: e), for: e)
            return ClaimResult(holds: holds, expression: e, message: holds ? nil : "\(ClaimPrinter.print(e)) is false")
        }
    }

    /// "dh[1] = 3.2e-9" for a computed side, just "1e-6" for a literal.
    private func side(_ e: ClaimExpression, _ v: ClaimValue) -> String {
        switch e {
        case .number, .text, .bool: return ClaimPrinter.print(e)
        default: return "\(ClaimPrinter.print(e)) = \(v)"
        }
    }

    private func requireBool(_ v: ClaimValue, for e: ClaimExpression) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .booleans(let flags):
            throw ClaimEvaluationError("claim gives \(flags.count) true/false values, not one; wrap it in all(…) or any(…)")
        default:
            throw ClaimEvaluationError("a claim must be true or false, but \(ClaimPrinter.print(e)) is \(v.kindDescription)")
        }
    }

    func value(of e: ClaimExpression) throws -> ClaimValue {
        switch e {
        case .number(let v): return .number(v)
        case .bool(let v): return .bool(v)
        case .text(let s): return .text(s)
        case .name(let n): return try lookup(n, bareWordAllowed: false)
        case .index(let base, let subs):
            return try ClaimIndexing.index(try value(of: base), subs.map { try resolve($0) }, named: ClaimPrinter.print(base))
        case .field(let base, let name):
            let record = try value(of: base)
            guard case .record(let fields) = record else {
                throw ClaimEvaluationError("\(ClaimPrinter.print(base)) has no fields (it is \(record.kindDescription)), so .\(name) does not exist")
            }
            guard let v = fields[name] else {
                let hint = Suggestions.hint(for: name, among: Array(fields.keys), quote: "`")
                let known = fields.keys.sorted().joined(separator: ", ")
                throw ClaimEvaluationError("\(ClaimPrinter.print(base)) has no field `\(name)`" + (hint.isEmpty ? " (fields: \(known))" : " (\(hint))"))
            }
            return v
        case .call(let name, let args):
            return try call(name, args)
        case .unary(.negate, let x):
            return try ClaimOperations.negate(try value(of: x))
        case .unary(.not, let x):
            return try ClaimOperations.not(try value(of: x))
        case .binary(.and, let l, let r):
            let left = try value(of: l)
            if case .bool(false) = left { return .bool(false) }
            return try ClaimOperations.binary(.and, left, try value(of: r))
        case .binary(.or, let l, let r):
            let left = try value(of: l)
            if case .bool(true) = left { return .bool(true) }
            return try ClaimOperations.binary(.or, left, try value(of: r))
        case .binary(let op, let l, let r):
            return try ClaimOperations.binary(op, try value(of: l), try value(of: r))
        }
    }

    private func lookup(_ name: String, bareWordAllowed: Bool) throws -> ClaimValue {
        if let v = try environment.value(named: name) { return v }
        if ClaimEvaluator.settingWords.contains(name) || bareWordAllowed { return .text(name) }
        if ClaimBuiltins.names.contains(name) {
            throw ClaimEvaluationError("`\(name)` is a function; call it as \(name)(…)")
        }
        let candidates = environment.knownNames + Array(ClaimEvaluator.settingWords)
        let hint = Suggestions.hint(for: name, among: candidates, quote: "`")
        throw ClaimEvaluationError("unknown name `\(name)`" + (hint.isEmpty ? "" : " (\(hint))"))
    }

    private func call(_ name: String, _ args: [ClaimArgument]) throws -> ClaimValue {
        var positional: [ClaimValue] = []
        var keywords: [String: ClaimValue] = [:]
        for arg in args {
            if let label = arg.label {
                if case .name(let word) = arg.value {
                    keywords[label] = try lookup(word, bareWordAllowed: true)
                } else {
                    keywords[label] = try value(of: arg.value)
                }
            } else {
                positional.append(try value(of: arg.value))
            }
        }
        if ClaimBuiltins.names.contains(name) {
            guard keywords.isEmpty else {
                throw ClaimEvaluationError("\(name)(…) takes no keyword arguments")
            }
            return try ClaimBuiltins.call(name, positional)
        }
        if let v = try environment.call(name, arguments: positional, keywords: keywords) { return v }
        let hint = Suggestions.hint(for: name, among: environment.knownNames + Array(ClaimBuiltins.names), quote: "`")
        throw ClaimEvaluationError("unknown function `\(name)`" + (hint.isEmpty ? "" : " (\(hint))"))
    }

    private func resolve(_ sub: ClaimSubscript) throws -> ClaimIndexing.Position {
        switch sub {
        case .at(let e): return .at(try scalarIndex(e))
        case .slice(let a, let b):
            return .slice(try a.map { try scalarIndex($0) }, try b.map { try scalarIndex($0) })
        }
    }

    private func scalarIndex(_ e: ClaimExpression) throws -> Double {
        let index = try value(of: e)
        guard case .number(let v) = index else {
            throw ClaimEvaluationError("an index must be a number, but \(ClaimPrinter.print(e)) is \(index.kindDescription)")
        }
        return v
    }
}

/// The outcome of checking one claim.
public struct ClaimResult: Sendable, Equatable {
    /// True when the claim evaluated to `true`.
    public var holds: Bool
    /// The claim checked.
    public var expression: ClaimExpression
    /// The top comparison, when the claim (or its failing `and` branch) is one.
    public var comparison: ClaimBinaryOperator?
    /// Evaluated left side of the top comparison.
    public var left: ClaimValue?
    /// Evaluated right side of the top comparison.
    public var right: ClaimValue?
    /// Why it fails, e.g. "dh[1] = 3.2e-09 is not < dh[40] / 1000000 = 1.1e-09"; nil when it holds.
    public var message: String?

    public init(holds: Bool, expression: ClaimExpression, comparison: ClaimBinaryOperator? = nil,
                left: ClaimValue? = nil, right: ClaimValue? = nil, message: String? = nil) {
        self.holds = holds
        self.expression = expression
        self.comparison = comparison
        self.left = left
        self.right = right
        self.message = holds ? nil : (message ?? "\(ClaimPrinter.print(expression)) is false")
    }
}
