import Foundation
import UnrollDraw
import UnrollEngine
import UnrollLab
import UnrollLessons

/// The Elm-style update: the next state and the effects for one message.
public func update(_ state: AppState, _ message: Message) -> (AppState, [Effect]) {
    Update.update(state, message)
}

/// State transitions; every change to `AppState` goes through here.
public enum Update {
    /// The next state and the effects for one message.
    public static func update(_ state: AppState, _ message: Message) -> (AppState, [Effect]) {
        var s = state
        var effects: [Effect] = []
        switch message {
        case .resize(let w, let h):
            s.width = max(0, w)
            s.height = max(0, h)
        case .tick(let ms, let budget):
            s = tick(s, milliseconds: ms, budget: budget)
        case .saved(let path, let problem):
            s.message = problem.map { "can't save the model: \($0)" } ?? "saved the model as a PyTorch state_dict: \(path)"
            s.messageIsError = problem != nil
        case .key(let key):
            if case .resize(let w, let h) = key {
                s.width = max(0, w); s.height = max(0, h)
            } else {
                s.message = nil
                s.messageIsError = false
                (s, effects) = handle(key, in: s)
            }
        }
        s = settle(s)
        return (s, effects)
    }

    /// Applies a whole key script (as `unroll render` does) from a state; the held-out figures a
    /// key leaves for the next tick are computed before the next key, as on screen.
    public static func run(_ keys: [Key], from state: AppState) -> (AppState, [Effect]) {
        var s = state
        var all: [Effect] = []
        for k in keys {
            let (next, effects) = update(s, .key(k))
            s = settleHeldOut(next)
            all += effects
        }
        return (s, all)
    }

    // MARK: Keys

