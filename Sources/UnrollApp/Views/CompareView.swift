import Foundation
import UnrollDraw
import UnrollEngine
import UnrollLab

/// `c`: 2–4 panels on the same inputs, stacked, their ‖dL/dh_t‖ (and an LSTM's ‖dL/dc_t‖) on one
/// shared log axis; once they train, each with its loss and ‖dL/dh_1‖ over the updates on shared
/// scales.
enum CompareView {
    /// The shared axis: the union of every panel's fitted axis.
    static func sharedAxis(_ panels: [Panel]) -> LogAxis {
        var axis: LogAxis? = nil
        for p in panels {
            guard let f = p.figures else { continue }
            let a = LogAxis.fitting(f.dh + (f.dc ?? []))
            axis = axis.map { $0.union(a) } ?? a
        }
        return axis ?? LogAxis(minDecade: -3, maxDecade: 0)
    }

    static func draw(_ ctx: ViewContext, into buffer: inout Buffer) {
        let s = ctx.state
        // The panels take the whole width: each caption carries its value at the cursor, so
        // there is no inspector column.
        let area = ctx.layout.timeline
        guard area.height >= 3, area.width > ctx.gutter else { return }
        let panels = s.scene.panels
        let axis = sharedAxis(panels)
        var y = area.y
        if let f = s.figures {
            TimelineView.drawInputs(ctx, f, area: Rect(x: area.x, y: y, width: area.width, height: 1), focused: false, into: &buffer)
            y += 1
        }
        let plot = Rect(x: area.x + ctx.gutter, y: y, width: area.width - ctx.gutter, height: 1)
        var title = "‖dL/dh_t‖ of each model, one shared log axis \(axis.label(axis.minDecade))…\(axis.label(axis.maxDecade))"
        let baseline = s.experiment?.task.baselineLoss.map { "   task baseline loss \(NumberFormat.short($0))" } ?? ""
        if displayWidth(title + baseline) <= plot.width {
            title += baseline
            if !baseline.isEmpty { for i in panels.indices { ctx.mark("baseline_loss", panel: i) } }
        }
        buffer.write(x: plot.x, y: y, truncate(title, to: plot.width, ellipsis: ctx.glyphs.ellipsis), style: ctx.accent, clip: plot)
        y += 1
        let training = s.scene.hasTraining
        let lossScale = training ? scale(panels.compactMap { $0.training?.run.losses }) : nil
        let firstScale = training ? scale(panels.compactMap { $0.training?.run.firstStepGradients }) : nil
        let n = max(1, panels.count)
        let room = area.maxY - y
        let each = max(2, room / n)
        var spare = max(0, room - each * n)
        for (i, p) in panels.enumerated() {
            guard y + 1 < area.maxY else { break }
            let extra = spare > 0 ? 1 : 0
            spare -= extra
            let block = Rect(x: area.x, y: y, width: area.width, height: min(each + extra, area.maxY - y))
            let captionRows = drawCaption(ctx, p, index: i, selected: i == s.scene.selected, area: block, into: &buffer)
            var rest = block.inset(top: captionRows)
            if let t = p.training, rest.height >= 2, let ls = lossScale, let fs = firstScale {
                drawCurves(ctx, t.run, index: i, loss: ls, first: fs, baseline: p.experiment?.task.baselineLoss,
                           area: Rect(x: rest.x, y: rest.y, width: rest.width, height: 1), into: &buffer)
                rest = rest.inset(top: 1)
            }
            if let f = p.figures, rest.height >= 1 {
                if let dc = f.dc, rest.height >= 2 {
                    let top = (rest.height + 1) / 2
                    GradientView.bars(ctx, f.dh, axis: axis, area: Rect(x: rest.x, y: rest.y, width: rest.width, height: top), into: &buffer)
                    GradientView.bars(ctx, dc, axis: axis, area: Rect(x: rest.x, y: rest.y + top, width: rest.width, height: rest.height - top), into: &buffer)
                    // Which half is which, at the right edge of each.
                    buffer.write(x: rest.maxX - 9, y: rest.y, " ‖dL/dh‖ ", style: ctx.muted, clip: rest)
                    buffer.write(x: rest.maxX - 9, y: rest.y + top, " ‖dL/dc‖ ", style: ctx.muted, clip: rest)
                    ctx.mark("dc", panel: i)
                } else {
                    GradientView.bars(ctx, f.dh, axis: axis, area: rest, into: &buffer)
                }
                if let k = p.settings.truncation { GradientView.drawCuts(ctx, every: k, steps: f.steps, area: rest, into: &buffer) }
                ctx.mark("dh", panel: i)
            }
            y += block.height
        }
    }

