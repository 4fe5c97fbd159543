/// A value in a lesson file that doesn't fit its field; the message names the field and the limit.
struct ValueProblem: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Reads scalar values written by hand (YAML scalars and `set:` values) with precise complaints.
enum ValueParsing {
    static func enumeration<E: CaseIterable & RawRepresentable>(_ raw: String, _ what: String, as type: E.Type) throws(ValueProblem) -> E
    where E.RawValue == String {
        let word = raw.trimmingSpaces
        if let value = E(rawValue: word) { return value }
        if let value = E.allCases.first(where: { $0.rawValue.lowercased() == word.lowercased() }) { return value }
        let options = E.allCases.map(\.rawValue)
        let hint = Suggestions.hint(for: word, among: options)
        throw ValueProblem("unknown \(what) '\(word)' (expected \(options.joined(separator: ", "))" + (hint.isEmpty ? ")" : "; \(hint))"))
    }

    static func integer(_ raw: String, _ name: String, _ range: ClosedRange<Int>) throws(ValueProblem) -> Int {
        let text = raw.trimmingSpaces
        let limit = "\(name) must be between \(range.lowerBound) and \(range.upperBound) (got \(text.prefix(40)))"
        if let v = Int(text) {
            guard range.contains(v) else { throw ValueProblem(limit) }
            return v
        }
        if let d = Double(text), d.isFinite {
            guard d == d.rounded() else { throw ValueProblem("\(name) must be a whole number (got \(text.prefix(40)))") }
            guard d >= Double(range.lowerBound), d <= Double(range.upperBound) else { throw ValueProblem(limit) }
            return Int(d)
        }
        let digits = text.drop { $0 == "-" || $0 == "+" }
        if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitCharacter) { throw ValueProblem(limit) }
        throw ValueProblem("\(name) must be a whole number between \(range.lowerBound) and \(range.upperBound) (got '\(text.prefix(40))')")
    }

    /// A finite number in [lower, upper] (or [lower, upper) / (lower, upper] as the flags say).
    static func real(_ raw: String, _ name: String, _ lower: Double, _ upper: Double,
                     lowerOpen: Bool = false, upperOpen: Bool = false) throws(ValueProblem) -> Double {
        let text = raw.trimmingSpaces
        guard let v = Double(text), !text.isEmpty else {
            throw ValueProblem("\(name) must be a number (got '\(text.prefix(40))')")
        }
        guard v.isFinite else { throw ValueProblem("\(name) must be a finite number (got \(text.prefix(40)))") }
        let aboveLower = lowerOpen ? v > lower : v >= lower
        let belowUpper = upperOpen ? v < upper : v <= upper
        guard aboveLower, belowUpper else {
            let low = lowerOpen ? "above \(format(lower))" : "at least \(format(lower))"
            let high = upperOpen ? "below \(format(upper))" : "at most \(format(upper))"
            let both = !lowerOpen && !upperOpen ? "between \(format(lower)) and \(format(upper))" : "\(low) and \(high)"
            throw ValueProblem("\(name) must be \(both) (got \(text.prefix(40)))")
        }
        return v
    }

    static func boolean(_ raw: String, _ name: String) throws(ValueProblem) -> Bool {
        switch raw.trimmingSpaces.lowercased() {
        case "true", "on", "yes": return true
        case "false", "off", "no": return false
        default: throw ValueProblem("\(name) must be on or off (got '\(raw.trimmingSpaces.prefix(40))')")
        }
    }

    /// A task setting or other free-form scalar: whole number, finite number, on/off word or text.
    static func scalar(_ raw: String, quoted: Bool, _ name: String) throws(ValueProblem) -> LessonScalar {
        if quoted { return .text(raw) }
        let text = raw.trimmingSpaces
        if let v = Int(text) { return .integer(v) }
        let lowered = text.lowercased()
        if ["nan", ".nan", "inf", "+inf", "-inf", ".inf", "-.inf", "+.inf", "infinity", "-infinity"].contains(lowered) {
            throw ValueProblem("\(name) must be a finite number (got \(text))")
        }
        if let d = Double(text) {
            guard d.isFinite else { throw ValueProblem("\(name) is too large (got \(text.prefix(40)))") }
            return .number(d)
        }
        if text.first.map({ $0.isASCIIDigitCharacter || $0 == "-" || $0 == "+" }) == true,
           text.dropFirst().allSatisfy(\.isASCIIDigitCharacter) {
            throw ValueProblem("\(name) is too large (got \(text.prefix(40)))")
        }
        switch lowered {
        case "true", "on", "yes": return .bool(true)
        case "false", "off", "no": return .bool(false)
        default: return .text(text)
        }
    }

    static func format(_ v: Double) -> String { ClaimFormat.literal(v) }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
