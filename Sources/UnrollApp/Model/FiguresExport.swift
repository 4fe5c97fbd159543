import Foundation
import UnrollEngine
import UnrollLab
import UnrollTasks

/// The per-step numbers behind the screen as CSV or JSON (t counts from 1, as lessons do).
///
/// Values are exact: numbers are written in full (shortest round-trip form), never rounded
/// labels. Two kinds of "no number" are kept apart:
/// - not applicable (a target on an unscored step, `dc` of a cell without a cell state, α on a
///   step it cannot look at): `null` in JSON, an empty field in CSV;
/// - a number that is not finite: the strings `"nan"`, `"inf"`, `"-inf"` in JSON, and `nan`,
///   `inf`, `-inf` in CSV.
public enum FiguresExport {
    /// Column names, in order.
    ///
    /// `t`; `input` (the symbol's name) or `x_1 … x_I` (dense values: `input_k` would collide
    /// with the LSTM's input-gate columns); `mark` when the
    /// task marks steps (the adding problem's `*`); `target` or `target_1 … target_O`; `h_*`,
    /// `c_*`, each gate's units, `y_1 … y_O`; for cross-entropy `p_1 … p_O` (softmax(y_t)) and
    /// `prediction`; with attention `alpha_1 … alpha_T` (α_ts of step t over the steps s before
    /// it); `correct` (1 or 0 on scored steps); `loss`, `dh`, `dc`, `gain`, `reach`, `bound`.
    public static func columns(_ f: Figures) -> [String] {
        var cols = ["t"]
        switch f.example.input {
        case .symbols: cols.append("input")
        case .vectors(let v): cols += numbered("x", v.first?.count ?? 0)
        }
        if hasMarks(f) { cols.append("mark") }
        switch f.example.target {
        case .classes: cols.append("target")
        case .values(let v): cols += numbered("target", v.first?.count ?? 0)
        }
        cols += numbered("h", f.h.first?.count ?? 0)
        if let c = f.c { cols += numbered("c", c.first?.count ?? 0) }
        for g in f.gates { cols += numbered(g.name, g.values.first?.count ?? 0) }
        cols += numbered("y", f.y.first?.count ?? 0)
        if f.predictions != nil { cols += numbered("p", f.y.first?.count ?? 0) + ["prediction"] }
        if f.attention != nil { cols += numbered("alpha", f.steps) }
        cols += ["correct", "loss", "dh", "dc", "gain", "reach", "bound"]
        return cols
    }

    /// One cell of the table.
    enum Value { case text(String), number(Double), missing }

    /// The rows, one per timestep, aligned with `columns`.
    static func rows(_ f: Figures) -> [[Value]] {
        let marks = hasMarks(f) ? f.task.inputMarks(for: f.example) : nil
        let names = f.task.shape.input.symbolNames ?? []
        let outputNames = f.task.shape.outputNames ?? []
        let correct = f.correct
        let probabilities = f.probabilities?.p
        return (0..<f.steps).map { t in
            let scored = at(f.scored, t) ?? false
            var r: [Value] = [.number(Double(t + 1))]
            switch f.example.input {
            case .symbols(let s): r.append(at(s, t).map { .text(at(names, $0) ?? String($0)) } ?? .missing)
            case .vectors(let v): r += (at(v, t) ?? []).map { .number($0) }
            }
            if let marks { r.append((at(marks, t) ?? "").isEmpty ? .missing : .text(marks[t])) }
            switch f.example.target {
            case .classes(let c): r.append(scored ? at(c, t).map { .text(at(outputNames, $0) ?? String($0)) } ?? .missing : .missing)
            case .values(let v): r += (at(v, t) ?? []).map { scored ? .number($0) : .missing }
            }
            r += (at(f.h, t) ?? []).map { .number($0) }
            if let c = f.c { r += (at(c, t) ?? []).map { .number($0) } }
            for g in f.gates { r += (at(g.values, t) ?? []).map { .number($0) } }
            r += (at(f.y, t) ?? []).map { .number($0) }
            if let p = f.predictions {
                r += (probabilities.flatMap { at($0, t) } ?? []).map { .number($0) }
                r.append(.text(at(p, t) ?? ""))
            }
            if let alpha = f.attention {
                r += (0..<f.steps).map { s in s < t ? num(at(alpha, t).flatMap { at($0, s) }) : .missing }
            }
            r.append((at(correct, t) ?? nil).map { .number($0 ? 1 : 0) } ?? .missing)
            r.append(num(at(f.stepLoss, t)))
            r.append(num(at(f.dh, t)))
            r.append(f.dc.map { num(at($0, t)) } ?? .missing)
            r.append(num(at(f.gain, t)))
            r.append(num(at(f.reach, t)))
            r.append(f.config.cell == .rnn ? num(at(f.bound, t)) : .missing)
            return r
        }
    }

    static func numbered(_ name: String, _ count: Int) -> [String] { (0..<max(0, count)).map { "\(name)_\($0 + 1)" } }
    static func hasMarks(_ f: Figures) -> Bool { f.task.inputMarks(for: f.example).contains { !$0.isEmpty } }
    static func num(_ v: Double?) -> Value { v.map { .number($0) } ?? .missing }
    static func at<T>(_ a: [T], _ i: Int) -> T? { i >= 0 && i < a.count ? a[i] : nil }

    /// CSV with a header row; non-finite numbers as `inf`, `-inf`, `nan`; not applicable empty.
    public static func csv(_ f: Figures) -> String {
        var lines = [columns(f).joined(separator: ",")]
        for row in rows(f) {
            lines.append(row.map { v -> String in
                switch v {
                case .missing: return ""
                case .text(let s): return quote(s)
                case .number(let d): return d.isFinite ? repr(d) : nonFinite(d)
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: `{"meta": {...}, "columns": [...], "rows": [{...}, ...]}`. Not applicable is `null`;
    /// non-finite numbers are the strings "nan", "inf", "-inf". `metaNumbers` (e.g. the held-out
    /// `accuracy`) are written as numbers beside the `meta` strings.
    public static func json(_ f: Figures, meta: [String: String] = [:], metaNumbers: [String: Double] = [:]) -> String {
        let cols = columns(f)
        var out = "{\n"
        if !meta.isEmpty || !metaNumbers.isEmpty {
            let fields = meta.map { ($0.key, jsonString($0.value)) } + metaNumbers.map { ($0.key, jsonNumber($0.value)) }
            out += "  \"meta\": {" + fields.sorted { $0.0 < $1.0 }.map { "\(jsonString($0.0)): \($0.1)" }.joined(separator: ", ") + "},\n"
        }
        out += "  \"columns\": [" + cols.map(jsonString).joined(separator: ", ") + "],\n  \"rows\": [\n"
        let body = rows(f).map { row -> String in
            let fields = zip(cols, row).map { name, v -> String in
                let value: String
                switch v {
                case .missing: value = "null"
                case .text(let s): value = jsonString(s)
                case .number(let d): value = jsonNumber(d)
                }
                return "\(jsonString(name)): \(value)"
            }
            return "    {" + fields.joined(separator: ", ") + "}"
        }
        out += body.joined(separator: ",\n") + "\n  ]\n}\n"
        return out
    }

    /// A number as JSON: finite numbers in full, non-finite ones as the strings "nan", "inf", "-inf"
    /// (JSON has no such numbers, and `null` means "not applicable").
    public static func jsonNumber(_ d: Double) -> String {
        d.isFinite ? repr(d) : "\"" + nonFinite(d) + "\""
    }

    static func nonFinite(_ d: Double) -> String { d.isNaN ? "nan" : (d > 0 ? "inf" : "-inf") }

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
