/// One row of fields (`L = 8.42e-4`, `ρ=1.50`, `‖g‖ 0.94`) that drops whole fields, never cuts one.
///
/// Rules: fields are measured as drawn (`Glyphs.width`, so ASCII spellings count); when they do not
/// all fit, the fields with the lowest priority are dropped first (among equals, the later ones), and
/// the rest keep their order. A field wider than the whole row is dropped too. Right-aligned rows put
/// the last field against the right edge.
public struct FieldRow: Sendable {
    /// One field: its text, style and priority (higher stays longer).
    public struct Field: Sendable {
        public var text: String
        public var style: Style
        public var priority: Int
        public init(_ text: String, style: Style = .plain, priority: Int = 0) {
            self.text = text
            self.style = style
            self.priority = priority
        }
    }

    public var fields: [Field]
    public var separator: String
    public var alignRight: Bool
    public var glyphs: Glyphs

    public init(_ fields: [Field], separator: String = "  ", alignRight: Bool = false, glyphs: Glyphs = .utf8) {
        self.fields = fields
        self.separator = separator
        self.alignRight = alignRight
        self.glyphs = glyphs
    }

    /// Indices of the fields shown in `width` columns, in order.
    public func shown(width: Int) -> [Int] {
        let widths = fields.map { glyphs.width($0.text) }
        let sep = glyphs.width(separator)
        let order = fields.indices.sorted { fields[$0].priority != fields[$1].priority ? fields[$0].priority > fields[$1].priority : $0 < $1 }
        var keep: Set<Int> = []
        var used = 0
        for i in order {
            let add = widths[i] + (keep.isEmpty ? 0 : sep)
            if used + add <= width { keep.insert(i); used += add }
        }
        return keep.sorted()
    }

    /// Columns the shown fields take in `width`.
    public func usedWidth(_ width: Int) -> Int {
        let s = shown(width: width)
        return s.reduce(0) { $0 + glyphs.width(fields[$1].text) } + max(0, s.count - 1) * glyphs.width(separator)
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let show = shown(width: area.width)
        var x = alignRight ? area.maxX - usedWidth(area.width) : area.x
        for (k, i) in show.enumerated() {
            if k > 0 { x += buffer.write(x: x, y: area.y, glyphs.text(separator), clip: area) }
            x += buffer.write(x: x, y: area.y, glyphs.text(fields[i].text), style: fields[i].style, clip: area)
        }
    }
}

/// Labels for tokens (x_t, y_t symbols) in narrow timeline columns that stay distinct.
public enum TokenLabels {
    /// Labels no wider than `width`, or nil when they cannot all be told apart in that width.
    ///
    /// Rules: a token that fits is shown whole; a longer one is cut to the shortest prefix that no
    /// other distinct token shares (at most `width − 1` characters) followed by `ellipsis`, so a cut
    /// label never looks like a whole word (`italy` → `it…` beside the pronoun `i`; `neural` →
    /// `neu…` beside `net…`). Nil when two tokens would need more room than that — then show
    /// `keys(for:)` with a legend. Widths are measured as drawn with `glyphs`.
    public static func abbreviated(_ tokens: [String], width: Int, glyphs: Glyphs = .utf8) -> [String]? {
        guard width >= 1 else { return tokens.isEmpty ? [] : nil }
        let drawn = tokens.map { glyphs.text($0) }
        let distinct = Array(Set(drawn))
        var cache: [String: String] = [:]
        var out: [String] = []
        for t in drawn {
            if let c = cache[t] { out.append(c); continue }
            let label: String
            if displayWidth(t) <= width {
                label = t
            } else {
                guard width >= 2 else { return nil }
                let chars = Array(t)
                var found: String? = nil
                for k in 1...min(chars.count, width - 1) {
                    let p = String(chars.prefix(k))
                    if !distinct.contains(where: { $0 != t && $0.hasPrefix(p) }), displayWidth(p) <= width - 1 { found = p; break }
                }
                guard let p = found else { return nil }
                label = p + String(glyphs.ellipsis)
            }
            cache[t] = label
            out.append(label)
        }
        return out
    }

    /// One-character keys for the distinct tokens in order of first appearance (`1`…`9`, `a`…`z`,
    /// `A`…`Z`; `?` beyond 61), and the legend pairs (key, token) to print beside the row.
    public static func keys(for tokens: [String]) -> (keys: [String], legend: [(key: String, token: String)]) {
        let alphabet = Array("123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var index: [String: String] = [:]
        var legend: [(String, String)] = []
        var keys: [String] = []
        for t in tokens {
            if let k = index[t] { keys.append(k); continue }
            let k = legend.count < alphabet.count ? String(alphabet[legend.count]) : "?"
            index[t] = k
            legend.append((k, t))
            keys.append(k)
        }
        return (keys, legend)
    }
}

extension NumberFormat {
    /// A one-cell stand-in for a number that does not fit (`fit` returned nil): its sign (`+`, `−`),
    /// `0`, or the NaN / infinity glyph — the exact value is left to the inspector.
    public static func mark(_ v: Double, glyphs: Glyphs) -> Character {
        if v.isNaN { return glyphs.nan }
        if v.isInfinite { return glyphs.infinity }
        if v == 0 { return "0" }
        return v > 0 ? "+" : (glyphs.asciiOnly ? "-" : "−")
    }
}
