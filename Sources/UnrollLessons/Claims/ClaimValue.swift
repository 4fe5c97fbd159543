/// A value in the claim language: what names, calls and operators produce.
public enum ClaimValue: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case bool(Bool)
    /// One number per step (or per unit): `dh`, `loss`, `h[3]`.
    case vector([Double])
    /// The result of comparing a vector elementwise: `dh < 1e-3`; reduce it with `all`/`any`/`count`.
    case booleans([Bool])
    /// Rows are steps, columns are units: `h`, `c`, `forget_gate`.
    case matrix([[Double]])
    /// A setting word (`lstm`, `relu`) or quoted text.
    case text(String)
    /// Named figures, e.g. what `train(…)` or `with(…)` returns.
    case record([String: ClaimValue])

    /// What kind of value this is, for error messages ("a vector of 40 numbers").
    public var kindDescription: String {
        switch self {
        case .number: return "a number"
        case .bool: return "a boolean"
        case .vector(let v): return "a vector of \(v.count) numbers"
        case .booleans(let v): return "a vector of \(v.count) booleans"
        case .matrix(let m): return "a \(m.count)×\(m.first?.count ?? 0) matrix"
        case .text: return "text"
        case .record: return "a record"
        }
    }

    /// Short, readable rendering (long vectors are abbreviated).
    public var description: String {
        switch self {
        case .number(let v): return ClaimFormat.number(v)
        case .bool(let v): return v ? "true" : "false"
        case .vector(let v): return ClaimFormat.list(v.map(ClaimFormat.number))
        case .booleans(let v): return ClaimFormat.list(v.map { $0 ? "true" : "false" })
        case .matrix(let m): return "[\(m.count)×\(m.first?.count ?? 0) matrix]"
        case .text(let s): return s
        case .record(let r):
            let fields = r.keys.sorted().prefix(6).map { "\($0): \(r[$0].map(\.description) ?? "")" }
            return "{" + fields.joined(separator: ", ") + (r.count > 6 ? ", …" : "") + "}"
        }
    }
}

/// Number and list formatting shared by messages: `40`, `0.167`, `3.2e-09`, `inf`, `nan`.
enum ClaimFormat {
    static func number(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == v.rounded(), abs(v) < 1e6 { return String(Int64(v)) }
        let magnitude = abs(v)
        if magnitude >= 1e-4 && magnitude < 1e6 {
            var text = String(format: "%.4f", v)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            // Keep small values readable to three significant figures.
            return magnitude < 0.01 ? scientific(v) : text
        }
        return scientific(v)
    }

    /// A number exactly as a literal would write it (shortest round-trip form): 40, 0.167, 1e-6.
    static func literal(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == v.rounded(), abs(v) < 1e15 {
            let digits = String(Int64(v))
            let zeros = digits.reversed().prefix { $0 == "0" }.count
            guard abs(v) >= 1e6, zeros >= 3 else { return digits }
            // 1000000 → 1e6, 2500000 → 2.5e6: as a lecturer would write it.
            let sign = v < 0 ? "-" : ""
            let significant = Array(digits.drop { $0 == "-" }.dropLast(zeros))
            let exponent = significant.count - 1 + zeros
            let mantissa = significant.count == 1
                ? String(significant) : String(significant[0]) + "." + String(significant.dropFirst())
            return sign + mantissa + "e" + String(exponent)
        }
        return compactExponent(v.description)
    }

    /// `%.3g` with a compact exponent: 3.2e-09 → 3.2e-9, 1e+06 → 1e6 (still valid claim syntax).
    private static func scientific(_ v: Double) -> String {
        compactExponent(String(format: "%.3g", v))
    }

    private static func compactExponent(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" }) else { return text }
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if exponent.first == "-" { sign = "-" }
        if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
        let digits = exponent.drop(while: { $0 == "0" })
        return mantissa + "e" + sign + (digits.isEmpty ? "0" : String(digits))
    }

    static func list(_ items: [String]) -> String {
        if items.count <= 6 { return "[" + items.joined(separator: ", ") + "]" }
        return "[" + items.prefix(3).joined(separator: ", ") + ", …, " + items.suffix(2).joined(separator: ", ") + "] (\(items.count) values)"
    }
}
