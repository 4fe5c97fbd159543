/// A token of the claim language with the column it starts at.
struct ClaimToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case identifier(String)
        case text(String)
        case symbol(String)   // ( ) [ ] , . : = and operators
        case end
    }

    var kind: Kind
    /// 1-based column in Unicode scalars.
    var column: Int
}

/// Splits claim text into tokens; never traps, reports the column of anything it cannot read.
enum ClaimLexer {
    /// Longest claims accepted, in Unicode scalars.
    static let maximumLength = 2000

    static func tokens(_ text: String) throws(ClaimSyntaxError) -> [ClaimToken] {
        let s = Array(text.unicodeScalars)
        guard s.count <= maximumLength else {
            throw ClaimSyntaxError(column: maximumLength, message: "claim is too long (\(s.count) characters; limit \(maximumLength))")
        }
        var out: [ClaimToken] = []
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        while i < s.count {
            let c = s[i]
            let column = i + 1
            if c.properties.isWhitespace { i += 1; continue }
            if isDigit(c) {
                var j = i
                while let d = at(j), isDigit(d) { j += 1 }
                if at(j) == ".", let d = at(j + 1), isDigit(d) {
                    j += 1
                    while let d = at(j), isDigit(d) { j += 1 }
                }
                if let e = at(j), e == "e" || e == "E" {
                    var k = j + 1
                    if let sign = at(k), sign == "+" || sign == "-" { k += 1 }
                    guard let d = at(k), isDigit(d) else {
                        throw ClaimSyntaxError(column: j + 1, message: "number has an exponent 'e' without digits")
                    }
                    while let d = at(k), isDigit(d) { k += 1 }
                    j = k
                }
                if let next = at(j), isIdentifierStart(next) {
                    throw ClaimSyntaxError(column: j + 1, message: "unexpected '\(next)' right after a number")
                }
                let literal = String(String.UnicodeScalarView(s[i..<j]))
                guard let value = Double(literal), value.isFinite else {
                    throw ClaimSyntaxError(column: column, message: "number \(literal) is too large")
                }
                out.append(ClaimToken(kind: .number(value), column: column))
                i = j
                continue
            }
            if isIdentifierStart(c) {
                var j = i
                while let d = at(j), isIdentifierStart(d) || isDigit(d) { j += 1 }
                out.append(ClaimToken(kind: .identifier(String(String.UnicodeScalarView(s[i..<j]))), column: column))
                i = j
                continue
            }
            if c == "\"" || c == "'" {
                var j = i + 1
                while let d = at(j), d != c { j += 1 }
                guard j < s.count else { throw ClaimSyntaxError(column: column, message: "text starting here is never closed with \(c)") }
                out.append(ClaimToken(kind: .text(String(String.UnicodeScalarView(s[(i + 1)..<j]))), column: column))
                i = j + 1
                continue
            }
            let two = at(i + 1).map { String(c) + String($0) } ?? ""
            if ["<=", ">=", "==", "!="].contains(two) {
                out.append(ClaimToken(kind: .symbol(two), column: column))
                i += 2
                continue
            }
            switch c {
            case "≤": out.append(ClaimToken(kind: .symbol("<="), column: column))
            case "≥": out.append(ClaimToken(kind: .symbol(">="), column: column))
            case "≠": out.append(ClaimToken(kind: .symbol("!="), column: column))
            case "×": out.append(ClaimToken(kind: .symbol("*"), column: column))
            case "−": out.append(ClaimToken(kind: .symbol("-"), column: column))
            case "(", ")", "[", "]", ",", ".", ":", "=", "+", "-", "*", "/", "^", "<", ">":
                out.append(ClaimToken(kind: .symbol(String(c)), column: column))
            case "!":
                throw ClaimSyntaxError(column: column, message: "unexpected '!' (write `not x`, or `!=` for 'is not equal')")
            default:
                let shown = c.properties.isWhitespace || c.value < 32 ? "U+\(String(c.value, radix: 16, uppercase: true))" : String(c)
                throw ClaimSyntaxError(column: column, message: "unexpected character '\(shown)'")
            }
            i += 1
        }
        out.append(ClaimToken(kind: .end, column: s.count + 1))
        return out
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }
}
