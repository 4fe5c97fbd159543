import Foundation
import UnrollDraw
import UnrollEngine
import UnrollLab

/// The gradient rows: ‖dL/dh_t‖ and (LSTM) ‖dL/dc_t‖ as log-scale bars on one axis, the one-step
/// gain ‖∂s_t/∂s_{t−1}‖, and the reach ‖∂s_T/∂s_t‖ with the bound (σ_max·γ)^(T−t) that caps it.
enum GradientView {
    /// One log axis for ‖dL/dh_t‖ and ‖dL/dc_t‖ so the two rows compare directly.
    static func gradientAxis(_ f: Figures) -> LogAxis { LogAxis.fitting(f.dh + (f.dc ?? [])) }

    /// Caption, then ‖dL/dh_t‖ bars in the rest of the area.
    static func drawHidden(_ ctx: ViewContext, figures f: Figures, area: Rect, focused: Bool, into buffer: inout Buffer) {
        guard area.height >= 2 else { return }
        let plot = TimelineView.plot(ctx, area)
        TimelineView.gutterLabel(ctx, "dL/dh", x: area.x, y: area.y, focused: focused, into: &buffer)
        let captionRow = Rect(x: plot.x, y: area.y, width: plot.width, height: 1)
        if case .forward(let r) = ctx.state.animation {
            buffer.write(x: plot.x, y: area.y, "forward pass: step \(min(r, f.steps))/\(f.steps) — the gradient comes after (b plays it)",
                         style: ctx.accent, clip: captionRow)
            return
        }
        var caption = "‖dL/dh_t‖, how much the loss depends on h_t (log scale)"
        if let k = ctx.state.settings.truncation { caption = "‖dL/dh_t‖ (log), truncated BPTT: cut every \(k) steps \(ctx.glyphs.cut)" }
        buffer.write(x: plot.x, y: area.y, truncate(caption, to: plot.width, ellipsis: ctx.glyphs.ellipsis),
                     style: focused ? ctx.accent : ctx.muted, clip: captionRow)
        let barsArea = area.inset(top: 1)
        bars(ctx, f.dh, axis: gradientAxis(f), area: barsArea, into: &buffer)
        if let k = ctx.state.settings.truncation { drawCuts(ctx, every: k, steps: f.steps, area: barsArea, into: &buffer) }
    }

    /// Caption, then ‖dL/dc_t‖ bars (LSTM) on the same axis as ‖dL/dh_t‖.
    static func drawCell(_ ctx: ViewContext, figures f: Figures, area: Rect, focused: Bool, into buffer: inout Buffer) {
        guard area.height >= 2, let dc = f.dc else { return }
        if case .forward = ctx.state.animation { return }
        let plot = TimelineView.plot(ctx, area)
        TimelineView.gutterLabel(ctx, "dL/dc", x: area.x, y: area.y, focused: focused, into: &buffer)
        buffer.write(x: plot.x, y: area.y, truncate("‖dL/dc_t‖, the gradient on the cell state's highway (same axis as dL/dh)", to: plot.width, ellipsis: ctx.glyphs.ellipsis),
                     style: focused ? ctx.accent : ctx.muted, clip: Rect(x: plot.x, y: area.y, width: plot.width, height: 1))
        bars(ctx, dc, axis: gradientAxis(f), area: area.inset(top: 1), into: &buffer)
    }

    /// Truncated BPTT's cuts: a dotted line after every k-th step, where no gradient crosses
    /// (drawn in the last cell of that step's column, the gap between bars).
    static func drawCuts(_ ctx: ViewContext, every k: Int, steps: Int, area: Rect, into buffer: inout Buffer) {
        guard k > 0 else { return }
        let plot = TimelineView.plot(ctx, area)
        let cw = ctx.timeline.columnWidth
        for (t, x) in ctx.timeline.visible(count: steps, x: plot.x, width: plot.width) where (t + 1) % k == 0 && t + 1 < steps {
            for y in area.y..<area.maxY {
                buffer.put(x: x + cw - 1, y: y, ctx.glyphs.cut, style: Style(fg: ctx.palette.reference, attributes: .bold), clip: plot)
            }
        }
    }

    /// Log bars with the axis in the gutter, hidden where the backward animation has not reached.
    static func bars(_ ctx: ViewContext, _ values: [Double], axis: LogAxis, reference: [Double]? = nil, area: Rect, into buffer: inout Buffer) {
        let chart = LogBarChart(values: values, axis: axis, reference: reference, timeline: ctx.timeline,
                                cursorColumn: ctx.state.cursor, gutterWidth: ctx.gutter, glyphs: ctx.glyphs, mode: ctx.mode)
        chart.draw(into: &buffer, area: area)
        hideUnreached(ctx, count: values.count, area: area, into: &buffer)
    }