    static func handle(_ key: Key, in state: AppState) -> (AppState, [Effect]) {
        var s = state
        if key == .ctrl("c") || key == .ctrl("\\") { s.quitting = true; return (s, [.quit]) }
        switch s.overlay {
        case .help(let scroll):
            switch key {
            case .up, .char("k"): s.overlay = .help(scroll: max(0, scroll - 1))
            case .down, .char("j"): s.overlay = .help(scroll: min(500, scroll + 1))
            case .pageUp: s.overlay = .help(scroll: max(0, scroll - 10))
            case .pageDown, .char(" "): s.overlay = .help(scroll: min(500, scroll + 10))
            default: s.overlay = .none   // q, Esc, ? and any other key close the help
            }
            return (s, [])
        case .menu(let sel):
            let n = s.lessons.count
            switch key {
            case .char("q"): s.quitting = true; return (s, [.quit])
            case .up, .char("k"): s.overlay = .menu(selection: max(0, sel - 1))
            case .down, .char("j"): s.overlay = .menu(selection: min(n - 1, sel + 1))
            case .home: s.overlay = .menu(selection: 0)
            case .end: s.overlay = .menu(selection: n - 1)
            case .enter, .char(" "), .right:
                s = leavePage(s, toLesson: min(max(0, sel), n - 1), page: 0)
            case .char(let c) where c.isNumber:
                if let d = c.wholeNumberValue, let i = s.lessons.firstIndex(where: { $0.number == d }) ?? (d >= 1 && d <= n ? d - 1 : nil) {
                    s.overlay = .menu(selection: i)
                }
            case .mouseClick(_, let y):
                if let i = MenuOverlay.lesson(atRow: y, state: s, selection: sel) { s = leavePage(s, toLesson: i, page: 0) }
            default: s.overlay = .none
            }
            return (s, [])
        case .none:
            break
        }
        let last = max(0, s.steps - 1)
        switch key {
        case .char("q"):
            s.quitting = true
            return (s, [.quit])
        case .left, .char("h"): s.cursor = max(0, s.cursor - 1); s.animation = .none
        case .right, .char("l"): s.cursor = min(last, s.cursor + 1); s.animation = .none
        case .home: s.cursor = 0; s.animation = .none
        case .end: s.cursor = last; s.animation = .none
        case .up, .char("k"): s.textScroll = max(0, s.textScroll - 1)
        case .down, .char("j"): s.textScroll += 1
        case .pageUp: s.textScroll = max(0, s.textScroll - 5)
        case .pageDown: s.textScroll += 5
        case .char("u"): s.unitScroll = min(s.unitScroll + 1, max(0, s.settings.hidden - 1))
        case .char("U"): s.unitScroll = max(0, s.unitScroll - 1)
        case .char(" "):
            if case .forward = s.animation { s.animation = .none } else if s.steps > 0 {
                s.animation = .forward(revealed: 1); s.cursor = 0; s.pace.playCredit = 0
            }
        case .char("b"):
            if case .backward = s.animation { s.animation = .none } else if s.steps > 0 {
                s.animation = .backward(from: last); s.cursor = last; s.pace.playCredit = 0
            }
        case .escape:
            s.animation = .none
        case .char("a"): s = toggleActivation(s)
        case .char("m"):
            let next: CellKind = s.settings.cell == .rnn ? .lstm : (s.settings.cell == .lstm ? .gru : .rnn)
            s = change(s, "cell \(next.displayName) (new weights, same seed)") {
                $0.cell = next
                // Peepholes and the forget bias belong to the LSTM.
                if next != .lstm { $0.peepholes = false; $0.forgetBias = nil }
            }
        case .char("i"):
            let order: [InitScheme] = [.default, .orthogonal, .identity]
            let i = order.firstIndex(of: s.settings.initScheme).map { ($0 + 1) % order.count } ?? 0
            let next = order[i]
            s = change(s, "init \(next.rawValue) (new weights)") { $0.initScheme = next; $0.radius = nil }
        case .char("["), .char("]"): s = scaleRadius(s, up: key == .char("]"))
        case .char("g"): s = toggleClipping(s)
        case .char("<"), .char(">"): s = changeTruncation(s, longer: key == .char(">"))
        case .char("s"), .char("S"): s = changeSeed(s, by: key == .char("s") ? 1 : -1)
        case .char("e"), .char("E"): s = changeExample(s, by: key == .char("e") ? 1 : -1)
        case .char("+"), .char("="): s = changePace(s, by: 1)
        case .char("-"), .char("_"): s = changePace(s, by: -1)
        case .tab: s = selectPanel(s, by: 1)
        case .char("c"): s = toggleCompare(s)
        case .char("t"): s = toggleTraining(s)
        case .char("w"): return saveModel(s)
        case .char("f"): s = toggleGeneration(s, sampling: false)
        case .char("F"): s = toggleGeneration(s, sampling: true)
        case .char("~"): s = changeNoise(s)
        case .char("r"):
            s.keptScenes[PageKey(lesson: s.lessonIndex, page: s.page)] = nil
            s = openPage(s, lesson: s.lessonIndex, page: s.page)
            s.message = "reset: the page's models with fresh weights"
        case .char("n"):
            if s.page + 1 < s.lesson.pages.count { s = leavePage(s, toLesson: s.lessonIndex, page: s.page + 1) }
            else { s.message = "last page of this lesson — press L for the lesson menu" }
        case .char("p"):
            if s.page > 0 { s = leavePage(s, toLesson: s.lessonIndex, page: s.page - 1) }
            else { s.message = "first page of this lesson" }
        case .char("L"):
            s.overlay = .menu(selection: s.lessonIndex)
        case .char("?"), .f1:
            s.overlay = .help(scroll: 0)
        case .mouseClick(let x, let y):
            let layout = Layout(state: s)
            if let t = layout.timestep(atX: x, y: y, state: s) { s.cursor = t; s.animation = .none }
        default:
            break
        }
        return (s, [])
    }

    // MARK: Invariants

    /// Clamps the cursor and scrolls the timeline so the cursor stays visible.
    static func settle(_ state: AppState) -> AppState {
        var s = state
        let n = s.steps
        s.cursor = n > 0 ? min(max(0, s.cursor), n - 1) : 0
        let layout = Layout(state: s)
        let plot = max(1, layout.plotWidth)
        let timeline = Timeline(columnWidth: layout.columnWidth, firstColumn: s.scroll).scrolledToShow(s.cursor, width: plot)
        let fit = max(1, plot / max(1, layout.columnWidth))
        s.scroll = max(0, min(timeline.firstColumn, max(0, n - fit)))
        if s.cursor < s.scroll || s.cursor >= s.scroll + fit { s.scroll = max(0, s.cursor - fit + 1) }
        s.textScroll = max(0, min(s.textScroll, layout.maxTextScroll(state: s)))
        return s
    }

    /// A readable one-line description of any error.
    static func describe(_ error: Error) -> String {
        if let e = error as? EngineError { return e.message }
        if let e = error as? AppError { return e.description }
        if let e = error as? PanelError { return e.message }
        let text = String(describing: error)
        return text.replacingOccurrences(of: "\n", with: " ")
    }
}