    /// The caption of a panel: its label (marked when selected) and its figures, whole fields
    /// only, on one row or, when the block is tall enough, two. Returns the rows used.
    @discardableResult
    static func drawCaption(_ ctx: ViewContext, _ p: Panel, index i: Int, selected: Bool, area: Rect, into buffer: inout Buffer) -> Int {
        let marker = selected ? "\(ctx.glyphs.arrowRight) " : "  "
        let rows = area.height >= 5 ? 2 : 1
        var x = area.x, y = area.y
        x += buffer.write(x: x, y: y, marker + p.label, style: selected ? ctx.accent : Style(attributes: .bold),
                          clip: Rect(x: area.x, y: y, width: area.width, height: 1))
        guard let f = p.figures else {
            buffer.write(x: x, y: y, "  can't build: \(p.problem ?? "unknown problem")", style: ctx.muted,
                         clip: Rect(x: area.x, y: y, width: area.width, height: 1))
            return 1
        }
        var fields: [(String, [String])] = []
        if let t = p.training { fields.append((TrainingStrip.shortStatus(t), ["iteration"])) }
        if let h = p.heldOut, p.training?.status.isRunning != true {
            fields.append(("held-out \(NumberFormat.short(h.loss))", ["heldout_loss"]))
            if let a = h.accuracy { fields.append(("accuracy \(TrainingStrip.percent(a))\(TrainingStrip.within(p))", ["accuracy"])) }
        }
        fields.append(("dh[1]/dh[T] \(ratio(f))", []))
        let g = f.gradientNorm
        if let c = p.settings.clipNorm {
            fields.append(("‖g‖ \(NumberFormat.short(g))\(ctx.glyphs.arrowRight)\(NumberFormat.short(g.isFinite ? min(g, c) : c))", ["grad_norm"]))
        } else {
            fields.append(("‖g‖ \(NumberFormat.short(g))", ["grad_norm"]))
        }
        if let v = p.settings.clipValue { fields.append(("entries ≤ ±\(NumberFormat.short(v))", [])) }
        if let u = p.updateNorm { fields.append(("step ‖Δθ‖ \(NumberFormat.short(u))", ["update_norm"])) }
        fields.append(("L=\(NumberFormat.short(f.loss))", ["loss"]))
        let t = ctx.state.cursor
        if t < f.dh.count { fields.append(("‖dL/dh_\(t + 1)‖ \(NumberFormat.short(f.dh[t]))", [])) }
        if f.config.cell == .rnn { fields.append(("σmax·γ=\(NumberFormat.short(f.sigmaMax * f.gamma))", ["sigma_max", "gamma"])) }
        var used = 1
        for (text, names) in fields {
            let w = displayWidth(text) + 2
            if x + w > area.maxX {
                guard used < rows else { continue }
                used += 1
                y += 1
                x = area.x + 2 + displayWidth(p.label)
            }
            x += buffer.write(x: x, y: y, "  " + text, style: ctx.muted, clip: Rect(x: area.x, y: y, width: area.width, height: 1))
            for name in names { ctx.mark(name, panel: i) }
        }
        return used
    }

    /// A shared log scale for one kind of curve across panels: (low, high) decades of the data.
    static func scale(_ series: [[Double]]) -> (Double, Double) {
        var lo = Double.infinity, hi = -Double.infinity
        for s in series { for v in s where v > 0 && v.isFinite { lo = min(lo, v); hi = max(hi, v) } }
        guard lo.isFinite else { return (0, 1) }
        let a = Foundation.log10(lo), b = Foundation.log10(hi)
        return b > a ? (a, b) : (a - 0.5, a + 0.5)
    }

    /// One row: the loss over the updates (left) and ‖dL/dh_1‖ over the updates (right), each on
    /// the scale every panel shares, as eighth blocks.
    static func drawCurves(_ ctx: ViewContext, _ run: TrainingRun, index i: Int, loss: (Double, Double), first: (Double, Double),
                           baseline: Double?, area: Rect, into buffer: inout Buffer) {
        let half = (area.width - ctx.gutter) / 2
        TimelineView.gutterLabel(ctx, "loss", x: area.x, y: area.y, focused: false, into: &buffer)
        let lossLabel = "loss " + (run.losses.last.map { NumberFormat.short($0) } ?? "—") + " "
        let lx = area.x + ctx.gutter
        let used = buffer.write(x: lx, y: area.y, lossLabel, style: ctx.muted, maxWidth: half / 2)
        spark(ctx, run.losses, scale: loss, area: Rect(x: lx + used, y: area.y, width: half - used - 1, height: 1), into: &buffer)
        let rx = lx + half
        let firstLabel = "‖dL/dh_1‖ " + (run.firstStepGradients.last.map { NumberFormat.short($0) } ?? "—") + " "
        let used2 = buffer.write(x: rx, y: area.y, firstLabel, style: ctx.muted, maxWidth: half / 2)
        spark(ctx, run.firstStepGradients, scale: first, area: Rect(x: rx + used2, y: area.y, width: area.maxX - rx - used2, height: 1), into: &buffer)
        ctx.mark("losses", "dh_first", panel: i)
    }

    /// A one-row curve on a given log scale (bucket means of the values).
    static func spark(_ ctx: ViewContext, _ values: [Double], scale: (Double, Double), area: Rect, into buffer: inout Buffer) {
        guard area.width > 0, !values.isEmpty else { return }
        let series = Resample.buckets(values, count: area.width)
        for (k, v) in series.enumerated() {
            let x = area.x + k
            if v.isNaN { buffer.put(x: x, y: area.y, ctx.glyphs.nan, style: Style(fg: ctx.palette.nan)); continue }
            if v.isInfinite { buffer.put(x: x, y: area.y, ctx.glyphs.infinity, style: Style(fg: ctx.palette.inf)); continue }
            let l = v > 0 ? Foundation.log10(v) : scale.0
            let f = max(0, min(1, (l - scale.0) / max(1e-12, scale.1 - scale.0)))
            buffer.put(x: x, y: area.y, ctx.glyphs.eighths[1 + Int((f * 7).rounded())], style: Style(fg: ctx.palette.bar))
        }
    }

    /// How far the gradient fell from the last step to the first, e.g. "3.2e-12".
    static func ratio(_ f: Figures) -> String {
        guard let first = f.dh.first, let last = f.dh.last, last > 0 else { return "n/a" }
        return NumberFormat.short(first / last, digits: 2)
    }
}
