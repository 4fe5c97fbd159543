/// Parses claim text into a `ClaimExpression`; errors carry the column where reading failed.
///
/// Grammar, loosest first:
/// ```
/// expr       := or
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | comparison
/// comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?      -- no chaining
/// sum        := product (("+" | "-") product)*
/// product    := unary (("*" | "/") unary)*
/// unary      := "-" unary | power
/// power      := postfix ("^" unary)?                                     -- right-associative
/// postfix    := primary ("[" subscripts "]" | "." name)*
/// primary    := number | "text" | true | false | inf | nan | name | name "(" args ")" | "(" expr ")"
/// ```
public enum ClaimParser {
    /// Deepest nesting of parentheses, brackets and prefix operators accepted.
    public static let maximumDepth = 64

    /// A name the claim mentions, with where and how it is used (for vocabulary checks).
    public struct NameUse: Sendable, Equatable {
        public var name: String
        /// 1-based column in the claim text.
        public var column: Int
        /// True for the callee of `name(…)`.
        public var isCall: Bool
        /// True for a bare word given as a keyword argument (`cell=lstm`), which may be any setting word.
        public var isKeywordValue: Bool
    }

    /// A parsed claim with the names it uses.
    public struct Parsed: Sendable, Equatable {
        public var expression: ClaimExpression
        public var names: [NameUse]
    }

    /// Parses one claim.
    public static func parse(_ text: String) throws(ClaimSyntaxError) -> ClaimExpression {
        try parseWithNames(text).expression
    }

    /// Parses one claim and lists the names it uses.
    public static func parseWithNames(_ text: String) throws(ClaimSyntaxError) -> Parsed {
        var state = State(tokens: try ClaimLexer.tokens(text))
        guard state.peek.kind != .end else { throw ClaimSyntaxError(column: 1, message: "empty claim") }
        let expression = try state.expression()
        if state.peek.kind != .end {
            throw ClaimSyntaxError(column: state.peek.column, message: "unexpected \(State.describe(state.peek)) after a complete expression")
        }
        return Parsed(expression: expression, names: state.names)
    }

    /// Recursive-descent state: the tokens, the read position and the names seen.
    private struct State {
        let tokens: [ClaimToken]
        var position = 0
        var depth = 0
        var names: [NameUse] = []

        init(tokens: [ClaimToken]) { self.tokens = tokens }

        var peek: ClaimToken { position < tokens.count ? tokens[position] : ClaimToken(kind: .end, column: (tokens.last?.column ?? 1)) }

        mutating func advance() -> ClaimToken {
            let token = peek
            if position < tokens.count { position += 1 }
            return token
        }

        func isSymbol(_ s: String) -> Bool { peek.kind == .symbol(s) }
        func isWord(_ s: String) -> Bool { peek.kind == .identifier(s) }

        mutating func expect(_ s: String, opened: ClaimToken? = nil) throws(ClaimSyntaxError) {
            guard isSymbol(s) else {
                var message = "expected '\(s)' but found \(State.describe(peek))"
                if let opened, case .symbol(let o) = opened.kind { message += " (to close the '\(o)' at column \(opened.column))" }
                throw ClaimSyntaxError(column: peek.column, message: message)
            }
            _ = advance()
        }

        mutating func nest() throws(ClaimSyntaxError) {
            depth += 1
            if depth > ClaimParser.maximumDepth {
                throw ClaimSyntaxError(column: peek.column, message: "expression is nested too deeply (limit \(ClaimParser.maximumDepth))")
            }
        }

        static func describe(_ t: ClaimToken) -> String {
            switch t.kind {
            case .number(let v): return "number \(ClaimFormat.literal(v))"
            case .identifier(let n): return "'\(n)'"
            case .text(let s): return "text \"\(s)\""
            case .symbol(let s): return "'\(s)'"
            case .end: return "the end of the claim"
            }
        }

