import UnrollDraw
import UnrollLessons

/// The bottom row: the message if there is one, else the keys that matter now (the page's
/// first). `n/p page` (in a lesson of several pages), `? help` and `q quit` are always at the
/// right end, whatever the width: a student can always leave the page, ask and quit.
enum FooterView {
    static func draw(_ ctx: ViewContext, into buffer: inout Buffer) {
        let area = ctx.layout.footer
        guard !area.isEmpty else { return }
        let s = ctx.state
        let paging: [(key: String, label: String)] = s.lesson.pages.count > 1 && s.message == nil ? [("n/p", "page")] : []
        let fixed = paging + [("?", "help"), ("q", "quit")]
        let fixedWidth = fixed.reduce(0) { $0 + displayWidth($1.key) + 1 + displayWidth($1.label) + 2 }
        let right = Rect(x: max(area.x, area.maxX - fixedWidth), y: area.y, width: min(area.width, fixedWidth), height: 1)
        let left = Rect(x: area.x, y: area.y, width: max(0, right.x - area.x - 1), height: 1)
        KeyBar(fixed, glyphs: ctx.glyphs, mode: ctx.mode).draw(into: &buffer, area: right.inset(left: 2))
        if let message = s.message {
            let st = s.messageIsError ? Style(fg: ctx.palette.bad, attributes: .bold) : ctx.accent
            let text = (s.messageIsError ? "! " : "") + message
            buffer.write(x: left.x, y: left.y, truncate(text, to: left.width, ellipsis: ctx.glyphs.ellipsis),
                         style: ctx.mode.hasColor ? st : Style(attributes: .bold), clip: left)
            return
        }
        let rest = items(s, glyphs: ctx.glyphs).filter { item in !fixed.contains { $0.key == item.key } }
        KeyBar(rest, glyphs: ctx.glyphs, mode: ctx.mode).draw(into: &buffer, area: left)
    }

    /// The key bar entries for the state: what the page asks for first, then what it suggests,
    /// then the rest.
    static func items(_ s: AppState, glyphs g: Glyphs) -> [(key: String, label: String)] {
        let training = s.scene.isTraining
        var all: [(key: String, label: String)] = [
            ("\(g.arrowLeft)\(g.arrowRight)", "step"), ("space", "forward"), ("b", "backward"),
            ("t", training ? "pause" : (s.scene.hasTraining ? "train more" : "train")),
            ("+ -", "speed"), ("n/p", "page"),
            ("c", s.isComparing ? "single" : "compare"), ("a", "tanh/ReLU"),
            ("m", "cell"), ("i", "init"), ("[ ]", "ρ"), ("g", s.clipping ? "unclip" : "clip"),
            ("e E", "example"), ("s", "seed"), ("f F", "run on its own"), ("u U", "units"), ("< >", "truncate"), ("~", "noise"), ("w", "save"), ("r", "reset"), ("L", "lessons"),
        ]
        if s.scene.panels.count > 1 { all.insert(("Tab", "select"), at: 4) }
        if s.lesson.pages.count < 2 { all.removeAll { $0.key == "n/p" } }
        let suggested = ((s.currentPage?.keys ?? []) + (s.currentPage?.tryKeys ?? [])).map(spelling)
        var first: [(key: String, label: String)] = []
        for k in suggested {
            if let i = all.firstIndex(where: { $0.key == k || ($0.key.contains(k) && k.count == 1 && k != " ") }) {
                first.append(all.remove(at: i))
            }
        }
        return first + all
    }

    /// How a lesson key is written in the key bar.
    static func spelling(_ k: LessonKey) -> String {
        switch k {
        case .space: return "space"
        case .left, .right, .h, .l: return "←→"
        case .previousStep, .nextStep: return "[ ]"
        case .n, .p: return "n/p"
        case .e, .capitalE: return "e E"
        case .s, .capitalS: return "s"
        case .faster, .slower: return "+ -"
        case .tab: return "Tab"
        case .u, .capitalU: return "u U"
        case .shorterTruncation, .longerTruncation: return "< >"
        case .f, .capitalF: return "f F"
        default: return k.rawValue
        }
    }
}
