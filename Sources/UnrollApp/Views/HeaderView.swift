import UnrollDraw
import UnrollEngine
import UnrollLab

/// The two header rows: lesson and page with the loss, then the model and its W_hh figures.
enum HeaderView {
    static func draw(_ ctx: ViewContext, into buffer: inout Buffer) {
        let s = ctx.state
        let area = ctx.layout.header
        guard area.height >= 1 else { return }
        let bar = ctx.mode.hasColor ? Style(attributes: .bold) : Style(attributes: [.bold, .reverse])
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: bar)
        let number = s.lesson.number ?? (s.lessonIndex + 1)
        let pages = s.lesson.pages.count
        var x = area.x
        x += buffer.write(x: x, y: area.y, " unroll ", style: bar.fg(ctx.palette.accent), clip: area)
        x += buffer.write(x: x, y: area.y, "\(ctx.glyphs.vertical) \(number). \(s.lesson.title) ", style: bar, clip: area)
        x += buffer.write(x: x, y: area.y, "\(ctx.glyphs.vertical) page \(s.page + 1)/\(pages)", style: bar, clip: area)
        if let title = s.currentPage?.title {
            x += buffer.write(x: x, y: area.y, ": " + title, style: bar, clip: area)
        }
        if let f = s.figures {
            let loss = "L = " + NumberFormat.short(f.loss) + " "
            let style = f.loss.isFinite ? bar : bar.fg(ctx.palette.inf)
            let lx = max(x + 2, area.maxX - displayWidth(loss))
            buffer.write(x: lx, y: area.y, loss, style: style, clip: area)
        }
        guard area.height >= 2 else { return }
        let y = area.y + 1
        buffer.write(x: area.x + 1, y: y, modelLine(ctx), style: ctx.muted, clip: area)
    }

    /// "RNN-tanh H=16 T=40 init=default ρ=0.90 σ_max=1.02 γ=1 clip ≤1 (‖g‖ 3.2 → 1)".
    static func modelLine(_ ctx: ViewContext) -> String {
        let s = ctx.state
        let st = s.settings
        var parts: [String] = [st.modelLabel, "T=\(s.steps)", "init=\(st.initScheme.rawValue)"]
        if let f = s.figures {
            parts.append("ρ=" + NumberFormat.short(f.spectralRadius))
            parts.append("σmax=" + NumberFormat.short(f.sigmaMax))
            if st.cell == .rnn { parts.append("γ=" + NumberFormat.short(f.gamma)) }
            let g = f.gradientNorm
            if let c = st.clipNorm {
                let clipped = g.isFinite ? min(g, c) : c
                parts.append("clip≤\(NumberFormat.short(c)): ‖g‖ \(NumberFormat.short(g))\(ctx.glyphs.arrowRight)\(NumberFormat.short(clipped))")
            } else {
                parts.append("clip off: ‖g‖ \(NumberFormat.short(g))")
            }
        }
        parts.append("task=\(st.task)")
        if let t = s.training {
            parts.append("trained \(t.run.iteration) steps" + (t.running ? "" : " (paused)"))
        }
        return parts.joined(separator: "  ")
    }
}
