import Foundation
import UnrollDraw
import UnrollEngine
import UnrollLab

/// The gradient rows: ‖dL/dh_t‖ as log-scale bars with the bound as a reference line, and the
/// one-step gain ‖∂s_t/∂s_{t−1}‖ beneath (▲ grows the gradient on its way back, ▼ shrinks it).
enum GradientView {
    /// Draws caption, bars (area height − 2 rows) and the gain row.
    static func draw(_ ctx: ViewContext, figures f: Figures, area: Rect, focused: Bool, into buffer: inout Buffer) {
        guard area.height >= 3 else { return }
        let capY = area.y
        let barsArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        let gainY = area.maxY - 1
        let plot = Rect(x: ctx.layout.plotX, y: capY, width: ctx.layout.plotWidth, height: 1)
        let isRNN = f.config.cell == .rnn
        TimelineView.gutterLabel(ctx, "dL/dh", y: capY, focused: focused, into: &buffer)

        if case .forward(let r) = ctx.state.animation {
            buffer.write(x: plot.x, y: capY, "forward pass: step \(min(r, f.steps))/\(f.steps) — the gradient comes after (b plays it)",
                         style: ctx.accent, clip: plot)
            TimelineView.gutterLabel(ctx, "gain", y: gainY, focused: false, into: &buffer)
            return
        }
        let sg = f.sigmaMax * f.gamma
        var caption = "‖dL/dh_t‖ (log scale)"
        if ctx.state.settings.truncation != nil { caption += " (truncated BPTT)" }
        let note: String
        if isRNN {
            let verdict = sg < 1 ? "< 1: must vanish" : "≥ 1: no guarantee"
            note = "\(ctx.glyphs.reference) bound \(NumberFormat.short(sg))^(T−t) = (σmax·γ)^(T−t), \(verdict)"
        } else {
            note = "no bound line: (σmax·γ)^(T−t) doesn't apply to \(f.config.cell.displayName) (gates)"
        }
        let used = buffer.write(x: plot.x, y: capY, caption, style: focused ? ctx.accent : ctx.muted, clip: plot)
        let noteX = plot.x + used + 2
        let room = plot.maxX - noteX
        if room >= 12 {
            let st = isRNN ? Style(fg: ctx.palette.reference) : ctx.muted
            buffer.write(x: noteX, y: capY, truncate(note, to: room, ellipsis: ctx.glyphs.ellipsis), style: ctx.mode.hasColor ? st : .plain, clip: plot)
        }

        let axis = LogAxis.fitting(f.dh + (isRNN ? f.bound : []))
        let chart = LogBarChart(values: f.dh, axis: axis, reference: isRNN ? f.bound : nil, timeline: ctx.timeline,
                                cursorColumn: ctx.state.cursor, gutterWidth: ctx.gutter, glyphs: ctx.glyphs, mode: ctx.mode)
        chart.draw(into: &buffer, area: barsArea)

        // Gain row.
        TimelineView.gutterLabel(ctx, "gain", y: gainY, focused: focused, into: &buffer)
        let g = ctx.glyphs
        TimelineView.drawColumns(ctx, count: f.gain.count, y: gainY, into: &buffer) { t in
            let v = f.gain[t]
            if v.isNaN { return (String(g.nan), Style(fg: ctx.palette.nan, attributes: .bold)) }
            if v.isInfinite { return (String(g.infinity), Style(fg: ctx.palette.inf, attributes: .bold)) }
            if t == 0 { return (String(g.dot), ctx.muted) }
            let lg = v > 0 ? Foundation.log10(v) : -1
            let color = ctx.palette.diverging(max(-1, min(1, lg)))
            let glyph = v > 1.0001 ? g.arrowUp : (v < 0.9999 ? g.arrowDown : "=")
            return (String(glyph), ctx.mode.hasColor ? Style(fg: color, attributes: .bold) : .plain)
        }

        // Backward animation: hide the steps the gradient hasn't reached yet.
        if case .backward(let from) = ctx.state.animation {
            let cw = ctx.timeline.columnWidth
            for (t, x) in ctx.timeline.visible(count: f.steps, x: ctx.layout.plotX, width: ctx.layout.plotWidth) where t < from {
                let r = Rect(x: x, y: barsArea.y, width: cw, height: barsArea.height + 1)
                    .intersection(Rect(x: ctx.layout.plotX, y: barsArea.y, width: ctx.layout.plotWidth, height: barsArea.height + 1))
                buffer.fill(r)
            }
        }
    }
}

