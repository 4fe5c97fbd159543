import Foundation
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
        /// The claim name of the figure (`h`, `forget_gate`, …).
        var figure: String
        /// values[unit][t]
        var values: [[Double]]
        var range: ValueRange
        var focused: Bool
        /// Names of the rows (default: label and unit number, `h3`).
        var rowLabels: [String]? = nil
        /// The caption in a few words, for narrow screens (nil: the label alone).
        var shortCaption: String? = nil
        /// Rows of the timeline left out for lack of room ("p, dL/dc"), said on the last heatmap shown.
        var notShown: String? = nil
    }

    /// Draws the timeline of panel `panel` into `area`.
    static func draw(_ ctx: ViewContext, figures f: Figures, panel: Int, area: Rect, into buffer: inout Buffer) {
        guard area.height > 0, area.width > ctx.gutter else { return }
        let focus = Set(ctx.state.currentPage?.focus ?? [])
        let sections = heatSections(ctx, f, focus: focus)
        let plan = TimelineRows(sections: sections, figures: f, focus: focus, height: area.height,
                                labelsNote: labelsNote(ctx, f) != nil,
                                scrolls: ctx.timeline.columnWidth * f.steps > max(0, area.width - ctx.gutter),
                                generating: ctx.state.scene.panels[panel].generation != nil,
                                plottable: f.denseInputs?.first?.count == 1 && f.y.first?.count == 1)
        let hidden = sections.indices.filter { plan.height(.heat($0)) == 0 }.map { sections[$0].label }
        let lastShownHeat = sections.indices.last { plan.height(.heat($0)) > 0 }
        var y = area.y
        for row in plan.rows where row.rows > 0 {
            let rect = Rect(x: area.x, y: y, width: area.width, height: row.rows)
            switch row.kind {
            case .ruler: drawRuler(ctx, f, area: rect, into: &buffer)
            case .inputs:
                drawInputs(ctx, f, area: rect, focused: focus.contains(.input), into: &buffer)
                ctx.mark("x", panel: panel)
            case .generation:
                GenerationView.drawCaption(ctx, panel: panel, area: rect, into: &buffer)
            case .plot:
                GenerationView.drawPlot(ctx, f, panel: panel, area: rect, into: &buffer)
            case .attention:
                GenerationView.drawAttention(ctx, f, area: rect, into: &buffer)
                ctx.mark("attention", panel: panel)
            case .labelsNote:
                // Whole parts only: a note cut mid-number would show another number.
                let plot = plot(ctx, rect)
                buffer.write(x: plot.x, y: rect.y, fitWhole(labelsNote(ctx, f) ?? "", width: plot.width, ellipsis: ctx.glyphs.ellipsis),
                             style: ctx.muted, clip: plot)
            case .heat(let k):
                var sec = sections[k]
                if k == lastShownHeat && !hidden.isEmpty { sec.notShown = "not shown: " + hidden.joined(separator: ", ") }
                drawHeat(ctx, f, sec, area: rect, into: &buffer)
                ctx.mark(sec.figure, panel: panel)
                if sec.figure == "p", f.probabilities?.legal != nil { ctx.mark("legal", panel: panel) }
            case .outputs:
                drawOutputs(ctx, f, area: rect, focused: focus.contains(.output), into: &buffer)
                ctx.mark("y", "prediction", "correct", panel: panel)
            case .targets:
                gutterLabel(ctx, "target", x: rect.x, y: rect.y, focused: true, into: &buffer)
                drawLabels(ctx, rowLabels(f.targetLabels, room: max(1, ctx.timeline.columnWidth - 1), glyphs: ctx.glyphs), count: f.steps, area: rect,
                           style: { _ in Style(attributes: .bold) }, into: &buffer)
                ctx.mark("target", panel: panel)
            case .loss:
                drawLoss(ctx, f, area: rect, focused: focus.contains(.loss), into: &buffer)
                ctx.mark("step_loss", "scored", panel: panel)
            case .dh:
                GradientView.drawHidden(ctx, figures: f, area: rect, focused: focus.contains(.gradient), into: &buffer)
                ctx.mark("dh", panel: panel)
            case .dc:
                GradientView.drawCell(ctx, figures: f, area: rect, focused: focus.contains(.cellGradient), into: &buffer)
                ctx.mark("dc", panel: panel)
            case .gain:
                GradientView.drawGain(ctx, figures: f, area: rect, focused: focus.contains(.gain), into: &buffer)
                ctx.mark("gain", panel: panel)
            case .reach:
                GradientView.drawReach(ctx, figures: f, area: rect, into: &buffer)
                if f.reachComputed { ctx.mark("reach", panel: panel) }
                if f.config.cell == .rnn { ctx.mark("bound", panel: panel) }
            }
            y += row.rows
        }
    }

    /// The heatmap blocks for a cell: h, c (LSTM) and one per gate.
    static func heatSections(_ ctx: ViewContext, _ f: Figures, focus: Set<FocusRow>) -> [HeatSection] {
        let act = f.config.activation
        let hRange: ValueRange = f.config.cell == .rnn && act != .tanh && act != .sigmoid ? .auto : .symmetric(1)
        var out = [HeatSection(label: "h", caption: "h_t hidden state", figure: "h", values: Heatmap.rows(fromColumns: f.h),
                               range: hRange, focused: focus.contains(.hidden), shortCaption: "h_t hidden state")]
        if let c = f.c {
            out.append(HeatSection(label: "c", caption: "c_t cell state (the memory lane)", figure: "c", values: Heatmap.rows(fromColumns: c),
                                   range: .auto, focused: focus.contains(.cell), shortCaption: "c_t cell state"))
        }
        // p_t = softmax(y_t), one row per output symbol (target ●, legal next symbols ◦).
        if let p = f.probabilities, p.names.count <= 40 {
            out.append(HeatSection(label: "p", caption: "p_t = softmax(y_t), one row per symbol: \(ctx.glyphs.point) target" + (p.legal != nil ? ", ◦ legal next" : ""),
                                   figure: "p", values: Heatmap.rows(fromColumns: p.p), range: .span(0, 1),
                                   focused: focus.contains(.probability), rowLabels: p.names,
                                   shortCaption: "p_t \(ctx.glyphs.point) target" + (p.legal != nil ? " ◦ legal" : "")))
        }
        for g in f.gates {
            let info = gateInfo(g.name)
            let caption = info.sigmoid ? "\(info.symbol)_t \(g.name) gate (0 closed … 1 open)" : "\(info.symbol)_t \(g.name) (tanh)"
            out.append(HeatSection(label: info.symbol, caption: caption, figure: info.figure, values: Heatmap.rows(fromColumns: g.values),
                                   range: info.sigmoid ? .span(0, 1) : .symmetric(1),
                                   focused: focus.contains(.gates) || info.row.map(focus.contains) == true,
                                   shortCaption: "\(info.symbol)_t \(g.name)"))
        }
        return out
    }

    /// A gate's symbol, its focus row, whether it is a sigmoid gate, and its claim name.
    static func gateInfo(_ name: String) -> (symbol: String, row: FocusRow?, sigmoid: Bool, figure: String) {
        switch name {
        case "input": return ("i", .inputGate, true, "input_gate")
        case "forget": return ("f", .forget, true, "forget_gate")
        case "candidate": return ("g", .candidate, false, "candidate")
        case "output": return ("o", .outputGate, true, "output_gate")
        case "reset": return ("r", .reset, true, "reset")
        case "update": return ("z", .update, true, "update")
        case "new": return ("n", .new, false, "new")
        default: return (String(name.prefix(1)), nil, true, name)
        }
    }

    /// Marks, over the probability rows, each scored step's target (●) and, for the Reber
    /// grammars, the symbols that may legally come next (◦), keeping the cell's colour.
    static func markProbabilities(_ ctx: ViewContext, _ p: OutputProbabilities, firstRow: Int, area: Rect, into buffer: inout Buffer) {
        let plot = plot(ctx, area)
        for (t, x) in ctx.timeline.visible(count: p.p.count, x: plot.x, width: plot.width) {
            for r in 0..<area.height {
                let k = firstRow + r
                var glyph: Character? = nil
                if let legal = p.legal?[t], legal.contains(k) { glyph = ctx.glyphs.asciiOnly ? "o" : "◦" }
                if p.targets[t] == k { glyph = ctx.glyphs.point }
                guard let g = glyph, let cell = buffer[x, area.y + r] else { continue }
                var style = cell.style
                style.attributes.insert(.bold)
                buffer.put(x: x, y: area.y + r, g, style: style, clip: plot)
            }
        }
    }

    /// How many columns the forward animation has revealed (all when not animating).
    static func revealed(_ ctx: ViewContext, _ f: Figures) -> Int {
        if case .forward(let r) = ctx.state.animation { return max(0, min(r, f.steps)) }
        return f.steps
    }

    /// Writes the gutter label of a row.
    static func gutterLabel(_ ctx: ViewContext, _ text: String, x: Int, y: Int, focused: Bool, into buffer: inout Buffer) {
        buffer.write(x: x, y: y, text, style: focused ? ctx.accent : ctx.muted, maxWidth: ctx.gutter - 1)
    }

    /// The plot part of a row area (right of the gutter).
    static func plot(_ ctx: ViewContext, _ area: Rect) -> Rect { area.inset(left: ctx.gutter) }

    /// Draws a short text per visible column (clipped to the column width less one cell of spacing).
    static func drawColumns(_ ctx: ViewContext, count: Int, area: Rect, into buffer: inout Buffer,
                            cell: (Int) -> (String, Style)) {
        let plot = plot(ctx, area)
        let cw = ctx.timeline.columnWidth
        let room = max(1, cw - 1)
        for (t, x) in ctx.timeline.visible(count: count, x: plot.x, width: plot.width) where x + room <= plot.maxX {
            // (a column cut by the edge would show part of a label: it is left empty)
            var (text, style) = cell(t)
            if t == ctx.state.cursor { style = style.adding(.reverse) }
            if displayWidth(text) > room { text = String(ctx.glyphs.ellipsis) }  // callers fit their labels; never cut one
            let clipped = text
            let padded = clipped + String(repeating: " ", count: max(0, room - displayWidth(clipped)))
            buffer.write(x: x, y: area.y, padded, style: style, clip: Rect(x: plot.x, y: area.y, width: plot.width, height: 1))
        }
    }

    /// Timestep numbers every few columns (1-based, as the lessons count).
    static func drawRuler(_ ctx: ViewContext, _ f: Figures, area: Rect, into buffer: inout Buffer) {
        gutterLabel(ctx, "t", x: area.x, y: area.y, focused: false, into: &buffer)
        let plot = plot(ctx, area)
        let cw = ctx.timeline.columnWidth
        let every = cw >= 3 ? 5 : 10
        var row = Rect(x: plot.x, y: area.y, width: plot.width, height: 1)
        let visible = ctx.timeline.visible(count: f.steps, x: plot.x, width: plot.width)
        let whole = visible.filter { $0.x + cw <= plot.maxX }
        if let first = whole.first?.t, let last = whole.last?.t, first > 0 || last < f.steps - 1 {
            // Not every step fits: say which are shown and that ←/→ scroll.
            let note = " steps \(first + 1)–\(last + 1) of \(f.steps) \(ctx.glyphs.arrowLeft)\(ctx.glyphs.arrowRight)"
            let w = displayWidth(note)
            buffer.write(x: plot.maxX - w, y: area.y, note, style: ctx.accent, clip: row)
            row = Rect(x: plot.x, y: area.y, width: max(0, plot.width - w - 1), height: 1)
        }
        for (t, x) in visible {
            if t == ctx.state.cursor {
                buffer.write(x: x, y: area.y, String(t + 1), style: ctx.accent, clip: row)
            } else if (t + 1) % every == 0 || t == 0, abs(t - ctx.state.cursor) * cw > 3,
                      x + String(t + 1).count <= row.maxX {  // a number cut short would read as another
                buffer.write(x: x, y: area.y, String(t + 1), style: ctx.muted, clip: row)
            }
        }
    }

    /// A row of per-step labels as the columns can show them: text, or bars on the row's scale.
    enum RowLabels {
        case text([String], note: String?, legend: [(String, String)])
        /// Values drawn as eighth-block bars between `low` and `high` (marked steps emphasised).
        case bars([Double?], marks: [String], low: Double, high: Double)

        var note: String? {
            switch self {
            case .text(_, let note, let legend):
                guard let note else { return nil }
                if legend.isEmpty { return note }
                return note + ": " + legend.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            case .bars(let values, let marks, let lo, let hi):
                _ = values
                return "as bars \(NumberFormat.short(lo))…\(NumberFormat.short(hi))" + (marks.contains { !$0.isEmpty } ? ", * marked" : "")
            }
        }
    }

    /// The labels of a row: numbers when every label is a number, else tokens.
    static func rowLabels(_ labels: [String], room: Int, glyphs: Glyphs) -> RowLabels {
        // Several numbers per step ("0.56 1.09"): the row shows the first; the inspector has all.
        let parts = labels.map { $0.split(separator: " ").map(String.init) }
        if parts.contains(where: { $0.count > 1 }), parts.allSatisfy({ $0.allSatisfy { Double($0) != nil } }) {
            let first = rowLabels(parts.map { $0.first ?? "" }, room: room, glyphs: glyphs)
            if case .bars(let v, let m, let lo, let hi) = first { return .bars(v, marks: m, low: lo, high: hi) }
            if case .text(let t, _, _) = first { return .text(t, note: "shows the first of \(parts.map(\.count).max() ?? 2) numbers per step (all in the inspector)", legend: []) }
        }
        let parsed = labels.map(ColumnLabels.parse)
        let numeric = !labels.isEmpty && zip(labels, parsed).allSatisfy { $0.0.isEmpty || $0.1.value != nil }
        if numeric {
            let values = parsed.map(\.value)
            let marks = parsed.map(\.mark)
            if let texts = ColumnLabels.numbers(values, marks: marks, room: room) { return .text(texts, note: nil, legend: []) }
            let finite = values.compactMap { $0 }.filter(\.isFinite)
            return .bars(values, marks: marks, low: finite.min() ?? 0, high: finite.max() ?? 1)
        }
        let c = ColumnLabels(tokens: labels, room: room, glyphs: glyphs)
        return .text(c.texts, note: c.note, legend: c.legend)
    }

    /// The input labels of the figures at the current column width. Vectors the task labels
    /// with a picture (a row of pixels) are drawn as bars of their mean when the picture does not fit.
    static func inputRow(_ ctx: ViewContext, _ f: Figures) -> RowLabels {
        let room = max(1, ctx.timeline.columnWidth - 1)
        if case .vectors(let rows) = f.example.input, rows.contains(where: { $0.count > 2 }),
           f.inputLabels.contains(where: { ColumnLabels.parse($0).value == nil && displayWidth($0) > room }) {
            let means = rows.map { $0.isEmpty ? 0 : $0.reduce(0, +) / Double($0.count) }
            return .bars(means, marks: [], low: means.min() ?? 0, high: means.max() ?? 1)
        }
        return rowLabels(f.inputLabels, room: room, glyphs: ctx.glyphs)
    }

    /// The output labels: predicted classes, or the first output value.
    static func outputRow(_ ctx: ViewContext, _ f: Figures) -> RowLabels {
        let labels: [String]
        if let p = f.predictions { labels = p } else { labels = f.y.map { $0.first.map { "\($0)" } ?? "" } }
        return rowLabels(labels, room: max(1, ctx.timeline.columnWidth - 1), glyphs: ctx.glyphs)
    }

    /// Draws a labels row; marked inputs (`*`) are emphasised.
    /// Steps from `padFrom` on are padding: they say so, muted, instead of looking like data.
    static func drawLabels(_ ctx: ViewContext, _ row: RowLabels, count: Int, area: Rect, padFrom: Int? = nil,
                           style: (Int) -> Style, into buffer: inout Buffer) {
        let mark = Style(fg: ctx.palette.reference, attributes: [.bold, .underline])
        let pad = ctx.timeline.columnWidth - 1 >= 3 ? "pad" : String(ctx.glyphs.zeroMark)
        switch row {
        case .text(let texts, _, _):
            drawColumns(ctx, count: count, area: area, into: &buffer) { t in
                if let padFrom, t >= padFrom { return (pad, ctx.muted) }
                let text = t < texts.count ? texts[t] : ""
                let marked = text.hasPrefix("*") || text.hasSuffix("|")
                return (text == " " ? "␣" : text, marked ? mark : style(t))
            }
        case .bars(let values, let marks, let lo, let hi):
            let g = ctx.glyphs
            drawColumns(ctx, count: count, area: area, into: &buffer) { t in
                if let padFrom, t >= padFrom { return (pad, ctx.muted) }
                guard t < values.count, let v = values[t] else { return ("", style(t)) }
                if v.isNaN { return (String(g.nan), Style(fg: ctx.palette.nan, attributes: .bold)) }
                if v.isInfinite { return (String(g.infinity), Style(fg: ctx.palette.inf, attributes: .bold)) }
                // A marked step shows its mark (the value is in the inspector): it must stand out.
                if t < marks.count && !marks[t].isEmpty { return (marks[t], mark) }
                let level = hi > lo ? 1 + Int(((v - lo) / (hi - lo) * 7).rounded()) : 4
                return (String(g.eighths[max(1, min(8, level))]), style(t))
            }
        }
    }

    /// x_t: the input symbol or value.
    static func drawInputs(_ ctx: ViewContext, _ f: Figures, area: Rect, focused: Bool, into buffer: inout Buffer) {
        gutterLabel(ctx, "x_t", x: area.x, y: area.y, focused: focused, into: &buffer)
        drawLabels(ctx, inputRow(ctx, f), count: f.steps, area: area, padFrom: f.paddedFrom, style: { _ in .plain }, into: &buffer)
    }

    /// y_t: the predicted class (classification) or the first output value; scored steps in bold.
    static func drawOutputs(_ ctx: ViewContext, _ f: Figures, area: Rect, focused: Bool, into buffer: inout Buffer) {
        gutterLabel(ctx, "y_t", x: area.x, y: area.y, focused: focused, into: &buffer)
        // Scored steps: right in bold (green), wrong underlined (red) by the task's own rule.
        let correct = f.correct
        drawLabels(ctx, outputRow(ctx, f), count: revealed(ctx, f), area: area, style: { t in
            guard t < f.scored.count, f.scored[t] else { return ctx.muted }
            switch t < correct.count ? correct[t] : nil {
            case true?: return Style(fg: ctx.palette.good, attributes: .bold)
            case false?: return Style(fg: ctx.palette.bad, attributes: [.bold, .underline])
            case nil: return Style(attributes: .bold)
            }
        }, into: &buffer)
    }

    /// A note cut only between its parts ("; "), then between words, so no number is cut into
    /// another: "x_t as bars -0.99…1 (values: inspector)" never ends in "-0.…".
    static func fitWhole(_ note: String, width: Int, ellipsis: Character) -> String {
        guard displayWidth(note) > width else { return note }
        var text = ""
        for part in note.components(separatedBy: "; ") {
            let next = text.isEmpty ? part : text + "; " + part
            if displayWidth(next) <= width { text = next } else { break }
        }
        if !text.isEmpty { return text }
        var words: [Substring] = []
        for w in note.split(separator: " ") {
            let next = (words + [w]).joined(separator: " ") + String(ellipsis)
            if displayWidth(next) <= width { words.append(w) } else { break }
        }
        return words.isEmpty ? "" : words.joined(separator: " ") + String(ellipsis)
    }

    /// Whether a labels row draws bars or keys (then its note must be on screen).
    static func labelsNeedNote(_ ctx: ViewContext, _ f: Figures) -> Bool {
        [inputRow(ctx, f), outputRow(ctx, f)].contains { row in
            switch row {
            case .bars: return true
            case .text(_, _, let legend): return !legend.isEmpty
            }
        }
    }

    /// What the x_t and y_t rows say about how they are written, on one row (nil: nothing to say).
    static func labelsNote(_ ctx: ViewContext, _ f: Figures) -> String? {
        var parts = [inputRow(ctx, f).note.map { "x_t " + $0 }, outputRow(ctx, f).note.map { "y_t " + $0 }].compactMap { $0 }
        if let p = f.paddedFrom {
            parts.insert(p + 1 == f.steps ? "step \(f.steps) is padding" : "steps \(p + 1)–\(f.steps) are padding", at: 0)
        }
        guard !parts.isEmpty else { return nil }
        if labelsNeedNote(ctx, f) { parts.append("exact values in the inspector") }
        return parts.joined(separator: "; ")
    }

    /// The caption of a heatmap block, the longest that fits `room`: which units are shown comes
    /// before the row's description, so a narrow screen still says where the unit scroll is.
    static func heatCaption(_ sec: HeatSection, first: Int, shown: Int, units: Int, room: Int) -> String {
        let name = sec.label + "_t", short = sec.shortCaption ?? name
        var unitsLong: String?, unitsShort: String?
        if shown < units && shown > 0 {
            let (one, many) = sec.figure == "p" ? ("symbol", "symbols") : ("unit", "units")
            let which = shown == 1 ? "\(one) \(first + 1)" : "\(many) \(first + 1)–\(first + shown)"
            unitsLong = "\(which) of \(units) (u/U scroll)"
            unitsShort = "\(which) of \(units), u/U"
        }
        let candidates: [[String?]] = [
            [sec.caption, unitsLong, sec.notShown],
            [sec.caption, unitsShort, sec.notShown],
            [short, unitsShort, sec.notShown],
            [sec.caption, unitsShort],
            [short, unitsShort],
            [name, unitsShort],
        ]
        let joined = candidates.map { $0.compactMap { $0 }.joined(separator: "  ") }
        return joined.first { displayWidth($0) <= room } ?? joined.last!
    }

    /// One heatmap block: its caption with the legend, then the units that fit, from the unit scroll.
    static func drawHeat(_ ctx: ViewContext, _ f: Figures, _ sec: HeatSection, area: Rect, into buffer: inout Buffer) {
        let y = area.y
        gutterLabel(ctx, sec.label + "_t", x: area.x, y: y, focused: sec.focused, into: &buffer)
        let capArea = Rect(x: area.x + ctx.gutter, y: y, width: max(0, area.width - ctx.gutter), height: 1)
        let units = sec.values.count
        let shownUnits = max(0, area.height - 1)
        let first = shownUnits >= units ? 0 : max(0, min(ctx.state.unitScroll, units - shownUnits))
        let shownValues = sec.values.map { Array($0.prefix(revealed(ctx, f))) }
        // Values that span decades (a ReLU state in the thousands beside units near 0) get a
        // log-compressed scale, named in the legend, so small ones still show.
        let scale = HeatScale.auto(for: sec.values)
        var heat = Heatmap(values: shownValues, range: sec.range, scale: scale, timeline: ctx.timeline, cursorColumn: ctx.state.cursor,
                           rowLabels: sec.rowLabels ?? (0..<units).map { "\(sec.label)\($0 + 1)" }, gutterWidth: ctx.gutter,
                           glyphs: ctx.glyphs, mode: ctx.mode)
        let bounds = sec.range.bounds(for: sec.values)
        let legend = HeatmapLegend(low: bounds.low, high: bounds.high, scale: scale, glyphs: ctx.glyphs, mode: ctx.mode)
        let legendWidth = legend.width
        let captionRoom = capArea.width - legendWidth - 2
        let caption = heatCaption(sec, first: first, shown: shownUnits, units: units, room: captionRoom)
        let style = sec.focused ? ctx.accent : ctx.muted
        if captionRoom >= displayWidth(caption) || (captionRoom >= 24 && sec.label == "h") {
            buffer.write(x: capArea.x, y: y, truncate(caption, to: captionRoom, ellipsis: ctx.glyphs.ellipsis), style: style, clip: capArea)
            legend.draw(into: &buffer, area: Rect(x: capArea.maxX - legendWidth, y: y, width: legendWidth, height: 1))
        } else {
            buffer.write(x: capArea.x, y: y, truncate(caption, to: capArea.width, ellipsis: ctx.glyphs.ellipsis), style: style, clip: capArea)
        }
        guard shownUnits > 0 else { return }
        heat.firstRow = first
        let cells = Rect(x: area.x, y: y + 1, width: area.width, height: shownUnits)
        heat.draw(into: &buffer, area: cells)
        if sec.figure == "p", let p = f.probabilities { markProbabilities(ctx, p, firstRow: first, area: cells, into: &buffer) }
    }

    /// ℓ_t: the per-step loss as bars on a labelled scale that compares it with the task's trivial
    /// answer (so 1e-3 looks small); nothing at steps that are not scored (they are not part of L).
    /// With two rows the first names the scale.
    static func drawLoss(_ ctx: ViewContext, _ f: Figures, area: Rect, focused: Bool, into buffer: inout Buffer) {
        let reference = ctx.state.experiment?.task.baselineLoss
            ?? (f.config.loss == .crossEntropy ? Foundation.log(Double(max(2, f.config.outputSize))) : nil)
        let scale = BarScale.forLoss(f.stepLoss, scored: f.scored, reference: reference)
        var bars = area
        if area.height >= 2 {
            let plot = plot(ctx, area)
            let caption = "ℓ_t, the loss at each scored step (\(scale.name) scale)"
            buffer.write(x: plot.x, y: area.y, truncate(caption, to: plot.width, ellipsis: ctx.glyphs.ellipsis),
                         style: focused ? ctx.accent : ctx.muted, clip: plot)
            gutterLabel(ctx, "loss", x: area.x, y: area.y, focused: focused, into: &buffer)
            bars = area.inset(top: 1)
        } else {
            gutterLabel(ctx, "loss", x: area.x, y: area.y, focused: focused, into: &buffer)
        }
        if area.height < 2 {
            // One row: the gutter names the scale.
            let tag: String
            switch scale { case .log: tag = "ℓ log"; case .linear: tag = "ℓ≤" + scale.topLabel }
            buffer.fill(Rect(x: area.x, y: area.y, width: ctx.gutter - 1, height: 1))
            gutterLabel(ctx, tag, x: area.x, y: area.y, focused: focused, into: &buffer)
        }
        let shown = revealed(ctx, f)
        BarRow(values: Array(f.stepLoss.prefix(shown)), scored: f.scored, scale: scale, timeline: ctx.timeline,
               cursorColumn: ctx.state.cursor, gutterWidth: area.height >= 2 ? ctx.gutter : 0, glyphs: ctx.glyphs, mode: ctx.mode)
            .draw(into: &buffer, area: area.height >= 2 ? bars : bars.inset(left: ctx.gutter))
    }
}
