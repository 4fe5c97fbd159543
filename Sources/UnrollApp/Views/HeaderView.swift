import UnrollDraw
import UnrollEngine
import UnrollLab

/// The two header rows: lesson and page with the loss, then the selected model and its figures.
/// Fields are drawn whole or not at all, so a number is never cut into another number.
enum HeaderView {
    static func draw(_ ctx: ViewContext, into buffer: inout Buffer) {
        let s = ctx.state
        let area = ctx.layout.header
        guard area.height >= 1 else { return }
        let panel = s.scene.selected
        let bar = ctx.mode.hasColor ? Style(attributes: .bold) : Style(attributes: [.bold, .reverse])
        let top = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(top, style: bar)
        var loss = ""
        if let f = s.figures { loss = " L = " + NumberFormat.readout(f.loss) + " " }
        // Which example and which weights: always on screen, beside the loss.
        let which = " example \(s.settings.exampleIndex + 1) \(ctx.glyphs.vertical) seed \(s.settings.seed) \(ctx.glyphs.vertical)"
        if displayWidth(which + loss) + 40 <= area.width { loss = which + loss }
        let lossWidth = displayWidth(loss)
        let left = Rect(x: area.x, y: area.y, width: max(0, area.width - lossWidth), height: 1)
        let number = s.lesson.number ?? (s.lessonIndex + 1)
        // The page number never gives way: the lesson's title shrinks first, then the page's.
        let v = ctx.glyphs.vertical
        let brand = " unroll ", pageNo = "\(v) page \(s.page + 1)/\(s.lesson.pages.count)"
        let pageTitle = s.currentPage.map { ": " + $0.title } ?? ""
        let fixed = displayWidth(brand) + displayWidth(pageNo) + 1
        let lessonRoom = max(0, min(displayWidth("\(v) \(number). \(s.lesson.title) "), (left.width - fixed) * 2 / 3))
        var x = area.x
        x += buffer.write(x: x, y: area.y, brand, style: bar.fg(ctx.palette.accent), clip: left)
        x += buffer.write(x: x, y: area.y, truncate("\(v) \(number). \(s.lesson.title)", to: max(0, lessonRoom - 1), ellipsis: ctx.glyphs.ellipsis) + " ",
                          style: bar, clip: left)
        x += buffer.write(x: x, y: area.y, pageNo, style: bar, clip: left)
        buffer.write(x: x, y: area.y, truncate(pageTitle, to: max(0, left.maxX - x - 1), ellipsis: ctx.glyphs.ellipsis), style: bar, clip: left)
        if let f = s.figures, lossWidth <= area.width {
            buffer.write(x: area.maxX - lossWidth, y: area.y, loss, style: f.loss.isFinite ? bar : bar.fg(ctx.palette.inf), clip: top)
            ctx.mark("loss", panel: panel)
        }
        guard area.height >= 2 else { return }
        let y = area.y + 1
        var cx = area.x + 1
        for (text, names) in fitting(fields(ctx), width: area.width - 1, claimed: claimedNames(s)) {
            if cx > area.x + 1 { cx += 2 }
            cx += buffer.write(x: cx, y: y, text, style: ctx.muted, clip: area)
            for n in names { ctx.mark(n, panel: panel) }
        }
    }

    /// The figures the page's claims read: the header keeps room for them first.
    static func claimedNames(_ s: AppState) -> Set<String> {
        Set((s.currentPage?.claims ?? []).flatMap { $0.expression.reads.map(\.name) })
    }

    /// The fields that fit in `width` (two spaces between them), in their order. Fields showing a
    /// figure the page's claims read are placed first, then the others in order, each whole or not
    /// at all, so a claim's number is never the one pushed off the row.
    static func fitting(_ fields: [(String, [String])], width: Int, claimed: Set<String>) -> [(String, [String])] {
        let isClaimed = fields.map { !claimed.isDisjoint(with: $0.1) }
        var keep = Array(repeating: false, count: fields.count)
        var used = 0
        for pass in [true, false] {
            for (i, f) in fields.enumerated() where isClaimed[i] == pass {
                let w = displayWidth(f.0) + (used == 0 ? 0 : 2)
                if used + w <= width { keep[i] = true; used += w }
            }
        }
        return fields.indices.filter { keep[$0] }.map { fields[$0] }
    }

    /// The second row's fields, in order, each with the claim names it shows. The model comes
    /// first; then the groups the page focuses on; a field that does not fit is left out whole
    /// and later, shorter ones may still fit.
    static func fields(_ ctx: ViewContext) -> [(String, [String])] {
        let s = ctx.state
        let st = s.settings
        let p = s.panel
        var head: [(String, [String])] = []
        // With several panels the header says which one it describes.
        if s.scene.panels.count > 1 { head.append(("\(ctx.glyphs.arrowRight) \(p.label):", [])) }
        head.append((st.modelLabel, ["H"]))
        head.append(("T=\(s.steps)", ["T"]))
        guard let f = s.figures else { return head }
        var gradient: [(String, [String])] = []
        let g = f.gradientNorm
        if let c = st.clipNorm {
            let clipped = g.isFinite ? min(g, c) : c
            gradient.append(("‖g‖ \(NumberFormat.short(g))\(ctx.glyphs.arrowRight)\(NumberFormat.short(clipped)) (clip ≤\(NumberFormat.short(c)))", ["grad_norm"]))
        } else {
            gradient.append(("‖g‖ \(NumberFormat.short(g)) (no clip)", ["grad_norm"]))
        }
        if let u = p.updateNorm { gradient.append(("step ‖Δθ‖ \(NumberFormat.short(u))", ["update_norm"])) }
        var weights: [(String, [String])] = [("ρ=" + NumberFormat.short(f.spectralRadius), ["radius"]),
                                             ("σmax=" + NumberFormat.short(f.sigmaMax), ["sigma_max"])]
        if st.cell == .rnn { weights.append(("γ=" + NumberFormat.short(f.gamma), ["gamma"])) }
        var heldOut: [(String, [String])] = []
        if let h = p.heldOut, p.training?.status.isRunning != true {
            heldOut.append(("held-out L \(NumberFormat.short(h.loss))", ["heldout_loss"]))
            if let a = h.accuracy { heldOut.append(("acc \(TrainingStrip.percent(a))\(TrainingStrip.within(p))", ["accuracy"])) }
        }
        if let b = s.experiment?.task.baselineLoss { heldOut.append(("baseline \(NumberFormat.short(b))", ["baseline_loss"])) }
        if let bow = p.bagOfWordsCeiling { heldOut.append(("bag of words ≤ \(TrainingStrip.percent(bow))", ["bag_of_words_ceiling"])) }
        var rest: [(String, [String])] = [("init=\(st.initScheme.rawValue)", []), ("task=\(st.task)", [])]
        // Data settings the student changes on screen (~) stay in view.
        if let noise = st.taskSettings["noise"], (Double(noise) ?? 0) > 0 { heldOut.insert(("noise \(noise)", []), at: 0) }
        if let k = st.truncation { rest.insert(("BPTT cut every \(k)", []), at: 0) }
        let focus = Set(s.currentPage?.focus ?? [])
        let trainingFirst = focus.contains(.training) || focus.contains(.output) || focus.contains(.loss)
        let weightsFirst = focus.contains(.bound) || focus.contains(.gain) || focus.contains(.reach)
        if trainingFirst { return head + heldOut + gradient + weights + rest }
        if weightsFirst { return head + weights + gradient + heldOut + rest }
        return head + gradient + weights + heldOut + rest
    }
}
