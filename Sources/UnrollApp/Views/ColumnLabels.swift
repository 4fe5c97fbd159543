import UnrollDraw

/// How one row of per-step labels (x_t, y_t) is written into timeline columns `room` cells wide,
/// so that a label is never mistaken for another: whole when it fits; else shortened forms that
/// stay distinct (prefixes, or first letters and the last); else numbers with a legend. Numbers
/// are written with the digits that fit and never cut into another number; when even that is
/// impossible they become bars on the row's scale, and the row says so.
struct ColumnLabels {
    /// The text per step (already at most `room` wide).
    let texts: [String]
    /// What the row's caption should say about the shortening (nil: labels are whole).
    let note: String?
    /// For `numbered` rows: number → label.
    let legend: [(String, String)]

    /// The cells a token needs to be written whole.
    static func width(_ s: String) -> Int { displayWidth(s) }

    /// Labels of symbols (words, letters, classes).
    init(tokens: [String], room: Int) {
        let r = max(1, room)
        let distinct = Array(Set(tokens.filter { !$0.isEmpty })).sorted()
        if distinct.allSatisfy({ ColumnLabels.width($0) <= r }) {
            texts = tokens
            note = nil
            legend = []
            return
        }
        func injective(_ f: (String) -> String) -> Bool {
            Set(distinct.map(f)).count == distinct.count
        }
        let prefix: (String) -> String = { String($0.prefix(r)) }
        if injective(prefix) {
            texts = tokens.map(prefix)
            note = "cut to \(r) letter\(r == 1 ? "" : "s"), still distinct"
            legend = []
            return
        }
        // First letters and the last one: "neural" → "neul", "networks" → "nets".
        let ends: (String) -> String = { t in
            guard t.count > r, r >= 2 else { return String(t.prefix(r)) }
            return String(t.prefix(r - 1)) + String(t.suffix(1))
        }
        if r >= 2 && injective(ends) {
            texts = tokens.map(ends)
            note = "shortened to \(r) letters (first and last), still distinct"
            legend = []
            return
        }
        // Numbers, with a legend.
        var number: [String: String] = [:]
        for (i, t) in distinct.enumerated() { number[t] = String(i + 1) }
        let fits = distinct.count < Int(ColumnLabels.pow10(r))
        texts = tokens.map { t in t.isEmpty ? "" : (fits ? number[t]! : "…") }
        legend = distinct.enumerated().map { (String($0.offset + 1), $0.element) }
        note = fits ? "numbered, see the legend" : "too narrow to tell apart: widen the terminal or read the inspector"
    }

    /// Labels of numbers, each with an optional mark (`*`, `|`) kept apart from its digits.
    /// Returns nil when even the shortest honest form of some value does not fit: draw bars.
    static func numbers(_ values: [Double?], marks: [String], room: Int) -> [String]? {
        var out: [String] = []
        for (i, v) in values.enumerated() {
            guard let v else { out.append(""); continue }
            let mark = i < marks.count ? marks[i] : ""
            guard let text = fit(v, room: room - displayWidth(mark)) else { return nil }
            out.append(mark.isEmpty ? text : (mark == "*" ? "*" + text : text + mark))
        }
        return out
    }

    /// The most precise form of `v` in `room` cells that is still the same number to the digits
    /// shown: "0.46" → ".46" → ".5" (rounded, never truncated); nil when nothing honest fits.
    static func fit(_ v: Double, room: Int) -> String? {
        guard room > 0 else { return nil }
        if !v.isFinite { let s = NumberFormat.short(v); return displayWidth(s) <= room ? s : nil }
        for digits in stride(from: 3, through: 1, by: -1) {
            var s = NumberFormat.short(v, digits: digits)
            if s.hasPrefix("0.") { s.removeFirst() } else if s.hasPrefix("-0.") { s = "-" + s.dropFirst(2) }
            if displayWidth(s) <= room { return s }
        }
        return nil
    }

    /// Splits an input label like "0.42*" into its number and its mark.
    static func parse(_ label: String) -> (value: Double?, mark: String) {
        var text = label
        var mark = ""
        if let last = text.last, last == "*" || last == "|" { mark = String(last); text.removeLast() }
        return (Double(text), mark)
    }

    static func pow10(_ n: Int) -> Double { var p = 1.0; for _ in 0..<max(0, n) { p *= 10 }; return p }
}
