import UnrollDraw
import UnrollEngine
import UnrollLab
import UnrollLessons

/// The unrolled network, one column per timestep: x_t, the state heatmaps (h, c, gates),
/// y_t, the per-step loss, then the gradient rows. Every row shares one `Timeline` and gutter.
enum TimelineView {
    /// One heatmap block: a caption row plus some of its units.
    struct HeatSection {
        var label: String
        var caption: String
        /// values[unit][t]
        var values: [[Double]]
        var range: ValueRange
        var focused: Bool
        /// Units shown (0 = caption only).
        var units = 0
        /// Whether the caption fits at all.
        var shown = false
    }

    static func draw(_ ctx: ViewContext, figures f: Figures, into buffer: inout Buffer) {
        let area = ctx.layout.timeline
        guard area.height > 0, area.width > ctx.gutter else { return }
        let focus = Set(ctx.state.currentPage?.focus ?? [])
        var sections = heatSections(ctx, f, focus: focus)
        let gradientFocused = focus.contains(.gradient) || focus.contains(.gain) || focus.contains(.bound)
        // Rows: x, y, loss, gain (1 each) + gradient caption + at least 3 bars.
        var avail = area.height - 4 - 1 - 3
        var bars = 3
        let order = sections.indices.sorted { (sections[$0].focused ? 0 : 1, $0) < (sections[$1].focused ? 0 : 1, $1) }
        for i in order where avail >= 2 { sections[i].shown = true; sections[i].units = 1; avail -= 2 }
        if gradientFocused { let extra = min(avail, 3); bars += extra; avail -= extra }
        for i in order where sections[i].shown && sections[i].focused {
            let add = min(avail, max(0, sections[i].values.count - sections[i].units))
            sections[i].units += add; avail -= add
        }
        if !gradientFocused { let extra = min(avail, 2); bars += extra; avail -= extra }
        for i in order where sections[i].shown && !sections[i].focused {
            let add = min(avail, max(0, sections[i].values.count - sections[i].units))
            sections[i].units += add; avail -= add
        }
        let ruler = avail > 0 && area.height >= 12
        if ruler { avail -= 1 }
        let extra = min(max(0, avail), 24 - bars)
        bars += max(0, extra)

        var y = area.y
        if ruler { drawRuler(ctx, f, y: y, into: &buffer); y += 1 }
        drawInputs(ctx, f, y: y, focused: focus.contains(.input), into: &buffer); y += 1
        let hidden = sections.filter { !$0.shown }.map(\.label)
        for (k, sec) in sections.enumerated() where sec.shown {
            var caption = sec.caption
            if sec.units < sec.values.count { caption += sec.units > 0 ? "  units 1–\(sec.units) of \(sec.values.count)" : "  (\(sec.values.count) units hidden)" }
            let lastShown = sections.indices.last { sections[$0].shown } == k
            if lastShown && !hidden.isEmpty { caption += "  not shown: " + hidden.joined(separator: ", ") }
            y = drawHeat(ctx, f, sec, caption: caption, y: y, into: &buffer)
        }
        drawOutputs(ctx, f, y: y, focused: focus.contains(.output), into: &buffer); y += 1
        drawLoss(ctx, f, y: y, focused: focus.contains(.loss), into: &buffer); y += 1
        GradientView.draw(ctx, figures: f, area: Rect(x: area.x, y: y, width: area.width, height: bars + 2),
                          focused: gradientFocused, into: &buffer)
    }

    /// The heatmap blocks for a cell: h, c (LSTM) and one per gate.
    static func heatSections(_ ctx: ViewContext, _ f: Figures, focus: Set<FocusRow>) -> [HeatSection] {
        let act = f.config.activation
        let hRange: ValueRange = f.config.cell == .rnn && act != .tanh && act != .sigmoid ? .auto : .symmetric(1)
        var out = [HeatSection(label: "h", caption: "h_t hidden state", values: Heatmap.rows(fromColumns: f.h),
                               range: hRange, focused: focus.contains(.hidden))]
        if let c = f.c {
            out.append(HeatSection(label: "c", caption: "c_t cell state (the memory lane)", values: Heatmap.rows(fromColumns: c),
                                   range: .auto, focused: focus.contains(.cell)))
        }
        for g in f.gates {
            let (symbol, row, sigmoid) = gateInfo(g.name)
            let caption = sigmoid ? "\(symbol)_t \(g.name) gate (0 closed … 1 open)" : "\(symbol)_t \(g.name) (tanh)"
            out.append(HeatSection(label: symbol, caption: caption, values: Heatmap.rows(fromColumns: g.values),
                                   range: sigmoid ? .span(0, 1) : .symmetric(1),
                                   focused: focus.contains(.gates) || row.map(focus.contains) == true))
        }
        return out
    }

