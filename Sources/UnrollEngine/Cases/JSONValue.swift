import Foundation
import UnrollIO

/// A JSON value the engine writes: numbers keep full precision, non-finite numbers are `null`.
public indirect enum JSONValue: Equatable, Sendable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    public static func vector(_ v: [Double]) -> JSONValue { .array(v.map { .number($0) }) }
    public static func matrix(_ m: [[Double]]) -> JSONValue { .array(m.map { .vector($0) }) }
    public static func matrix(_ m: Matrix) -> JSONValue { .matrix(m.rowArrays) }

    /// Compact JSON text, keys in the order given.
    public func serialized() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .number(let d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 { out += String(format: "%.1f", d) } else { out += "\(d)" }
            } else {
                out += "null"
            }
        case .integer(let i): out += String(i)
        case .string(let s): out += JSONValue.quote(s)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                out += JSONValue.quote(k)
                out += ":"
                v.write(into: &out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String) -> String { JSONText.string(s) }
}
