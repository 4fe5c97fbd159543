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

    /// Labels of symbols (words, letters, classes): whole; else each cut to the shortest prefix no
    /// other token shares, with `…` (`neu…` beside `net…`, `it…` beside `i`); else one-character
    /// keys with a legend.
    init(tokens: [String], room: Int, glyphs: Glyphs) {
        let r = max(1, room)
        if var short = TokenLabels.abbreviated(tokens, width: r, glyphs: glyphs) {
            // As many letters as the column holds: a longer prefix of a distinct prefix is still
            // distinct, and "stud…" reads better than "s…".
            let ellipsis = String(glyphs.ellipsis)
            for (k, t) in tokens.enumerated() where short[k].hasSuffix(ellipsis) {
                let drawn = glyphs.text(t)
                short[k] = String(drawn.prefix(max(1, r - displayWidth(ellipsis)))) + ellipsis
            }
            texts = short
            note = short == tokens.map({ glyphs.text($0) }) ? nil : "words cut with \(glyphs.ellipsis) (whole in the inspector)"
            legend = []
            return
        }
        let present = tokens.filter { !$0.isEmpty }
        let (keys, pairs) = TokenLabels.keys(for: present)
        var key: [String: String] = [:]
        for (k, t) in zip(keys, present) { key[t] = k }
        texts = tokens.map { $0.isEmpty ? "" : key[$0] ?? "?" }
        legend = pairs.map { ($0.key, $0.token) }
        note = "keyed"
    }

    /// Labels of numbers, each with an optional mark (`*`, `|`) kept apart from its digits.
    /// Returns nil when even the shortest honest form of some value does not fit: draw bars.
    static func numbers(_ values: [Double?], marks: [String], room: Int) -> [String]? {
        var out: [String] = []
        for (i, v) in values.enumerated() {
            guard let v else { out.append(""); continue }
            let mark = i < marks.count ? marks[i] : ""
            guard let text = NumberFormat.fit(v, width: room - displayWidth(mark)) else { return nil }
            out.append(mark.isEmpty ? text : (mark == "*" ? "*" + text : text + mark))
        }
        return out
    }

    /// Splits an input label like "0.42*" into its number and its mark.
    static func parse(_ label: String) -> (value: Double?, mark: String) {
        var text = label
        var mark = ""
        if let last = text.last, last == "*" || last == "|" { mark = String(last); text.removeLast() }
        return (Double(text), mark)
    }

}
