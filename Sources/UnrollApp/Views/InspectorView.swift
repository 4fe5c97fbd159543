import Foundation
import UnrollDraw
import UnrollEngine
import UnrollLab
import UnrollLessons

/// The exact numbers at the cursor: input, target, output, loss, gradient norms, gain, reach,
/// bound, then the vectors h_t, c_t and every gate.
enum InspectorView {
    static func draw(_ ctx: ViewContext, figures f: Figures, area: Rect, into buffer: inout Buffer) {
        guard area.width >= 8, area.height >= 2 else { return }
        for y in area.y..<area.maxY { buffer.put(x: area.x - 1, y: y, ctx.glyphs.vertical, style: ctx.muted) }
        let t = min(max(0, ctx.state.cursor), max(0, f.steps - 1))
        guard f.steps > 0 else { return }
        var y = area.y
        var title = "step t=\(t + 1) of \(f.steps)"
        // When the timeline scrolls, which steps it shows (the ruler may have had no room).
        let cw = max(1, ctx.timeline.columnWidth)
        let fit = max(1, ctx.layout.plotWidth / cw)
        if fit < f.steps {
            let first = ctx.state.scroll + 1, last = min(f.steps, ctx.state.scroll + fit)
            title = "t=\(t + 1)/\(f.steps), shows \(first)–\(last) \(ctx.glyphs.arrowLeft)\(ctx.glyphs.arrowRight)"
        }
        buffer.write(x: area.x, y: y, title, style: ctx.accent, clip: area)
        y += 1
        let panel = ctx.state.scene.selected
        // A picture read row by row (the digits): the image, with the row being read marked.
        if f.task.name == "digits", let pixels = f.denseInputs, y + 5 < area.maxY {
            let image = PixelImage(pixels: pixels, low: 0, high: 1, highlightedRow: t, glyphs: ctx.glyphs, mode: ctx.mode)
            // Half blocks hold two pixel rows a cell in 256 colours; shades need a row each.
            let h = image.resolvedDrawing == .halfBlocks ? (pixels.count + 1) / 2 : pixels.count
            image.draw(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: h))
            buffer.write(x: area.x + 20, y: y, "the digit,", style: ctx.muted, clip: area)
            buffer.write(x: area.x + 20, y: y + 1, "row \(t + 1) read", style: ctx.muted, clip: area)
            ctx.mark("x", panel: panel)
            y += h + 1
        }
        // Words the embedding puts near the word at the cursor.
        if Set(ctx.state.currentPage?.focus ?? []).contains(.embedding), let emb = ctx.state.experiment?.embeddings,
           case .symbols(let symbols) = f.example.input, t < symbols.count, symbols[t] < emb.names.count, y + 1 < area.maxY {
            let k = symbols[t]
            let near = emb.cosine[k].indices.filter { $0 != k }.sorted { emb.cosine[k][$0] > emb.cosine[k][$1] }.prefix(4)
            buffer.write(x: area.x, y: y, "nearest to \(emb.names[k]) (cosine)", style: ctx.muted, clip: area)
            y += 1
            for j in near where y < area.maxY {
                buffer.write(x: area.x + 1, y: y, truncate(emb.names[j], to: area.width - 9, ellipsis: ctx.glyphs.ellipsis), clip: area)
                let c = NumberFormat.fit(emb.cosine[k][j], width: 6) ?? "?"
                buffer.write(x: area.maxX - displayWidth(c), y: y, c, clip: area)
                y += 1
            }
            ctx.mark("embedding", "similarity", panel: panel)
        }
        // What the inspector lists: the step's input, target, output and loss first; then the
        // figures and vectors the page's claims read, then those of the rows the page is about (its
        // focus), then the rest in their usual order, so what a page's text reads at the cursor is
        // on a short screen too. A row names the claim figure it marks, marked only once drawn.
        enum Item {
            case row(label: String, value: String, style: Style, figure: String?)
            case vector(name: String, values: [Double])
        }
        func num(_ v: Double) -> (String, Style) {
            if v.isNaN { return ("nan", Style(fg: ctx.palette.nan, attributes: .bold)) }
            if v.isInfinite { return (v > 0 ? "inf" : "-inf", Style(fg: ctx.palette.inf, attributes: .bold)) }
            return (NumberFormat.short(v), .plain)
        }
        func number(_ label: String, _ v: Double) -> Item {
            let (s, st) = num(v)
            return .row(label: label, value: s, style: st, figure: nil)
        }
        var items: [Item] = []
        let padding = f.paddedFrom.map { t >= $0 } == true
        items.append(.row(label: "x", value: (at(f.inputLabels, t) ?? "") + (padding ? "  (padding)" : ""), style: .plain, figure: nil))
        let target = at(f.targetLabels, t) ?? ""
        items.append(.row(label: "target", value: target.isEmpty ? "— (not scored)" : target, style: .plain, figure: nil))
        if let p = f.predictions, let pt = at(p, t) { items.append(.row(label: "pred", value: pt, style: .plain, figure: nil)) }
        if let yt = at(f.y, t), yt.count <= 2 {
            items.append(.row(label: "y", value: yt.map { NumberFormat.short($0) }.joined(separator: ", "), style: .plain, figure: nil))
        }
        if at(f.scored, t) == true, let l = at(f.stepLoss, t) { items.append(number("loss", l)) }
        else if at(f.scored, t) != true { items.append(.row(label: "loss", value: "— (not part of L)", style: ctx.muted, figure: nil)) }