    /// A gate's symbol, its focus row and whether it is a sigmoid gate.
    static func gateInfo(_ name: String) -> (String, FocusRow?, Bool) {
        switch name {
        case "input": return ("i", .inputGate, true)
        case "forget": return ("f", .forget, true)
        case "candidate": return ("g", .candidate, false)
        case "output": return ("o", .outputGate, true)
        case "reset": return ("r", .reset, true)
        case "update": return ("z", .update, true)
        case "new": return ("n", .new, false)
        default: return (String(name.prefix(1)), nil, true)
        }
    }

    /// How many columns the forward animation has revealed (all when not animating).
    static func revealed(_ ctx: ViewContext, _ f: Figures) -> Int {
        if case .forward(let r) = ctx.state.animation { return max(0, min(r, f.steps)) }
        return f.steps
    }

    /// Writes the gutter label of a row.
    static func gutterLabel(_ ctx: ViewContext, _ text: String, y: Int, focused: Bool, into buffer: inout Buffer) {
        let area = ctx.layout.timeline
        buffer.write(x: area.x, y: y, text, style: focused ? ctx.accent : ctx.muted, maxWidth: ctx.gutter - 1)
    }

    /// Draws a short text per visible column (clipped to the column width less one cell of spacing).
    static func drawColumns(_ ctx: ViewContext, count: Int, y: Int, into buffer: inout Buffer,
                            cell: (Int) -> (String, Style)) {
        let l = ctx.layout
        let plot = Rect(x: l.plotX, y: y, width: l.plotWidth, height: 1)
        let cw = ctx.timeline.columnWidth
        let room = max(1, cw - 1)
        for (t, x) in ctx.timeline.visible(count: count, x: plot.x, width: plot.width) {
            var (text, style) = cell(t)
            if t == ctx.state.cursor { style = style.adding(.reverse) }
            if text.count > room && (room < 2 || text.hasPrefix("-.")) { text.removeAll { $0 == "." } }
            let clipped = String(text.prefix(room))
            let padded = clipped + String(repeating: " ", count: max(0, room - clipped.count))
            buffer.write(x: x, y: y, padded, style: style, clip: plot)
        }
    }

    /// Timestep numbers every few columns (1-based, as the lessons count).
    static func drawRuler(_ ctx: ViewContext, _ f: Figures, y: Int, into buffer: inout Buffer) {
        gutterLabel(ctx, "t", y: y, focused: false, into: &buffer)
        let l = ctx.layout
        let plot = Rect(x: l.plotX, y: y, width: l.plotWidth, height: 1)
        let cw = ctx.timeline.columnWidth
        let every = cw >= 3 ? 5 : 10
        for (t, x) in ctx.timeline.visible(count: f.steps, x: plot.x, width: plot.width) {
            if t == ctx.state.cursor {
                buffer.write(x: x, y: y, String(t + 1), style: ctx.accent, clip: plot)
            } else if (t + 1) % every == 0 || t == 0, abs(t - ctx.state.cursor) * cw > 3 {
                buffer.write(x: x, y: y, String(t + 1), style: ctx.muted, clip: plot)
            }
        }
    }

    /// x_t: the input symbol or value; marked inputs (ending in `*`) highlighted.
    static func drawInputs(_ ctx: ViewContext, _ f: Figures, y: Int, focused: Bool, into buffer: inout Buffer) {
        gutterLabel(ctx, "x_t", y: y, focused: focused, into: &buffer)
        let mark = Style(fg: ctx.palette.reference, attributes: [.bold, .underline])
        drawColumns(ctx, count: f.steps, y: y, into: &buffer) { t in
            let raw = t < f.inputLabels.count ? f.inputLabels[t] : ""
            return compact(raw, marked: mark, plain: .plain)
        }
    }

    /// Shortens an input label to what a column can show: `0.42*` → `.42` underlined.
    static func compact(_ raw: String, marked: Style, plain: Style) -> (String, Style) {
        var text = raw
        var style = plain
        var isMarked = false
        if text.hasSuffix("*") { text.removeLast(); style = marked; isMarked = true }
        if text.hasPrefix("0.") { text.removeFirst() } else if text.hasPrefix("-0.") { text = "-" + text.dropFirst(2) }
        if isMarked { text = "*" + (text.hasPrefix(".") ? String(text.dropFirst()) : text) }
        if text == " " { text = "␣" }
        return (text, style)
    }