        mutating func expression() throws(ClaimSyntaxError) -> ClaimExpression {
            try nest()
            defer { depth -= 1 }
            return try or()
        }

        mutating func or() throws(ClaimSyntaxError) -> ClaimExpression {
            var left = try and()
            var chained = 0
            defer { depth -= chained }
            while isWord("or") {
                _ = advance()
                try nest()
                chained += 1
                left = .binary(.or, left, try and())
            }
            return left
        }

        mutating func and() throws(ClaimSyntaxError) -> ClaimExpression {
            var left = try not()
            var chained = 0
            defer { depth -= chained }
            while isWord("and") {
                _ = advance()
                try nest()
                chained += 1
                left = .binary(.and, left, try not())
            }
            return left
        }

        mutating func not() throws(ClaimSyntaxError) -> ClaimExpression {
            if isWord("not") {
                _ = advance()
                try nest()
                defer { depth -= 1 }
                return .unary(.not, try not())
            }
            return try comparison()
        }

        static let comparisons: [String: ClaimBinaryOperator] = [
            "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual, "==": .equal, "!=": .notEqual,
        ]

        mutating func comparisonOperator() -> ClaimBinaryOperator? {
            if case .symbol(let s) = peek.kind { return State.comparisons[s] }
            return nil
        }

        mutating func comparison() throws(ClaimSyntaxError) -> ClaimExpression {
            let left = try sum()
            guard let op = comparisonOperator() else {
                if isSymbol("=") {
                    throw ClaimSyntaxError(column: peek.column, message: "'=' is only for keyword arguments; write '==' to compare")
                }
                return left
            }
            _ = advance()
            let right = try sum()
            if comparisonOperator() != nil {
                throw ClaimSyntaxError(column: peek.column, message: "comparisons can't be chained; join them with 'and'")
            }
            return .binary(op, left, right)
        }

        mutating func sum() throws(ClaimSyntaxError) -> ClaimExpression {
            var left = try product()
            var chained = 0
            defer { depth -= chained }
            while isSymbol("+") || isSymbol("-") {
                try nest()
                chained += 1
                let op: ClaimBinaryOperator = isSymbol("+") ? .add : .subtract
                _ = advance()
                left = .binary(op, left, try product())
            }
            return left
        }

        mutating func product() throws(ClaimSyntaxError) -> ClaimExpression {
            var left = try unary()
            var chained = 0
            defer { depth -= chained }
            while isSymbol("*") || isSymbol("/") {
                try nest()
                chained += 1
                let op: ClaimBinaryOperator = isSymbol("*") ? .multiply : .divide
                _ = advance()
                left = .binary(op, left, try unary())
            }
            return left
        }

        mutating func unary() throws(ClaimSyntaxError) -> ClaimExpression {
            if isSymbol("-") || isSymbol("+") {
                let negate = isSymbol("-")
                _ = advance()
                try nest()
                defer { depth -= 1 }
                let operand = try unary()
                return negate ? .unary(.negate, operand) : operand
            }
            return try power()
        }

        mutating func power() throws(ClaimSyntaxError) -> ClaimExpression {
            let base = try postfix()
            guard isSymbol("^") else { return base }
            _ = advance()
            try nest()
            defer { depth -= 1 }
            return .binary(.power, base, try unary())
        }

        mutating func postfix() throws(ClaimSyntaxError) -> ClaimExpression {
            var value = try primary()
            var chained = 0
            defer { depth -= chained }
            while true {
                if isSymbol("[") || isSymbol(".") {
                    try nest()
                    chained += 1
                }
                if isSymbol("[") {
                    let open = advance()
                    try nest()
                    defer { depth -= 1 }
                    var subscripts: [ClaimSubscript] = [try subscriptEntry()]
                    while isSymbol(",") {
                        _ = advance()
                        subscripts.append(try subscriptEntry())
                    }
                    if subscripts.count > 2 {
                        throw ClaimSyntaxError(column: open.column, message: "at most two indices: [step] or [step, unit]")
                    }
                    try expect("]", opened: open)
                    value = .index(value, subscripts)
                } else if isSymbol(".") {
                    _ = advance()
                    guard case .identifier(let field) = peek.kind else {
                        throw ClaimSyntaxError(column: peek.column, message: "expected a field name after '.' but found \(State.describe(peek))")
                    }
                    _ = advance()
                    value = .field(value, field)
                } else {
                    return value
                }
            }
        }

