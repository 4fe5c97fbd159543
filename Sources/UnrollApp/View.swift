import Foundation
import UnrollDraw
import UnrollLab

/// The Elm-style view: the whole frame for a state, as a pure function of its arguments.
public func view(_ state: AppState, width: Int, height: Int, glyphs: Glyphs, mode: ColorMode) -> Buffer {
    Screen.frame(state, width: width, height: height, glyphs: glyphs, mode: mode).buffer
}

/// A drawn frame and what it shows: for each panel (by index in the scene), the names of the
/// figures that some row, caption or chart of the frame draws. Lesson tests check that every
/// figure a claim reads is among them.
public struct Frame: Sendable {
    public let buffer: Buffer
    public let shown: [Int: Set<String>]

    /// Whether panel `i`'s figure `name` is drawn.
    public func shows(_ name: String, panel i: Int) -> Bool { shown[i]?.contains(name) == true }
}

/// Collects, while views draw, which figures of which panels they drew.
final class ShownFigures: @unchecked Sendable {
    private(set) var byPanel: [Int: Set<String>] = [:]
    func mark(_ names: [String], panel: Int) { byPanel[panel, default: []].formUnion(names) }
}

/// What every view needs: the state, the layout, and how to draw.
struct ViewContext {
    let state: AppState
    let layout: Layout
    let glyphs: Glyphs
    let mode: ColorMode
    let shown: ShownFigures
    var palette: Palette { Palette(mode) }
    var muted: Style { palette.mutedStyle }
    var accent: Style { Style(fg: palette.accent, attributes: .bold) }
    var heading: Style { mode.hasColor ? Style(fg: palette.accent, attributes: .bold) : Style(attributes: [.bold, .underline]) }
    /// The shared column geometry of every timeline row.
    var timeline: Timeline { layout.timelineGeometry(state) }
    var gutter: Int { Layout.gutter }

    /// Records that the frame draws these figures of panel `i`.
    func mark(_ names: String..., panel i: Int) { shown.mark(names, panel: i) }
}

/// Composes the frame from the views.
public enum Screen {
    /// Draws the frame for a state at a size (the state's own size is ignored).
    public static func render(_ state: AppState, width: Int, height: Int, glyphs: Glyphs, mode: ColorMode) -> Buffer {
        frame(state, width: width, height: height, glyphs: glyphs, mode: mode).buffer
    }

    /// Draws the frame and records what it shows.
    public static func frame(_ state: AppState, width: Int, height: Int, glyphs: Glyphs, mode: ColorMode) -> Frame {
        var s = state
        s.width = max(0, width)
        s.height = max(0, height)
        s = Update.settle(s)
        s.glyphs = glyphs
        // An ASCII buffer spells every text in ASCII (ρ → rho, ‖g‖ → |g|), so views need not.
        var buffer = Buffer(width: s.width, height: s.height, ascii: glyphs.asciiOnly)
        let layout = Layout(state: s)
        let ctx = ViewContext(state: s, layout: layout, glyphs: glyphs, mode: mode, shown: ShownFigures())
        if layout.tooSmall {
            TooSmallView.draw(ctx, into: &buffer)
            return Frame(buffer: buffer, shown: [:])
        }
        HeaderView.draw(ctx, into: &buffer)
        LessonTextView.draw(ctx, into: &buffer)
        if s.isComparing {
            CompareView.draw(ctx, into: &buffer)
        } else if s.figures != nil {
            SingleView.draw(ctx, into: &buffer)
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
        // An overlay hides the figures beneath it.
        return Frame(buffer: buffer, shown: s.overlay == .none ? ctx.shown.byPanel : [:])
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
