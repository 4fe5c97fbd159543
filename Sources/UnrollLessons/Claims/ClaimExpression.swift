/// A parsed claim: the syntax tree of the small expression language lessons use to state checkable facts.
public indirect enum ClaimExpression: Sendable, Equatable, CustomStringConvertible {
    /// A number literal: `40`, `1e-6`, `0.167`, `inf`, `nan`.
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// A quoted text literal: `"lstm"`.
    case text(String)
    /// An identifier: a figure (`dh`), a setting word (`lstm`) or a field-less name.
    case name(String)
    /// Indexing or slicing: `dh[1]`, `dh[-1]`, `dh[1:10]`, `h[3, 2]`, `h[:, 2]`.
    case index(ClaimExpression, [ClaimSubscript])
    /// Field access on a record: `r.final_loss`.
    case field(ClaimExpression, String)
    /// A call: `mean(dh)`, `train(steps=2000, cell=lstm)`; positional arguments come first.
    case call(String, [ClaimArgument])
    /// `-x` or `not x`.
    case unary(ClaimUnaryOperator, ClaimExpression)
    /// `a + b`, `a < b`, `a and b`, ….
    case binary(ClaimBinaryOperator, ClaimExpression, ClaimExpression)

    /// The expression written back in canonical form, with only the parentheses precedence needs.
    public var description: String { ClaimPrinter.print(self) }
}

/// One position inside `[…]`: a single (1-based, negative-from-end) index or an inclusive slice.
public enum ClaimSubscript: Sendable, Equatable {
    case at(ClaimExpression)
    /// `a:b` with both ends inclusive; a missing end means the first/last step.
    case slice(ClaimExpression?, ClaimExpression?)
}

/// One argument of a call: positional (`label == nil`) or keyword (`cell=lstm`).
public struct ClaimArgument: Sendable, Equatable {
    public var label: String?
    public var value: ClaimExpression

    public init(label: String? = nil, _ value: ClaimExpression) {
        self.label = label
        self.value = value
    }
}

/// Prefix operators.
public enum ClaimUnaryOperator: String, Sendable, Equatable {
    case negate = "-"
    case not = "not"
}

/// Infix operators, loosest first: `or`, `and`, comparisons, `+ -`, `* /`, `^` (right-associative).
public enum ClaimBinaryOperator: String, Sendable, Equatable, CaseIterable {
    case or, and
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"

    /// Binding strength: higher binds tighter.
    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide: return 6
        case .power: return 8
        }
    }

    /// True for `< <= > >= == !=`.
    public var isComparison: Bool { precedence == 4 }
}

/// Writes expressions back as text (used in failure messages and error reports).
enum ClaimPrinter {
    /// Precedence of `not` (3) and unary minus (7) sit between the binary levels.
    static func print(_ e: ClaimExpression) -> String {
        switch e {
        case .number(let v): return ClaimFormat.literal(v)
        case .bool(let v): return v ? "true" : "false"
        case .text(let v): return "\"\(v)\""
        case .name(let n): return n
        case .index(let base, let subs):
            let inner = subs.map { sub -> String in
                switch sub {
                case .at(let i): return print(i)
                case .slice(let a, let b): return (a.map(print) ?? "") + ":" + (b.map(print) ?? "")
                }
            }.joined(separator: ", ")
            return wrap(base, above: 9) + "[" + inner + "]"
        case .field(let base, let name): return wrap(base, above: 9) + "." + name
        case .call(let name, let args):
            let inner = args.map { ($0.label.map { $0 + "=" } ?? "") + print($0.value) }.joined(separator: ", ")
            return name + "(" + inner + ")"
        case .unary(.negate, let x): return "-" + wrap(x, above: 7)
        case .unary(.not, let x): return "not " + wrap(x, above: 3)
        case .binary(let op, let l, let r):
            let p = op.precedence
            // Left-associative operators need parentheses on the right at equal precedence; `^` on the left.
            let left = op == .power ? wrap(l, above: p + 1) : wrap(l, above: p)
            let right = op == .power ? wrap(r, above: 7) : wrap(r, above: p + 1)
            return left + " " + op.rawValue + " " + right
        }
    }

    /// Prints `e`, parenthesised when it binds looser than `level`.
    private static func wrap(_ e: ClaimExpression, above level: Int) -> String {
        let text = print(e)
        return precedence(of: e) < level ? "(" + text + ")" : text
    }

    private static func precedence(of e: ClaimExpression) -> Int {
        switch e {
        case .binary(let op, _, _): return op.precedence
        case .unary(.not, _): return 3
        case .unary(.negate, _): return 7
        case .number(let v): return v < 0 ? 7 : 10
        default: return 10
        }
    }
}