    /// One heatmap block: its caption with the legend, then the first `units` units.
    static func drawHeat(_ ctx: ViewContext, _ f: Figures, _ sec: HeatSection, caption: String, y: Int, into buffer: inout Buffer) -> Int {
        let area = ctx.layout.timeline
        gutterLabel(ctx, sec.label + "_t", y: y, focused: sec.focused, into: &buffer)
        let capArea = Rect(x: ctx.layout.plotX, y: y, width: ctx.layout.plotWidth, height: 1)
        let shownValues = sec.values.map { Array($0.prefix(revealed(ctx, f))) }
        var heat = Heatmap(values: shownValues, range: sec.range, timeline: ctx.timeline, cursorColumn: ctx.state.cursor,
                           rowLabels: (0..<sec.values.count).map { "\(sec.label)\($0 + 1)" }, gutterWidth: ctx.gutter,
                           glyphs: ctx.glyphs, mode: ctx.mode)
        let bounds = sec.range.bounds(for: sec.values)
        let legend = HeatmapLegend(low: bounds.low, high: bounds.high, glyphs: ctx.glyphs, mode: ctx.mode)
        let legendWidth = NumberFormat.short(bounds.low).count + NumberFormat.short(bounds.high).count + 2 + legend.scaleCells().count
        let captionRoom = capArea.width - legendWidth - 2
        if captionRoom >= displayWidth(caption) || (captionRoom >= 24 && sec.label == "h") {
            buffer.write(x: capArea.x, y: y, truncate(caption, to: captionRoom, ellipsis: ctx.glyphs.ellipsis),
                         style: sec.focused ? ctx.accent : ctx.muted, clip: capArea)
            legend.draw(into: &buffer, area: Rect(x: capArea.maxX - legendWidth, y: y, width: legendWidth, height: 1))
        } else {
            buffer.write(x: capArea.x, y: y, truncate(caption, to: capArea.width, ellipsis: ctx.glyphs.ellipsis),
                         style: sec.focused ? ctx.accent : ctx.muted, clip: capArea)
        }
        guard sec.units > 0 else { return y + 1 }
        heat.firstRow = 0
        heat.draw(into: &buffer, area: Rect(x: area.x, y: y + 1, width: area.width, height: sec.units))
        return y + 1 + sec.units
    }

    /// y_t: the predicted class (classification) or the first output value; scored steps in bold.
    static func drawOutputs(_ ctx: ViewContext, _ f: Figures, y: Int, focused: Bool, into buffer: inout Buffer) {
        gutterLabel(ctx, "y_t", y: y, focused: focused, into: &buffer)
        let shown = revealed(ctx, f)
        drawColumns(ctx, count: shown, y: y, into: &buffer) { t in
            let scored = t < f.scored.count && f.scored[t]
            let text: String
            if let p = f.predictions, t < p.count { text = p[t] }
            else if t < f.y.count, let v = f.y[t].first { text = compact(NumberFormat.short(v, digits: 2), marked: .plain, plain: .plain).0 }
            else { text = "" }
            return (text, scored ? Style(attributes: .bold) : ctx.muted)
        }
    }

    /// ℓ_t: the per-step loss as an eighth-block bar (unscored steps dim: they are not part of L).
    static func drawLoss(_ ctx: ViewContext, _ f: Figures, y: Int, focused: Bool, into buffer: inout Buffer) {
        gutterLabel(ctx, "loss", y: y, focused: focused, into: &buffer)
        let shown = revealed(ctx, f)
        let top = f.stepLoss.filter(\.isFinite).max() ?? 0
        let g = ctx.glyphs
        drawColumns(ctx, count: shown, y: y, into: &buffer) { t in
            let v = t < f.stepLoss.count ? f.stepLoss[t] : 0
            let scored = t < f.scored.count && f.scored[t]
            if v.isNaN { return (String(g.nan), Style(fg: ctx.palette.nan, attributes: .bold)) }
            if v.isInfinite { return (String(g.infinity), Style(fg: ctx.palette.inf, attributes: .bold)) }
            if v == 0 { return (String(g.dot), ctx.muted) }
            let level = top > 0 ? max(1, min(8, Int((v / top * 8).rounded()))) : 1
            // Unscored steps still have a loss; it is drawn dim because it is not part of L.
            return (String(repeating: String(g.eighths[level]), count: 2), scored ? Style(fg: ctx.palette.bad) : ctx.muted)
        }
    }
}
