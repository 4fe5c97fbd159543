import UnrollDraw
import UnrollEngine
import UnrollLab

/// `c`: 2–4 models on the same inputs and seed, stacked, their ‖dL/dh_t‖ on one shared log axis.
enum CompareView {
    /// The shared axis: the union of every model's fitted axis.
    static func sharedAxis(_ entries: [CompareEntry]) -> LogAxis {
        var axis: LogAxis? = nil
        for e in entries {
            guard case .success(let f) = e.figures else { continue }
            let a = LogAxis.fitting(f.dh)
            axis = axis.map { $0.union(a) } ?? a
        }
        return axis ?? LogAxis(minDecade: -3, maxDecade: 0)
    }

    static func draw(_ ctx: ViewContext, into buffer: inout Buffer) {
        let s = ctx.state
        let area = ctx.layout.timeline
        guard area.height >= 3, area.width > ctx.gutter else { return }
        let entries = s.compare
        let axis = sharedAxis(entries)
        var y = area.y
        if let f = s.figures {
            TimelineView.drawInputs(ctx, f, y: y, focused: false, into: &buffer)
            y += 1
        }
        let plot = Rect(x: ctx.layout.plotX, y: y, width: ctx.layout.plotWidth, height: 1)
        buffer.write(x: plot.x, y: y, "‖dL/dh_t‖ of each model, one shared log axis \(axis.label(axis.minDecade))…\(axis.label(axis.maxDecade))",
                     style: ctx.accent, clip: plot)
        y += 1
        let n = max(1, entries.count)
        let each = max(2, (area.maxY - y) / n)
        for e in entries {
            guard y + 1 < area.maxY else { break }
            let block = Rect(x: area.x, y: y, width: area.width, height: min(each, area.maxY - y))
            var caption = e.label
            switch e.figures {
            case .success(let f):
                caption += "  L=\(NumberFormat.short(f.loss))  ‖g‖=\(NumberFormat.short(f.gradientNorm))"
                caption += "  dh[1]/dh[T]=\(ratio(f))"
                if f.config.cell == .rnn { caption += "  σmax·γ=\(NumberFormat.short(f.sigmaMax * f.gamma))" }
            case .failure(let err):
                caption += "  can't build: \(err.description)"
            }
            buffer.write(x: area.x, y: y, truncate(caption, to: area.width, ellipsis: ctx.glyphs.ellipsis), style: Style(attributes: .bold), clip: block)
            if case .success(let f) = e.figures, block.height > 1 {
                let chart = LogBarChart(values: f.dh, axis: axis, timeline: ctx.timeline, cursorColumn: s.cursor,
                                        gutterWidth: ctx.gutter, glyphs: ctx.glyphs, mode: ctx.mode)
                chart.draw(into: &buffer, area: block.inset(top: 1))
            }
            y += block.height
        }
        drawInspector(ctx, into: &buffer)
    }

    /// How far the gradient fell from the last step to the first, e.g. "3.2e-12".
    static func ratio(_ f: Figures) -> String {
        guard let first = f.dh.first, let last = f.dh.last, last > 0 else { return "n/a" }
        return NumberFormat.short(first / last, digits: 2)
    }

    /// Per-model numbers at the cursor.
    static func drawInspector(_ ctx: ViewContext, into buffer: inout Buffer) {
        let area = ctx.layout.inspector
        guard area.width >= 8, area.height >= 2 else { return }
        for y in area.y..<area.maxY { buffer.put(x: area.x - 1, y: y, ctx.glyphs.vertical, style: ctx.muted) }
        let t = ctx.state.cursor
        var y = area.y
        buffer.write(x: area.x, y: y, "step t=\(t + 1): ‖dL/dh_t‖", style: ctx.accent, clip: area)
        y += 1
        for e in ctx.state.compare {
            guard y < area.maxY else { break }
            var value = "—"
            if case .success(let f) = e.figures, t < f.dh.count { value = NumberFormat.short(f.dh[t]) }
            buffer.write(x: area.x, y: y, truncate(e.label, to: max(1, area.width - 10), ellipsis: ctx.glyphs.ellipsis), style: ctx.muted, clip: area)
            buffer.write(x: area.maxX - value.count, y: y, value, clip: area)
            y += 1
        }
        if y + 1 < area.maxY {
            TextBlock("Same inputs, same seed. Bars far apart on the shared axis mean the gradient reaching the early steps differs by that many decades.",
                      glyphs: ctx.glyphs, mode: ctx.mode).draw(into: &buffer, area: Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1))
        }
    }
}
