import UnrollDraw
import UnrollEngine
import UnrollLab

/// `t` (running): the loss curve, the gradient-norm history (iterations × timesteps) and the
/// current sample under the weights trained so far.
enum TrainingView {
    static func draw(_ ctx: ViewContext, training t: TrainingState, into buffer: inout Buffer) {
        let area = ctx.layout.timeline
        guard area.height >= 6, area.width > ctx.gutter else { return }
        let run = t.run
        var y = area.y
        let limit = t.limit > 0 ? "/\(t.limit)" : ""
        var caption = "training: iteration \(run.iteration)\(limit)"
        if let r = t.lastReport {
            caption += "  loss \(NumberFormat.short(r.loss))  ‖g‖ \(NumberFormat.short(r.gradientNorm))"
            if ctx.state.clipping { caption += "\(ctx.glyphs.arrowRight)\(NumberFormat.short(r.clippedNorm)) clipped" }
        }
        buffer.write(x: area.x, y: y, caption, style: ctx.accent, clip: area)
        y += 1
        let rest = area.maxY - y
        let lossRows = max(3, rest / 3)
        let histRows = max(2, (rest - lossRows) / 2)
        // The recent average against the task's trivial predictor tells "learning" from "stuck".
        var lossCaption = "loss per iteration (log scale)"
        let recent = run.losses.suffix(50).filter(\.isFinite)
        if !recent.isEmpty { lossCaption += "   mean of last \(recent.count): \(NumberFormat.short(recent.reduce(0, +) / Double(recent.count)))" }
        if let baseline = run.experiment.task.baselineLoss {
            lossCaption += "   baseline \(NumberFormat.short(baseline)) (the task's trivial answer)"
        }
        buffer.write(x: area.x, y: y, lossCaption, style: ctx.muted, clip: area)
        LineChart(values: run.losses, logScale: true, glyphs: ctx.glyphs, mode: ctx.mode)
            .draw(into: &buffer, area: Rect(x: area.x, y: y + 1, width: area.width, height: lossRows - 1))
        y += lossRows
        guard y < area.maxY else { return }
        buffer.write(x: ctx.layout.plotX, y: y, "‖dL/dh_t‖ per iteration (rows, newest at the bottom) × timestep", style: ctx.muted,
                     clip: Rect(x: ctx.layout.plotX, y: y, width: ctx.layout.plotWidth, height: 1))
        TimelineView.gutterLabel(ctx, "history", y: y, focused: false, into: &buffer)
        HistoryHeatmap(history: run.hiddenGradientHistory, timeline: ctx.timeline, gutterWidth: ctx.gutter,
                       firstIteration: run.iteration - run.hiddenGradientHistory.count + 1, glyphs: ctx.glyphs, mode: ctx.mode)
            .draw(into: &buffer, area: Rect(x: area.x, y: y + 1, width: area.width, height: histRows - 1))
        y += histRows
        guard y + 2 < area.maxY, let f = t.sample else { return }
        TimelineView.drawInputs(ctx, f, y: y, focused: false, into: &buffer)
        TimelineView.drawOutputs(ctx, f, y: y + 1, focused: false, into: &buffer)
        let chart = LogBarChart(values: f.dh, timeline: ctx.timeline, cursorColumn: ctx.state.cursor, gutterWidth: ctx.gutter,
                                glyphs: ctx.glyphs, mode: ctx.mode)
        chart.draw(into: &buffer, area: Rect(x: area.x, y: y + 2, width: area.width, height: area.maxY - y - 2))
        InspectorView.draw(ctx, figures: f, into: &buffer)
    }
}