        // The rest, each with the claim figure it shows and the focus rows it belongs to.
        var rest: [(item: Item, figure: String, rows: Set<FocusRow>)] = []
        if let v = at(f.dh, t) { rest.append((number("‖dh‖", v), "dh", [.gradient])) }
        if let dc = f.dc, let v = at(dc, t) { rest.append((number("‖dc‖", v), "dc", [.cellGradient])) }
        if let v = at(f.gain, t) { rest.append((number("gain", v), "gain", [.gain])) }
        if !f.reachComputed { rest.append((.row(label: "reach", value: "after training stops", style: ctx.muted, figure: nil), "reach", [.reach])) }
        else if let v = at(f.reach, t) { rest.append((number("reach", v), "reach", [.reach])) }
        if f.config.cell != .rnn { rest.append((.row(label: "bound", value: "n/a (gated)", style: ctx.muted, figure: nil), "bound", [.bound])) }
        else if let v = at(f.bound, t) { rest.append((number("bound", v), "bound", [.bound])) }
        // The softmax of every output (up to ten), so ℓ_t = −log p_t[target] can be checked by hand.
        if let p = f.probabilities, p.names.count <= 10, t < p.p.count {
            let text = zip(p.names, p.p[t]).map { "\($0) \(NumberFormat.fit($1, width: 5) ?? "0")" }.joined(separator: "  ")
            rest.append((.row(label: "p_t", value: text, style: .plain, figure: "p"), "p", [.probability, .output, .target, .loss]))
        }
        if let h = at(f.h, t) { rest.append((.vector(name: "h_t", values: h), "h", [.hidden])) }
        if let c = f.c, let ct = at(c, t) { rest.append((.vector(name: "c_t", values: ct), "c", [.cell])) }
        // The scores y_t after the state (p_t above already gives them as probabilities).
        if let yt = at(f.y, t), yt.count > 2, f.probabilities == nil || yt.count <= 10 { rest.append((.vector(name: "y_t", values: yt), "y", [.output])) }
        for g in f.gates {
            guard let v = at(g.values, t) else { continue }
            let info = TimelineView.gateInfo(g.name)
            rest.append((.vector(name: info.symbol + "_t " + g.name, values: v), info.figure, info.row.map { [$0, .gates] } ?? [.gates]))
        }
        let claimed = HeaderView.claimedNames(ctx.state)
        let focus = Set(ctx.state.currentPage?.focus ?? [])
        func rank(_ r: (item: Item, figure: String, rows: Set<FocusRow>)) -> Int {
            claimed.contains(r.figure) ? 0 : !r.rows.isDisjoint(with: focus) ? 1 : 2
        }
        for level in 0...2 { items += rest.filter { rank($0) == level }.map(\.item) }

        let labelWidth = 7, cell = 8
        let perLine = max(1, area.width / cell)
        for item in items {
            guard y < area.maxY else { return }
            switch item {
            case .row(let label, let value, let st, let figure):
                buffer.write(x: area.x, y: y, label, style: ctx.muted, clip: area)
                if let figure { ctx.mark(figure, panel: panel) }
                // Long values (the softmax) wrap onto the next lines rather than being cut.
                var rest = value
                repeat {
                    guard y < area.maxY else { return }
                    let room = area.width - labelWidth
                    var piece = String(rest.prefix(room))
                    // Break between items (two spaces), never inside one.
                    if piece.count < rest.count, let cut = piece.range(of: "  ", options: .backwards), cut.lowerBound > piece.startIndex {
                        piece = String(piece[..<cut.lowerBound])
                    }
                    buffer.write(x: area.x + labelWidth, y: y, piece, style: st, clip: area)
                    rest = String(rest.dropFirst(piece.count)).trimmingCharacters(in: .whitespaces)
                    y += 1
                } while !rest.isEmpty
            case .vector(let name, let values):
                buffer.write(x: area.x, y: y, "\(name) (\(values.count))", style: ctx.muted, clip: area)
                y += 1
                var i = 0
                while i < values.count {
                    guard y < area.maxY else { return }
                    let lastRow = y == area.maxY - 1
                    for k in 0..<perLine where i + k < values.count {
                        if lastRow && k == perLine - 1 && i + k < values.count - 1 {
                            // Words, not "+3…", which reads as the number 3.
                            buffer.write(x: area.x + k * cell, y: y, "\(values.count - i - k) more", style: ctx.muted, clip: area)
                            break
                        }
                        let v = values[i + k]
                        // Each value fits its cell less one, so neighbours never run together.
                        let (s, st) = v.isFinite ? (NumberFormat.fit(v, width: cell - 1) ?? String(NumberFormat.mark(v, glyphs: ctx.glyphs)), Style.plain) : num(v)
                        let padded = String(repeating: " ", count: max(0, cell - 1 - displayWidth(s))) + s
                        buffer.write(x: area.x + k * cell, y: y, padded, style: st, clip: area)
                    }
                    i += perLine
                    y += 1
                }
            }
        }
    }

    /// The element at `i`, or nil when out of range.
    static func at<T>(_ a: [T], _ i: Int) -> T? { i >= 0 && i < a.count ? a[i] : nil }
}
