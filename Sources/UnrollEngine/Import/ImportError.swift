/// A file unroll cannot read as a model or a sequence: which file, which line (for CSV), and
/// what is wrong — always one line.
public struct ImportError: Error, Equatable, CustomStringConvertible, Sendable {
    public let file: String
    /// 1-based line of a text file, when the problem sits on one.
    public let line: Int?
    public let message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        // Names and values quoted from a hostile file are escaped, but never let a line break through.
        self.message = message.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// Budgets checked before anything that grows with a file's contents is allocated.
public enum ImportLimits {
    /// Largest safetensors header read. The safetensors library allows 100 MB for models with
    /// thousands of tensors; a recurrent model's header is a few kB.
    public static let maxHeaderBytes = 1_000_000
    /// Tensors in one file.
    public static let maxTensors = 10_000
    /// Nesting depth of the header's JSON (a valid header nests 3 deep).
    public static let maxHeaderDepth = 32
    /// Values in one tensor, and in all tensors of a file together: the engine's budget for the
    /// numbers one forward and backward pass may hold.
    public static let maxValues = EngineLimits.maxRecordedValues
    /// Largest model file: an 8-byte length, the header, then every value as F64.
    public static let maxModelFileBytes = 8 + maxHeaderBytes + 8 * maxValues
    /// Largest CSV sequence file (100,000 steps of a few hundred numbers).
    public static let maxCSVBytes = 256 * 1024 * 1024
}

extension ImportError {
    /// A name or value from the file, quoted, escaped and shortened for a one-line message.
    static func quoted(_ s: String, limit: Int = 80) -> String {
        let short = s.count > limit ? String(s.prefix(limit)) + "…" : s
        var out = "'"
        for u in short.unicodeScalars {
            switch u {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    out += "\\u{\(String(u.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "'"
    }
}
