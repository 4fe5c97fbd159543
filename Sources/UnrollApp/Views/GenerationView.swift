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
        ctx.mark("generated", "truth", "gen_error", panel: i)
    }

    /// The input, the target and the prediction (or, running on its own, the true continuation and
    /// the generated values) on one axis, step by step under the timeline's columns.
    static func drawPlot(_ ctx: ViewContext, _ f: Figures, panel i: Int, area: Rect, into buffer: inout Buffer) {
        let y = f.y.map { $0.first ?? .nan }
        var series: [PlotSeries]
        if let g = ctx.state.scene.panels[i].generation, g.kind == .values {
            let truth = (0..<f.steps).map { t in t < g.firstGeneratedStep ? f.denseInputs?[t].first ?? .nan : (g.truth.flatMap { t - g.firstGeneratedStep < $0.count ? $0[t - g.firstGeneratedStep] : nil } ?? .nan) }
            series = [PlotSeries("true wave", truth), PlotSeries("y_t (read back)", y)]
        } else {
            series = [PlotSeries("x_t", f.denseInputs?.map { $0.first ?? .nan } ?? []),
                      PlotSeries("target", f.denseTargets?.map { $0.first ?? .nan } ?? []),
                      PlotSeries("y_t", y)]
        }
        TimelineView.gutterLabel(ctx, "plot", x: area.x, y: area.y, focused: true, into: &buffer)
        LinePlot(series: series, layout: .timeline(ctx.timeline), cursor: ctx.state.cursor, glyphs: ctx.glyphs, mode: ctx.mode)
            .draw(into: &buffer, area: TimelineView.plot(ctx, area))
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
        var caption = "attention α at step \(t + 1): how much it reads each earlier state"
        if let b = best, t > 0 { caption += "; most: step \(b + 1) (\(NumberFormat.readout(row[b], digits: 2)))" }
        buffer.write(x: plot.x, y: area.y, truncate(caption, to: plot.width, ellipsis: ctx.glyphs.ellipsis), style: ctx.accent, clip: plot)
        guard area.height >= 2 else { return }
        Heatmap(values: [Array(row.prefix(f.steps))], range: .span(0, 1), timeline: ctx.timeline, cursorColumn: t,
                rowLabels: ["α"], gutterWidth: ctx.gutter, glyphs: ctx.glyphs, mode: ctx.mode)
            .draw(into: &buffer, area: Rect(x: area.x, y: area.y + 1, width: area.width, height: 1))
    }
}
