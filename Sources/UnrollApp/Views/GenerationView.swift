import Foundation
import UnrollDraw
import UnrollEngine
import UnrollLab

/// The model running on its own (`f`), the line plot of a one-number sequence, and the
/// attention row.
enum GenerationView {
    /// One row saying what was generated from what.
    static func drawCaption(_ ctx: ViewContext, panel i: Int, area: Rect, into buffer: inout Buffer) {
        guard let g = ctx.state.scene.panels[i].generation else { return }
        let plot = TimelineView.plot(ctx, area)
        TimelineView.gutterLabel(ctx, "free", x: area.x, y: area.y, focused: true, into: &buffer)
        var text: String
        switch g.kind {
        case .values:
            let err = g.error.map { e -> String in
                let finite = e.filter(\.isFinite)
                return finite.isEmpty ? "" : "; mean |error| \(NumberFormat.readout(finite.map(abs).reduce(0, +) / Double(finite.count)))"
            } ?? ""
            text = "on its own from step \(g.firstGeneratedStep + 1): each y_t is read back as x_{t+1}\(err) (f: the example again)"
        case .symbols, .decoder:
            text = "on its own: " + g.tokens.joined(separator: " ") + (g.stoppedAtEnd ? " (stopped at the end symbol)" : "")
            text += "  — each y_t read back as x_{t+1} (f: the example again, F: another sample)"
        }
        buffer.write(x: plot.x, y: area.y, truncate(text, to: plot.width, ellipsis: ctx.glyphs.ellipsis), style: ctx.accent, clip: plot)
        ctx.mark("generated", "truth", "gen_error", "first_generated", panel: i)
    }

    /// The input, the target and the prediction (or, running on its own, the true continuation and
    /// the generated values) on one axis, step by step under the timeline's columns.
    static func drawPlot(_ ctx: ViewContext, _ f: Figures, panel i: Int, area: Rect, into buffer: inout Buffer) {
        let y = f.y.map { $0.first ?? .nan }
        var series: [PlotSeries]
        if let g = ctx.state.scene.panels[i].generation, g.kind == .values {
            // What y_t should have been at each step: the target while primed with true values,
            // then the true continuation.
            let first = g.firstGeneratedStep
            let targets = f.denseTargets?.map { $0.first ?? .nan } ?? []
            let truth = (0..<f.steps).map { t -> Double in
                if t < first { return t < targets.count ? targets[t] : .nan }
                guard let tr = g.truth, t - first < tr.count else { return .nan }
                return tr[t - first]
            }
            series = [PlotSeries("true wave", truth), PlotSeries("y_t (read back)", y)]
        } else {
            series = [PlotSeries("x_t", f.denseInputs?.map { $0.first ?? .nan } ?? []),
                      PlotSeries("target", f.denseTargets?.map { $0.first ?? .nan } ?? []),
                      PlotSeries("y_t", y)]
        }
        // The plot's axis sits in the timeline's gutter, so its steps line up with the rows.
        LinePlot(series: series, layout: .timeline(ctx.timeline), cursor: ctx.state.cursor, gutterWidth: ctx.gutter,
                 glyphs: ctx.glyphs, mode: ctx.mode)
            .draw(into: &buffer, area: area)
        ctx.mark("x", "target", "y", panel: i)
    }

    /// α at the cursor: how much step t puts on each earlier step s, as a heat row in the
    /// timeline's columns (its caption names the step most attended).
    static func drawAttention(_ ctx: ViewContext, _ f: Figures, area: Rect, into buffer: inout Buffer) {
        guard let alpha = f.attention else { return }
        let t = min(max(0, ctx.state.cursor), f.steps - 1)
        let plot = TimelineView.plot(ctx, area)
        TimelineView.gutterLabel(ctx, "α_t", x: area.x, y: area.y, focused: true, into: &buffer)
        let row = t < alpha.count ? alpha[t] : []
        let best = row.indices.max { row[$0] < row[$1] }
        // The most-read step first (it is what the row is for), then what the colours mean.
        var caption = "α at step \(t + 1)"
        let top = best.map { row[$0] } ?? 0
        if let b = best, t > 0 {
            caption += ": most on step \(b + 1) (\(NumberFormat.readout(row[b], digits: 2))); blue 0 … red \(NumberFormat.readout(top, digits: 2))"
        } else {
            caption += ": nothing earlier to read"
        }
        buffer.write(x: plot.x, y: area.y, truncate(caption, to: plot.width, ellipsis: ctx.glyphs.ellipsis), style: ctx.accent, clip: plot)
        guard area.height >= 2 else { return }
        // Scaled to this row's largest weight, so small differences between weights show.
        Heatmap(values: [Array(row.prefix(f.steps))], range: .span(0, max(1e-12, top)), timeline: ctx.timeline, cursorColumn: t,
                rowLabels: ["α"], gutterWidth: ctx.gutter, glyphs: ctx.glyphs, mode: ctx.mode)
            .draw(into: &buffer, area: Rect(x: area.x, y: area.y + 1, width: area.width, height: 1))
    }
}
