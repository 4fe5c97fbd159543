/// JSON string literals, written one way for every JSON unroll prints (traces, exports,
/// asciicast recordings, safetensors headers).
public enum JSONText {
    /// `s` as a JSON string literal: quote and backslash escaped, control characters (and DEL)
    /// as `\n`, `\r`, `\t` or `\u00XX`.
    public static func string(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