    /// Backward animation: blank the steps the gradient hasn't reached yet.
    static func hideUnreached(_ ctx: ViewContext, count: Int, area: Rect, into buffer: inout Buffer) {
        guard case .backward(let from) = ctx.state.animation else { return }
        let plot = TimelineView.plot(ctx, area)
        let cw = ctx.timeline.columnWidth
        for (t, x) in ctx.timeline.visible(count: count, x: plot.x, width: plot.width) where t < from {
            buffer.fill(Rect(x: x, y: area.y, width: cw, height: area.height).intersection(plot))
        }
    }

    /// The gain row: how much one step back multiplies the gradient.
    static func drawGain(_ ctx: ViewContext, figures f: Figures, area: Rect, focused: Bool, into buffer: inout Buffer) {
        TimelineView.gutterLabel(ctx, "gain", x: area.x, y: area.y, focused: focused, into: &buffer)
        if case .forward = ctx.state.animation { return }
        let g = ctx.glyphs
        TimelineView.drawColumns(ctx, count: f.gain.count, area: area, into: &buffer) { t in
            let v = f.gain[t]
            if v.isNaN { return (String(g.nan), Style(fg: ctx.palette.nan, attributes: .bold)) }
            if v.isInfinite { return (String(g.infinity), Style(fg: ctx.palette.inf, attributes: .bold)) }
            if t == 0 { return (String(g.dot), ctx.muted) }
            // A truncated-BPTT cut: no gradient crosses here, whatever the Jacobian.
            if let k = ctx.state.settings.truncation, t % k == 0 {
                return (String(g.cut), Style(fg: ctx.palette.reference, attributes: .bold))
            }
            // Six shapes: 0, ≪1, <1, ≈1, >1, ≫1 (coloured by log10 of the gain).
            let cell = GainClass.cell(v, glyphs: g, mode: ctx.mode)
            return (String(cell.character), cell.style)
        }
        hideUnreached(ctx, count: f.gain.count, area: area, into: &buffer)
    }

    /// The reach ‖∂s_T/∂s_t‖ (how much the last state depends on step t) as log bars, with the
    /// bound (σ_max·γ)^(T−t) that caps it drawn as a line for a vanilla RNN. The axis fits the
    /// reach: a bound beyond it is named in the caption, never allowed to squeeze the bars.
    static func drawReach(_ ctx: ViewContext, figures f: Figures, area: Rect, into buffer: inout Buffer) {
        guard area.height >= 2 else { return }
        let plot = TimelineView.plot(ctx, area)
        let row = Rect(x: plot.x, y: area.y, width: plot.width, height: 1)
        TimelineView.gutterLabel(ctx, "reach", x: area.x, y: area.y, focused: true, into: &buffer)
        guard f.reachComputed else {
            buffer.write(x: plot.x, y: area.y, "‖∂s_T/∂s_t‖ is computed when training stops or pauses", style: ctx.muted, clip: row)
            return
        }
        let isRNN = f.config.cell == .rnn
        let axis = LogAxis.fitting(f.reach)
        var caption = "‖∂h_T/∂h_t‖, how much h_T depends on h_t"
        if !isRNN { caption = "‖∂s_T/∂s_t‖ (s = [h; c] for an LSTM)" }
        let sg = f.sigmaMax * f.gamma
        if isRNN {
            let outside = f.bound.filter { ($0 > 0 && $0.isFinite) ? (axis.fraction($0) ?? 0) > 1 : false }.count
            caption += "  \(ctx.glyphs.reference) bound (σmax·γ)^(T−t) = \(NumberFormat.short(sg))^(T−t)"
            caption += sg < 1 ? " < 1: it must vanish" : " ≥ 1: no promise"
            if outside > 0 { caption += "; above the axis at \(outside) steps" }
        } else {
            caption += "; no bound: gates change the Jacobian at every step"
        }
        buffer.write(x: plot.x, y: area.y, truncate(caption, to: plot.width, ellipsis: ctx.glyphs.ellipsis), style: ctx.accent, clip: row)
        bars(ctx, f.reach, axis: axis, reference: isRNN ? f.bound : nil, area: area.inset(top: 1), into: &buffer)
    }
}

extension Glyphs {
    /// The mark of a truncated-BPTT cut: a dotted vertical line (`:` in ASCII).
    var cut: Character { reference == "╌" ? "┆" : ":" }
}
