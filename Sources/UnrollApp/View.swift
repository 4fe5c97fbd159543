import UnrollDraw
import UnrollLab

/// The Elm-style view: the whole frame for a state, as a pure function of its arguments.
public func view(_ state: AppState, width: Int, height: Int, glyphs: Glyphs, mode: ColorMode) -> Buffer {
    Screen.render(state, width: width, height: height, glyphs: glyphs, mode: mode)
}

/// What every view needs: the state, the layout, and how to draw.
struct ViewContext {
    let state: AppState
    let layout: Layout
    let glyphs: Glyphs
    let mode: ColorMode
    var palette: Palette { Palette(mode) }
    var muted: Style { palette.mutedStyle }
    var accent: Style { Style(fg: palette.accent, attributes: .bold) }
    var heading: Style { mode.hasColor ? Style(fg: palette.accent, attributes: .bold) : Style(attributes: [.bold, .underline]) }
    /// The shared column geometry of every timeline row.
    var timeline: Timeline { layout.timelineGeometry(state) }
    var gutter: Int { Layout.gutter }
}

/// Composes the frame from the views.
public enum Screen {
    /// Draws the frame for a state at a size (the state's own size is ignored).
    public static func render(_ state: AppState, width: Int, height: Int, glyphs: Glyphs, mode: ColorMode) -> Buffer {
        var s = state
        s.width = max(0, width)
        s.height = max(0, height)
        s = Update.settle(s)
        var buffer = Buffer(width: s.width, height: s.height)
        let layout = Layout(state: s)
        let ctx = ViewContext(state: s, layout: layout, glyphs: glyphs, mode: mode)
        if layout.tooSmall {
            TooSmallView.draw(ctx, into: &buffer)
            return buffer
        }
        HeaderView.draw(ctx, into: &buffer)
        LessonTextView.draw(ctx, into: &buffer)
        if let t = s.training, t.running {
            TrainingView.draw(ctx, training: t, into: &buffer)
        } else if s.isComparing {
            CompareView.draw(ctx, into: &buffer)
        } else if let f = s.figures {
            TimelineView.draw(ctx, figures: f, into: &buffer)
            InspectorView.draw(ctx, figures: f, into: &buffer)
        } else {
            let area = layout.main
            buffer.write(x: area.x + 1, y: area.y + 1, "No model to show.", style: ctx.accent, clip: area)
            buffer.write(x: area.x + 1, y: area.y + 2, "Press r to reset the page, m/i to change the model, L for lessons.",
                         style: ctx.muted, clip: area)
        }
        FooterView.draw(ctx, into: &buffer)
        switch s.overlay {
        case .none: break
        case .help(let scroll): HelpOverlay.draw(ctx, scroll: scroll, into: &buffer)
        case .menu(let selection): MenuOverlay.draw(ctx, selection: selection, into: &buffer)
        }
        return buffer
    }
}

/// "terminal too small" centred in whatever room there is.
enum TooSmallView {
    static func draw(_ ctx: ViewContext, into buffer: inout Buffer) {
        let w = ctx.layout.width, h = ctx.layout.height
        let lines = ["terminal too small:", "need \(Layout.minWidth)×\(Layout.minHeight), have \(w)×\(h)"]
        let one = "terminal too small: need \(Layout.minWidth)×\(Layout.minHeight), have \(w)×\(h)"
        let text = displayWidth(one) <= w ? [one] : lines
        let top = max(0, (h - text.count) / 2)
        for (i, line) in text.enumerated() {
            let x = max(0, (w - displayWidth(line)) / 2)
            buffer.write(x: x, y: top + i, line, style: ctx.accent)
        }
    }
}
