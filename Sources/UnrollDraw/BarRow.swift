/// How a row of bars maps values to heights: a linear scale from 0 or a log scale.
public enum BarScale: Equatable, Sendable {
    /// 0 → no bar, `top` → full height; larger values are drawn full and marked `↑`.
    case linear(top: Double)
    /// A log10 axis: 10^minDecade → the smallest bar, 10^maxDecade → full height; smaller positive
    /// values get the smallest bar and a `↓`, larger ones a full bar and a `↑`; zero no bar.
    case log(LogAxis)

    /// The scale for a row of per-step losses, stable enough that small losses look small.
    ///
    /// The rule: look at the finite positive losses of scored steps together with `reference` (pass
    /// the loss of an untrained model or the task's baseline, so a trained model's 1e-3 is compared
    /// with ~1, not with itself). If the largest is at least 100× the smallest, a log scale from one
    /// decade below the smallest to the decade above the largest; otherwise linear from 0 to the
    /// largest rounded up to 1, 2, 2.5 or 5 × 10^k. No losses: linear to `reference` (or 1).
    public static func forLoss(_ values: [Double], scored: [Bool]? = nil, reference: Double? = nil) -> BarScale {
        var lo = Double.infinity, hi = 0.0
        for (t, v) in values.enumerated() where v > 0 && v.isFinite {
            if let s = scored, t >= s.count || !s[t] { continue }
            lo = min(lo, v); hi = max(hi, v)
        }
        if let r = reference, r > 0, r.isFinite { lo = min(lo, r); hi = max(hi, r) }
        guard hi > 0, lo.isFinite else { return .linear(top: 1) }
        if hi / lo >= 100 {
            let fit = LogAxis.fitting([lo, hi])
            return .log(LogAxis(minDecade: fit.minDecade - 1, maxDecade: fit.maxDecade))
        }
        return .linear(top: BarScale.niceCeiling(hi))
    }

    /// The smallest of 1, 2, 2.5, 5 × 10^k at or above `v` (> 0).
    public static func niceCeiling(_ v: Double) -> Double {
        guard v > 0, v.isFinite else { return 1 }
        let e = Int(NumberFormat.log10Floor(v))
        let p = NumberFormat.pow10(e)
        for m in [1.0, 2, 2.5, 5, 10] where m * p >= v * (1 - 1e-12) { return m * p }
        return 10 * p
    }

    /// Height of `v` as a fraction of the row (0…1, clamped); nil when nothing is drawn for it
    /// (NaN, ±∞, negative, zero).
    public func fraction(_ v: Double) -> Double? {
        guard v.isFinite, v > 0 else { return nil }
        switch self {
        case .linear(let top):
            return top > 0 ? min(1, v / top) : 1
        case .log(let axis):
            guard let f = axis.fraction(v) else { return nil }
            return min(1, max(0, f))
        }
    }

    /// Whether `v` lies above the top of the scale (drawn full, marked `↑`).
    public func isAbove(_ v: Double) -> Bool {
        guard v.isFinite, v > 0 else { return false }
        switch self {
        case .linear(let top): return v > top * (1 + 1e-12)
        case .log(let axis): return (axis.fraction(v) ?? 0) > 1 + 1e-12
        }
    }

    /// Whether `v` (> 0) lies below the bottom of a log scale (drawn as the smallest bar, marked `↓`).
    public func isBelow(_ v: Double) -> Bool {
        guard v.isFinite, v > 0, case .log(let axis) = self else { return false }
        return (axis.fraction(v) ?? 0) < 0
    }

    /// Label of the top of the scale (`2.5`, `1e+1`).
    public var topLabel: String {
        switch self {
        case .linear(let top): return NumberFormat.short(top)
        case .log(let axis): return axis.label(axis.maxDecade)
        }
    }

    /// Label of the bottom of the scale (`0`, `1e-4`).
    public var bottomLabel: String {
        switch self {
        case .linear: return "0"
        case .log(let axis): return axis.label(axis.minDecade)
        }
    }

