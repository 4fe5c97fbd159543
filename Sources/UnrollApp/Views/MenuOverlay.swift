import UnrollDraw

/// `L`: the lessons, one per row; ↑/↓ choose, Enter opens.
enum MenuOverlay {
    /// The screen row of the first lesson entry.
    static func firstRowY(state: AppState) -> Int { 3 }

    /// How many entries fit, and the index of the first one shown (the list scrolls with the selection).
    static func window(lessons count: Int, height: Int, selection: Int) -> (first: Int, rows: Int) {
        let h = min(height - 2, count + 4)
        let rows = max(1, h - 3)
        return (max(0, min(selection - rows + 1, count - rows)), rows)
    }

    /// The lesson under a click at screen row `y`, if any.
    static func lesson(atRow y: Int, state: AppState, selection: Int) -> Int? {
        let (first, rows) = window(lessons: state.lessons.count, height: state.height, selection: selection)
        let k = y - firstRowY(state: state)
        guard k >= 0, k < rows, first + k < state.lessons.count else { return nil }
        return first + k
    }

    static func draw(_ ctx: ViewContext, selection: Int, into buffer: inout Buffer) {
        let s = ctx.state
        let w = min(ctx.layout.width - 4, 80)
        let h = min(ctx.layout.height - 2, s.lessons.count + 4)
        guard w >= 20, h >= 4 else { return }
        let box = Rect(x: (ctx.layout.width - w) / 2, y: 1, width: w, height: h)
        buffer.fill(box)
        Box(title: "Lessons — ↑/↓ choose, Enter opens, Esc closes", focused: true, glyphs: ctx.glyphs, mode: ctx.mode)
            .draw(into: &buffer, area: box)
        let inner = box.inset(top: 2, left: 2, bottom: 1, right: 2)
        let (first, rows) = window(lessons: s.lessons.count, height: ctx.layout.height, selection: selection)
        for (k, i) in (first..<min(s.lessons.count, first + rows)).enumerated() {
            let l = s.lessons[i]
            let n = l.number.map { String($0) } ?? String(i + 1)
            var line = "\(n). \(l.title)"
            if !l.summary.isEmpty { line += " — " + l.summary }
            let st = i == selection ? Style(attributes: [.reverse, .bold]) : (i == s.lessonIndex ? ctx.accent : .plain)
            buffer.write(x: inner.x, y: inner.y + k, truncate(line, to: inner.width, ellipsis: ctx.glyphs.ellipsis), style: st, clip: inner)
        }
    }
}
