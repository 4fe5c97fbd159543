import UnrollDraw

/// The current page's text: a title row, then the Markdown body, scrolled with ↑/↓.
enum LessonTextView {
    static func draw(_ ctx: ViewContext, into buffer: inout Buffer) {
        let s = ctx.state
        let area = ctx.layout.text
        guard area.height >= 1, area.width >= 4 else { return }
        let title = s.currentPage?.title ?? s.lesson.title
        let maxScroll = ctx.layout.maxTextScroll(state: s)
        var hint = ""
        if maxScroll > 0 {
            hint = s.textScroll >= maxScroll ? " \(ctx.glyphs.arrowUp)" : (s.textScroll > 0 ? " \(ctx.glyphs.arrowUp)\(ctx.glyphs.arrowDown)" : " \(ctx.glyphs.arrowDown) more")
        }
        let hintWidth = displayWidth(hint)
        buffer.write(x: area.x, y: area.y, truncate(title, to: max(1, area.width - hintWidth), ellipsis: ctx.glyphs.ellipsis),
                     style: ctx.heading, clip: area)
        if !hint.isEmpty {
            buffer.write(x: area.maxX - hintWidth, y: area.y, hint, style: ctx.muted, clip: area)
        }
        let body = area.inset(top: 1)
        // Code lines wider than the pane continue on marked lines, so no equation is cut off.
        let block = TextBlock(s.currentPage?.body ?? "", scroll: s.textScroll, wrapsCode: true, glyphs: ctx.glyphs, mode: ctx.mode)
        block.draw(into: &buffer, area: body)
        if ctx.layout.isWide {
            let x = area.maxX
            for y in area.y..<area.maxY { buffer.put(x: x, y: y, ctx.glyphs.vertical, style: ctx.muted) }
        }
    }
}