        mutating func subscriptEntry() throws(ClaimSyntaxError) -> ClaimSubscript {
            var start: ClaimExpression?
            if !isSymbol(":") {
                if isSymbol("]") || isSymbol(",") {
                    throw ClaimSyntaxError(column: peek.column, message: "expected an index but found \(State.describe(peek))")
                }
                start = try expression()
            }
            guard isSymbol(":") else {
                return .at(start ?? .number(1))
            }
            _ = advance()
            if isSymbol("]") || isSymbol(",") { return .slice(start, nil) }
            return .slice(start, try expression())
        }

        static let reserved: Set<String> = ["and", "or", "not", "true", "false", "inf", "nan"]

        mutating func primary() throws(ClaimSyntaxError) -> ClaimExpression {
            let token = peek
            switch token.kind {
            case .number(let v):
                _ = advance()
                return .number(v)
            case .text(let s):
                _ = advance()
                return .text(s)
            case .identifier(let word):
                switch word {
                case "true": _ = advance(); return .bool(true)
                case "false": _ = advance(); return .bool(false)
                case "inf": _ = advance(); return .number(.infinity)
                case "nan": _ = advance(); return .number(.nan)
                case "and", "or", "not":
                    throw ClaimSyntaxError(column: token.column, message: "expected a value but found '\(word)'")
                default: break
                }
                _ = advance()
                if isSymbol("(") {
                    names.append(NameUse(name: word, column: token.column, isCall: true, isKeywordValue: false))
                    return .call(word, try arguments())
                }
                names.append(NameUse(name: word, column: token.column, isCall: false, isKeywordValue: false))
                return .name(word)
            case .symbol("("):
                let open = advance()
                let inner = try expression()
                try expect(")", opened: open)
                return inner
            case .end:
                throw ClaimSyntaxError(column: token.column, message: "expected a value but the claim ends here")
            default:
                throw ClaimSyntaxError(column: token.column, message: "expected a value but found \(State.describe(token))")
            }
        }

        mutating func arguments() throws(ClaimSyntaxError) -> [ClaimArgument] {
            let open = advance()
            try nest()
            defer { depth -= 1 }
            var out: [ClaimArgument] = []
            var seenLabels: Set<String> = []
            if isSymbol(")") { _ = advance(); return out }
            while true {
                let start = peek
                if case .identifier(let label) = start.kind, !State.reserved.contains(label),
                   position + 1 < tokens.count, tokens[position + 1].kind == .symbol("=") {
                    position += 2
                    guard seenLabels.insert(label).inserted else {
                        throw ClaimSyntaxError(column: start.column, message: "keyword '\(label)' is given twice")
                    }
                    let valueToken = peek
                    let before = names.count
                    let value = try expression()
                    // A bare word as the whole value (`cell=lstm`) is a setting word, checked by the callee.
                    if case .name = value, names.count == before + 1, valueToken.kind != .symbol("(") {
                        names[before].isKeywordValue = true
                    }
                    out.append(ClaimArgument(label: label, value))
                } else {
                    if !seenLabels.isEmpty {
                        throw ClaimSyntaxError(column: start.column, message: "positional argument after keyword arguments")
                    }
                    out.append(ClaimArgument(try expression()))
                }
                if isSymbol(",") { _ = advance(); continue }
                try expect(")", opened: open)
                return out
            }
        }
    }
}
