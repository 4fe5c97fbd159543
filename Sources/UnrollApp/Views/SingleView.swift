import UnrollDraw
import UnrollLab

/// One panel alone: its training strip (once it has trained), its timeline and the inspector.
enum SingleView {
    static func draw(_ ctx: ViewContext, into buffer: inout Buffer) {
        let index = ctx.state.scene.selected
        let panel = ctx.state.panel
        guard let f = panel.figures else { return }
        var main = ctx.layout.main
        if panel.training != nil {
            let h = TrainingStrip.height(for: main)
            TrainingStrip.draw(ctx, panel: index, area: Rect(x: main.x, y: main.y, width: main.width, height: h), into: &buffer)
            main = main.inset(top: h)
        }
        let inspectorWidth = ctx.layout.inspector.width
        let parts = main.columns([.fill, .fixed(1), .fixed(inspectorWidth)])
        TimelineView.draw(ctx, figures: f, panel: index, area: parts[0], into: &buffer)
        InspectorView.draw(ctx, figures: f, area: parts[2], into: &buffer)
    }
}

/// A panel's training: where the run stands and what it has done, as curves over the updates.
enum TrainingStrip {
    /// Rows the strip takes from a main area.
    static func height(for main: Rect) -> Int { main.height >= 24 ? 7 : (main.height >= 18 ? 6 : 5) }

    static func draw(_ ctx: ViewContext, panel index: Int, area: Rect, into buffer: inout Buffer) {
        let panel = ctx.state.scene.panels[index]
        guard let t = panel.training, area.height >= 3 else { return }
        let run = t.run
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        var x = area.x
        x += buffer.write(x: x, y: area.y, status(t, glyphs: ctx.glyphs), style: ctx.accent, clip: row)
        ctx.mark("iteration", panel: index)
        for (text, figures) in fields(panel) {
            let w = displayWidth(text) + 3
            guard x + w <= area.maxX else { break }
            x += buffer.write(x: x, y: area.y, "  " + text, style: .plain, clip: row)
            for name in figures { ctx.mark(name, panel: index) }
        }
        // The curves over the updates, side by side.
        let charts = area.inset(top: 1)
        var specs: [(String, [Double], [String])] = [
            ("loss per update (log)", run.losses, ["losses", "train_loss"]),
            ("‖dL/dh_1‖ per update (log): what reaches step 1", run.firstStepGradients, ["dh_first"]),
        ]
        if charts.width >= 90 || panel.settings.clipNorm != nil {
            let clip = panel.settings.clipNorm.map { ", clipped to \(NumberFormat.short($0))" } ?? ""
            let largest = run.updateNorms.filter(\.isFinite).max().map { "; largest step ‖Δθ‖ \(NumberFormat.short($0))" } ?? ""
            specs.append(("‖g‖ before clipping\(clip)\(largest)", run.gradientNorms, ["grad_norms", "update_norms"]))
        }
        let width = charts.width / specs.count
        for (k, spec) in specs.enumerated() {
            let r = Rect(x: charts.x + k * width, y: charts.y, width: width - (k == specs.count - 1 ? 0 : 1), height: charts.height)
            guard r.width >= 12 else { continue }
            buffer.write(x: r.x, y: r.y, truncate(spec.0, to: r.width, ellipsis: ctx.glyphs.ellipsis), style: ctx.muted, clip: r)
            LineChart(values: spec.1, logScale: true, glyphs: ctx.glyphs, mode: ctx.mode).draw(into: &buffer, area: r.inset(top: 1))
            for name in spec.2 { ctx.mark(name, panel: index) }
        }
    }

    /// "training ▶ 340/2000", "trained 2000 updates", "paused at 340/2000", "stopped: diverged".
    static func status(_ t: PanelTraining, glyphs g: Glyphs) -> String {
        let of = t.limit > 0 ? "/\(t.limit)" : ""
        switch t.status {
        case .running: return "training \(g.arrowRight) update \(t.run.iteration)\(of)"
        case .paused: return "paused at update \(t.run.iteration)\(of) (t resumes)"
        case .finished: return "trained \(t.run.iteration) updates (t trains more)"
        case .diverged: return "stopped at update \(t.run.iteration): the loss is not finite"
        case .failed(let why): return "stopped: \(why)"
        }
    }

    /// "update 340/2000", "2000 updates, done", "paused at 340", "diverged at 3".
    static func shortStatus(_ t: PanelTraining) -> String {
        let of = t.limit > 0 ? "/\(t.limit)" : ""
        switch t.status {
        case .running: return "update \(t.run.iteration)\(of)"
        case .paused: return "paused at \(t.run.iteration)\(of)"
        case .finished: return "trained \(t.run.iteration)"
        case .diverged: return "diverged at \(t.run.iteration)"
        case .failed: return "stopped"
        }
    }

    /// The figures beside the status, each with the claim names it shows, most important first.
    static func fields(_ p: Panel) -> [(String, [String])] {
        guard let t = p.training else { return [] }
        var out: [(String, [String])] = []
        if t.status.isRunning {
            if let r = t.lastReport { out.append(("batch loss \(NumberFormat.short(r.loss))", [])) }
        }
        if let h = p.heldOut, !t.status.isRunning {
            let was = t.heldOutBefore.map { " (was \(NumberFormat.short($0.loss)))" } ?? ""
            out.append(("held-out loss \(NumberFormat.short(h.loss))\(was)", ["heldout_loss"]))
            if let a = h.accuracy {
                let before = t.heldOutBefore?.accuracy.map { " (was \(percent($0)))" } ?? ""
                out.append(("accuracy \(percent(a))\(within(p))\(before)", ["accuracy"]))
            }
        }
        if let b = p.experiment?.task.baselineLoss {
            out.append(("baseline \(NumberFormat.short(b)) (the trivial answer)", ["baseline_loss"]))
        }
        return out
    }

    /// " within ±0.05" when the panel's task answers in numbers, "" for class answers.
    static func within(_ p: Panel) -> String { p.experiment?.task.accuracyRule ?? "" }

    /// 0.873 → "87%", 0.0012 → "0.1%".
    static func percent(_ v: Double) -> String {
        guard v.isFinite else { return "—" }
        let p = v * 100
        return p >= 10 || p == 0 ? "\(Int(p.rounded()))%" : String(format: "%.1f%%", p)
    }
}
