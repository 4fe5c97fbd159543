import UnrollDraw
import UnrollLessons

/// The bottom row: the message if there is one, else the keys that matter now (the page's first).
enum FooterView {
    static func draw(_ ctx: ViewContext, into buffer: inout Buffer) {
        let area = ctx.layout.footer
        guard !area.isEmpty else { return }
        let s = ctx.state
        if let message = s.message {
            let st = s.messageIsError ? Style(fg: ctx.palette.bad, attributes: .bold) : ctx.accent
            let text = (s.messageIsError ? "! " : "") + message
            buffer.write(x: area.x, y: area.y, truncate(text, to: area.width, ellipsis: ctx.glyphs.ellipsis),
                         style: ctx.mode.hasColor ? st : Style(attributes: .bold), clip: area)
            return
        }
        KeyBar(items(s, glyphs: ctx.glyphs), glyphs: ctx.glyphs, mode: ctx.mode).draw(into: &buffer, area: area)
    }

    /// The key bar entries for the state: what the page suggests first, then the rest.
    static func items(_ s: AppState, glyphs g: Glyphs) -> [(key: String, label: String)] {
        if let t = s.training, t.running {
            return [("t", "pause"), ("r", "reset"), ("?", "help"), ("q", "quit")]
        }
        var all: [(key: String, label: String)] = [
            ("\(g.arrowLeft)\(g.arrowRight)", "step"), ("space", "forward"), ("b", "backward"), ("a", "tanh/ReLU"),
            ("m", "cell"), ("i", "init"), ("[ ]", "ρ"), ("g", s.clipping ? "unclip" : "clip"),
            ("c", s.isComparing ? "single" : "compare"), ("t", s.training == nil ? "train" : "resume"),
            ("n/p", "page"), ("L", "lessons"), ("?", "help"), ("q", "quit"),
        ]
        let suggested = (s.currentPage?.keys ?? []).map(spelling)
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
        default: return k.rawValue
        }
    }
}
