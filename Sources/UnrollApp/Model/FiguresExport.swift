import UnrollEngine
import Foundation
import UnrollLab

/// The per-step numbers behind the screen as CSV or JSON (t counts from 1, as lessons do).
public enum FiguresExport {
    /// Column names, in order.
    public static func columns(_ f: Figures) -> [String] {
        var cols = ["t", "input", "target"]
        let H = f.h.first?.count ?? 0
        cols += (1...max(1, H)).prefix(H).map { "h_\($0)" }
        if let c = f.c { cols += (0..<(c.first?.count ?? 0)).map { "c_\($0 + 1)" } }
        for g in f.gates { cols += (0..<(g.values.first?.count ?? 0)).map { "\(g.name)_\($0 + 1)" } }
        cols += (0..<(f.y.first?.count ?? 0)).map { "y_\($0 + 1)" }
        if f.predictions != nil { cols.append("prediction") }
        cols += ["loss", "dh", "dc", "gain", "reach", "bound"]
        return cols
    }

    /// One cell of the table.
    enum Value { case text(String), number(Double), missing }

    /// The rows, one per timestep, aligned with `columns`.
    static func rows(_ f: Figures) -> [[Value]] {
        (0..<f.steps).map { t in
            var r: [Value] = [.number(Double(t + 1)), .text(at(f.inputLabels, t) ?? ""), .text(at(f.targetLabels, t) ?? "")]
            r += (at(f.h, t) ?? []).map { .number($0) }
            if let c = f.c { r += (at(c, t) ?? []).map { .number($0) } }
            for g in f.gates { r += (at(g.values, t) ?? []).map { .number($0) } }
            r += (at(f.y, t) ?? []).map { .number($0) }
            if let p = f.predictions { r.append(.text(at(p, t) ?? "")) }
            r.append(num(at(f.stepLoss, t)))
            r.append(num(at(f.dh, t)))
            r.append(f.dc.map { num(at($0, t)) } ?? .missing)
            r.append(num(at(f.gain, t)))
            r.append(num(at(f.reach, t)))
            r.append(f.config.cell == .rnn ? num(at(f.bound, t)) : .missing)
            return r
        }
    }

    static func num(_ v: Double?) -> Value { v.map { .number($0) } ?? .missing }
    static func at<T>(_ a: [T], _ i: Int) -> T? { i >= 0 && i < a.count ? a[i] : nil }

    /// CSV with a header row; non-finite numbers as `inf`, `-inf`, `nan`; missing values empty.
    public static func csv(_ f: Figures) -> String {
        var lines = [columns(f).joined(separator: ",")]
        for row in rows(f) {
            lines.append(row.map { v -> String in
                switch v {
                case .missing: return ""
                case .text(let s): return quote(s)
                case .number(let d): return d.isNaN ? "nan" : (d.isInfinite ? (d > 0 ? "inf" : "-inf") : repr(d))
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: `{"columns": [...], "rows": [{...}, ...]}` with non-finite numbers as null.
    public static func json(_ f: Figures, meta: [String: String] = [:]) -> String {
        let cols = columns(f)
        var out = "{\n"
        if !meta.isEmpty {
            out += "  \"meta\": {" + meta.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)): \(jsonString($0.value))" }.joined(separator: ", ") + "},\n"
        }
        out += "  \"columns\": [" + cols.map(jsonString).joined(separator: ", ") + "],\n  \"rows\": [\n"
        let body = rows(f).map { row -> String in
            let fields = zip(cols, row).map { name, v -> String in
                let value: String
                switch v {
                case .missing: value = "null"
                case .text(let s): value = jsonString(s)
                case .number(let d): value = d.isFinite ? repr(d) : "null"
                }
                return "\(jsonString(name)): \(value)"
            }
            return "    {" + fields.joined(separator: ", ") + "}"
        }
        out += body.joined(separator: ",\n") + "\n  ]\n}\n"
        return out
    }

    /// Shortest round-tripping text of a finite double (integers without a fraction).
    static func repr(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A JSON string literal (the engine's writer, so every JSON unroll prints escapes alike).
    static func jsonString(_ s: String) -> String { JSONValue.string(s).serialized() }
}