    /// The scale's name for the screen: `linear 0–2.5`, `log 1e-4–1e+1`.
    public var name: String {
        switch self {
        case .linear: return "linear " + bottomLabel + "–" + topLabel
        case .log: return "log " + bottomLabel + "–" + topLabel
        }
    }
}

/// One value per timestep as an eighth-block bar on a labelled `BarScale` (the per-step loss row).
///
/// Rules: a step that is not scored draws nothing at all (in every colour mode); zero draws the
/// `zeroMark` on the baseline; NaN and +∞ fill the column with `nanBar` / `infBar` topped by `nan` /
/// `infinity`; values beyond the scale are clamped and marked with `arrowUp` (top row) / `arrowDown`
/// (baseline). A positive value never draws an empty column: at least one eighth. The gutter (if at least 2
/// wide) shows the top label on the first row and, when there are 2+ rows, the bottom label on the
/// last; put `scale.name` in a caption to say which scale it is.
public struct BarRow: Sendable {
    public var values: [Double]
    /// Which steps count (nil: all); unscored steps are left blank.
    public var scored: [Bool]?
    public var scale: BarScale
    public var timeline: Timeline
    /// Highlighted timestep, if any.
    public var cursorColumn: Int?
    /// Width of the label gutter (0 hides it).
    public var gutterWidth: Int
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(values: [Double], scored: [Bool]? = nil, scale: BarScale, timeline: Timeline = Timeline(),
                cursorColumn: Int? = nil, gutterWidth: Int = 0, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.values = values
        self.scored = scored
        self.scale = scale
        self.timeline = timeline
        self.cursorColumn = cursorColumn
        self.gutterWidth = gutterWidth
        self.glyphs = glyphs
        self.mode = mode
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let pal = Palette(mode)
        let rows = area.height
        let gutter = min(max(0, gutterWidth), area.width)
        if gutter >= 2 {
            let w = gutter - 1
            let top = scale.topLabel
            buffer.write(x: area.x + max(0, w - top.count), y: area.y, top, style: pal.mutedStyle, maxWidth: w)
            if rows >= 2 {
                let bottom = scale.bottomLabel
                buffer.write(x: area.x + max(0, w - bottom.count), y: area.maxY - 1, bottom, style: pal.mutedStyle, maxWidth: w)
            }
        }
        let plot = area.inset(left: gutter)
        let cw = timeline.columnWidth
        let barWidth = cw >= 3 ? cw - 1 : cw
        for (t, x) in timeline.visible(count: values.count, x: plot.x, width: plot.width) {
            if let s = scored, t >= s.count || !s[t] { continue }
            let v = values[t]
            let cursor = cursorColumn == t
            var style = Style(fg: pal.bar)
            if cursor { style = style.fg(pal.accent).adding(.bold) }
            func fill(_ y: Int, _ g: Character, _ st: Style) {
                for i in 0..<barWidth { buffer.put(x: x.addingClamped(i), y: y, g, style: st, clip: plot) }
            }
            if v.isNaN || v == .infinity {
                let st = Style(fg: v.isNaN ? pal.nan : pal.inf, attributes: .bold)
                for r in 0..<rows { fill(area.maxY - 1 - r, v.isNaN ? glyphs.nanBar : glyphs.infBar, st) }
                fill(area.y, v.isNaN ? glyphs.nan : glyphs.infinity, st)
                continue
            }
            guard let f = scale.fraction(v) else {
                fill(area.maxY - 1, glyphs.zeroMark, cursor ? style : pal.mutedStyle)
                continue
            }
            let eighths = Int(min(Double(rows * 8), max(1, (f * Double(rows) * 8).rounded())))
            let full = eighths / 8, part = eighths % 8
            for r in 0..<full { fill(area.maxY - 1 - r, glyphs.eighths[8], style) }
            if part > 0 { fill(area.maxY - 1 - full, glyphs.eighths[part], style) }
            if scale.isAbove(v) { fill(area.y, glyphs.arrowUp, style.adding(.bold)) }
            if scale.isBelow(v) { fill(area.maxY - 1, glyphs.arrowDown, style) }
        }
    }
}
