/// A JSON value from a safetensors header, parsed strictly and without Foundation:
///
/// - objects keep their members in file order and may not repeat a key (a file that names a
///   tensor twice is refused, not silently resolved to one of them);
/// - numbers keep their literal text, so offsets and sizes up to 2⁶⁴ − 1 are read exactly
///   (a Double would round anything above 2⁵³);
/// - nesting is limited (`ImportLimits.maxHeaderDepth`), so a hostile header cannot overflow
///   the stack.
enum HeaderJSON {
    /// An object's members in file order.
    case object([HeaderMember])
    case array([HeaderJSON])
    case string(String)
    /// The number's literal text, already checked against JSON's number grammar.
    case number(String)
    case bool(Bool)
    case null

    /// What kind of value this is, for messages.
    var kind: String {
        switch self {
        case .object: return "an object"
        case .array: return "a list"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true/false"
        case .null: return "null"
        }
    }

    /// The value as a non-negative integer that fits in `Int`, or nil (fractions, exponents,
    /// signs and anything above Int.max are not sizes or offsets).
    var nonNegativeInt: Int? {
        guard case .number(let text) = self, !text.isEmpty else { return nil }
        var v = 0
        for u in text.utf8 {
            guard u >= 48 && u <= 57 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(u - 48))
            if o1 || o2 { return nil }
            v = s
        }
        return v
    }

    /// Parses a whole header. Throws a message with the byte offset of the problem.
    /// Throws only `HeaderJSONError`.
    static func parse(_ bytes: [UInt8]) throws -> HeaderJSON {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        let value = try p.value(depth: 0)
        p.skipSpace()
        guard p.at == bytes.count else { throw p.error("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var at = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func error(_ m: String) -> HeaderJSONError { HeaderJSONError(message: m, offset: at) }

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        mutating func expect(_ c: UInt8, _ what: String) throws {
            guard at < bytes.count, bytes[at] == c else { throw error("expected \(what)") }
            at += 1
        }

        mutating func value(depth: Int) throws -> HeaderJSON {
            guard depth < ImportLimits.maxHeaderDepth else {
                throw error("nested more than \(ImportLimits.maxHeaderDepth) deep")
            }
            guard at < bytes.count else { throw error("unexpected end of the header") }
            switch bytes[at] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), 48...57: return .number(try number())
            default: throw error("unexpected character")
            }
        }

        mutating func literal(_ word: String) throws {
            for u in word.utf8 {
                guard at < bytes.count, bytes[at] == u else { throw error("unexpected character") }
                at += 1
            }
        }

        mutating func object(depth: Int) throws -> HeaderJSON {
            at += 1
            var members: [HeaderMember] = []
            var seen = Set<String>()
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object([]) }
            while true {
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                let keyAt = at
                let key = try string()
                guard seen.insert(key).inserted else {
                    throw HeaderJSONError(message: "the key \(ImportError.quoted(key)) appears twice", offset: keyAt, duplicateKey: key)
                }
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after a key")
                skipSpace()
                members.append(HeaderMember(key: key, value: try value(depth: depth + 1)))
                skipSpace()
                guard at < bytes.count else { throw error("unexpected end of the header inside an object") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                if bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
                throw error("expected ',' or '}' in an object")
            }
        }

        mutating func array(depth: Int) throws -> HeaderJSON {
            at += 1
            var items: [HeaderJSON] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array([]) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard at < bytes.count else { throw error("unexpected end of the header inside a list") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                if bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                throw error("expected ',' or ']' in a list")
            }
        }

        /// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number() throws -> String {
            let start = at
            func digits(_ p: inout Parser) -> Int {
                let s = p.at
                while p.at < p.bytes.count, p.bytes[p.at] >= 48, p.bytes[p.at] <= 57 { p.at += 1 }
                return p.at - s
            }
            if bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard at < bytes.count, bytes[at] >= 48, bytes[at] <= 57 else { throw error("malformed number") }
            if bytes[at] == 48 { at += 1 } else { _ = digits(&self) }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                guard digits(&self) > 0 else { throw error("malformed number") }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                guard digits(&self) > 0 else { throw error("malformed number") }
            }
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }

        /// A quoted string with JSON's escapes; control characters and lone surrogates are refused.
        /// The header was checked to be UTF-8 before parsing.
        mutating func string() throws -> String {
            at += 1
            var runStart = at
            func flush(_ p: Parser, _ upTo: Int) -> String { String(decoding: p.bytes[runStart..<upTo], as: UTF8.self) }
            var out = ""
            while true {
                guard at < bytes.count else { throw error("unterminated string") }
                let c = bytes[at]
                if c == UInt8(ascii: "\"") {
                    out += flush(self, at)
                    at += 1
                    return out
                }
                if c < 0x20 { throw error("control character inside a string") }
                if c != UInt8(ascii: "\\") { at += 1; continue }
                out += flush(self, at)
                at += 1
                guard at < bytes.count else { throw error("unterminated string") }
                let e = bytes[at]
                at += 1
                switch e {
                case UInt8(ascii: "\""): out += "\""
                case UInt8(ascii: "\\"): out += "\\"
                case UInt8(ascii: "/"): out += "/"
                case UInt8(ascii: "b"): out += "\u{08}"
                case UInt8(ascii: "f"): out += "\u{0C}"
                case UInt8(ascii: "n"): out += "\n"
                case UInt8(ascii: "r"): out += "\r"
                case UInt8(ascii: "t"): out += "\t"
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        // A high surrogate must be followed by \u and a low surrogate.
                        guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                            throw error("lone surrogate in a \\u escape")
                        }
                        at += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("lone surrogate in a \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(code) {
                        throw error("lone surrogate in a \\u escape")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    out.unicodeScalars.append(scalar)
                default:
                    throw error("invalid escape in a string")
                }
                runStart = at
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= bytes.count else { throw error("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[at]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: throw error("invalid \\u escape")
                }
                v = v * 16 + d
                at += 1
            }
            return v
        }
    }
}

/// One member of a header object.
struct HeaderMember {
    let key: String
    let value: HeaderJSON
}

/// Why a header is not JSON, and the byte (counted from the start of the header) where it goes wrong.
struct HeaderJSONError: Error {
    let message: String
    let offset: Int
    /// Set when the problem is a repeated key (valid JSON syntax, but not a valid header).
    let duplicateKey: String?

    /// The problem as a sentence, with the offset counted from the start of the file.
    var sentence: String {
        if let key = duplicateKey { return "the header names \(ImportError.quoted(key)) twice (at byte \(8 + offset))" }
        return "the header is not valid JSON at byte \(8 + offset): \(message)"
    }

    init(message: String, offset: Int, duplicateKey: String? = nil) {
        self.message = message
        self.offset = offset
        self.duplicateKey = duplicateKey
    }
}
