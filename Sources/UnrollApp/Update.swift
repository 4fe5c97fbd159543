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
        case .tick(let n):
            s = tick(s, trainSteps: n)
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

    /// Applies a whole key script (as `unroll render` does) from a state.
    public static func run(_ keys: [Key], from state: AppState) -> (AppState, [Effect]) {
        var s = state
        var all: [Effect] = []
        for k in keys {
            let (next, effects) = update(s, .key(k))
            s = next
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
            case .char("q"): s.quitting = true; return (s, [.quit])
            case .up, .char("k"): s.overlay = .help(scroll: max(0, scroll - 1))
            case .down, .char("j"): s.overlay = .help(scroll: min(500, scroll + 1))
            case .pageUp: s.overlay = .help(scroll: max(0, scroll - 10))
            case .pageDown, .char(" "): s.overlay = .help(scroll: min(500, scroll + 10))
            default: s.overlay = .none
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
                s = openPage(s, lesson: min(max(0, sel), n - 1), page: 0)
            case .char(let c) where c.isNumber:
                if let d = c.wholeNumberValue, let i = s.lessons.firstIndex(where: { $0.number == d }) ?? (d >= 1 && d <= n ? d - 1 : nil) {
                    s.overlay = .menu(selection: i)
                }
            case .mouseClick(_, let y):
                if let i = MenuOverlay.lesson(atRow: y, state: s, selection: sel) { s = openPage(s, lesson: i, page: 0) }
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
        case .char(" "):
            if case .forward = s.animation { s.animation = .none } else if s.steps > 0 {
                s.animation = .forward(revealed: 1); s.cursor = 0
            }
        case .char("b"):
            if case .backward = s.animation { s.animation = .none } else if s.steps > 0 {
                s.animation = .backward(from: last); s.cursor = last
            }
        case .escape:
            s.animation = .none
        case .char("a"):
            if s.settings.cell != .rnn {
                s.message = "a: the activation belongs to the vanilla RNN; \(s.settings.cell.displayName) gates use fixed sigmoid/tanh (press m for RNN)"
            } else {
                let next: Activation = s.settings.activation == .relu ? .tanh : .relu
                s = change(s, "activation \(next.rawValue) (same weights)") { $0.activation = next }
            }
        case .char("m"):
            let next: CellKind = s.settings.cell == .rnn ? .lstm : (s.settings.cell == .lstm ? .gru : .rnn)
            s = change(s, "cell \(next.displayName) (new weights, same seed)") { $0.cell = next }
        case .char("i"):
            let order: [InitScheme] = [.default, .orthogonal, .identity]
            let i = order.firstIndex(of: s.settings.initScheme).map { ($0 + 1) % order.count } ?? 0
            let next = order[i]
            s = change(s, "init \(next.rawValue) (new weights)") { $0.initScheme = next; $0.radius = nil }
        case .char("["), .char("]"):
            let factor = key == .char("]") ? 1.25 : 0.8
            let current = s.settings.radius ?? s.figures?.spectralRadius ?? 1
            let base = current.isFinite && current > 0 ? current : 1
            // Far enough up that activations overflow to inf (a lesson in itself); the weights stay finite,
            // so scaling back down always recovers.
            let next = min(1e12, max(1e-6, base * factor))
            s = change(s, "ρ(W_hh) = \(NumberFormat.short(next)) (weights rescaled)") { $0.radius = next }
        case .char("g"):
            let on = !s.clipping
            let threshold = s.clipThreshold
            s = change(s, on ? "gradient clipping on: ‖g‖ ≤ \(NumberFormat.short(threshold))" : "gradient clipping off") {
                $0.clipNorm = on ? threshold : nil
            }
        case .char("c"):
            if s.isComparing { s.compare = [] } else { s = buildCompare(s) }
        case .char("t"):
            s = toggleTraining(s)
        case .char("r"):
            s = openPage(s, lesson: s.lessonIndex, page: s.page)
            s.message = "reset: the page's model with fresh weights"
        case .char("n"):
            if s.page + 1 < s.lesson.pages.count { s = openPage(s, lesson: s.lessonIndex, page: s.page + 1) }
            else { s.message = "last page of this lesson — press L for the lesson menu" }
        case .char("p"):
            if s.page > 0 { s = openPage(s, lesson: s.lessonIndex, page: s.page - 1) }
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

    // MARK: Changes

    /// Rebuilds the experiment with changed settings; a failure leaves everything as it was and says why.
    static func change(_ state: AppState, _ note: String, _ edit: @escaping (inout ExperimentSettings) -> Void) -> AppState {
        var s = state
        do {
            let e: Experiment
            if let old = s.experiment {
                e = try old.changed(edit)
            } else {
                var settings = s.settings
                edit(&settings)
                e = try Experiment(settings, dataDirectory: s.dataDirectory)
            }
            // Clipping acts only on updates: the figures stay as they are, and a run in progress
            // goes on with the new setting.
            var clipOnly = s.settings
            clipOnly.clipNorm = e.settings.clipNorm
            clipOnly.clipValue = e.settings.clipValue
            if clipOnly == e.settings, s.experiment != nil, s.figures != nil {
                s.experiment = e
                s.settings = e.settings
                s.message = note
                s.training?.run.setClipping(e.settings.clipping)
                s.animation = .none
                return s
            }
            let f = try e.figures()
            s.experiment = e
            s.settings = e.settings
            s.figures = f
            s.message = f.diagnosticsNote.map { note + " — " + $0 } ?? note
            if s.training != nil { s.training = nil; s.message = note + " — training discarded" }
            if s.isComparing { s = buildCompare(s) }
        } catch {
            s.message = "can't do that: " + describe(error)
            s.messageIsError = true
        }
        s.animation = .none
        return s
    }

    /// Opens a page: the lesson's model with the page's `set:`, fresh weights, the page's cursor.
    public static func openPage(_ state: AppState, lesson: Int, page: Int) -> AppState {
        var s = state
        s.lessonIndex = min(max(0, lesson), s.lessons.count - 1)
        let l = s.lesson
        s.page = min(max(0, page), max(0, l.pages.count - 1))
        let p = s.currentPage
        s.settings = LessonMapping.settings(for: l, page: s.page)
        s.clipThreshold = l.training.clip ?? 1
        if case .norm(let v)? = p?.settings.clip { s.clipThreshold = v }
        s.overlay = .none
        s.animation = .none
        s.textScroll = 0
        s.training = nil
        s.compare = []
        s.message = nil
        s.messageIsError = false
        do {
            let e = try Experiment(s.settings, dataDirectory: s.dataDirectory)
            s.experiment = e
            s.settings = e.settings
            s.figures = try e.figures()
            s.message = s.figures?.diagnosticsNote
        } catch {
            s.experiment = nil
            s.figures = nil
            s.message = "this page's model can't be built: " + describe(error)
            s.messageIsError = true
        }
        s.cursor = p?.startStep(steps: s.steps) ?? 0
        s.scroll = 0
        if p?.settings.compare == true { s = buildCompare(s) }
        if p?.settings.train == true { s = toggleTraining(s) }
        return s
    }

    /// The compare models: the lesson's `compare:` list, else RNN-tanh, RNN-ReLU, LSTM and GRU.
    static func buildCompare(_ state: AppState) -> AppState {
        var s = state
        var variants: [(String, ExperimentSettings)] = []
        if s.lesson.compare.count >= 2 {
            for v in s.lesson.compare.prefix(4) {
                variants.append((v.label, LessonMapping.settings(for: v, base: s.settings)))
            }
        } else {
            let kinds: [(String, CellKind, Activation)] = [("RNN tanh", .rnn, .tanh), ("RNN ReLU", .rnn, .relu),
                                                            ("LSTM", .lstm, .tanh), ("GRU", .gru, .tanh)]
            for (label, cell, act) in kinds {
                var vs = s.settings
                vs.cell = cell
                vs.activation = act
                variants.append((label, vs))
            }
        }
        s.compare = variants.map { label, vs in
            do {
                let e = try Experiment(vs, dataDirectory: s.dataDirectory)
                return CompareEntry(label: label, settings: vs, figures: .success(try e.figures(includeReach: false)))
            } catch {
                return CompareEntry(label: label, settings: vs, figures: .failure(AppError(describe(error))))
            }
        }
        return s
    }

    /// Starts training, or pauses / resumes it.
    static func toggleTraining(_ state: AppState) -> AppState {
        var s = state
        if var t = s.training {
            t.running.toggle()
            s.training = t
            if !t.running, let f = t.sample { s.figures = f }
            s.message = t.running ? "training resumed" : "training paused: the timeline shows the trained weights"
            return s
        }
        guard let e = s.experiment else {
            s.message = "nothing to train: the model could not be built"
            s.messageIsError = true
            return s
        }
        let run = TrainingRun(e)
        s.training = TrainingState(run: run, running: true, sample: s.figures, lastReport: nil, limit: max(0, e.settings.steps))
        s.animation = .none
        s.message = "training: t pauses, r resets"
        return s
    }

    // MARK: Ticks

    /// One frame of animation and a slice of training.
    static func tick(_ state: AppState, trainSteps: Int) -> AppState {
        var s = state
        let n = s.steps
        let stride = max(1, n / 48)
        switch s.animation {
        case .none: break
        case .forward(let r):
            if r >= n { s.animation = .none } else {
                let next = min(n, r + stride)
                s.animation = .forward(revealed: next)
                s.cursor = max(0, next - 1)
            }
        case .backward(let from):
            if from <= 0 { s.animation = .none } else {
                let next = max(0, from - stride)
                s.animation = .backward(from: next)
                s.cursor = next
            }
        }
        if var t = s.training, t.running {
            let budget = max(0, min(trainSteps, 10_000))
            var steps = budget
            if t.limit > 0 { steps = min(steps, max(0, t.limit - t.run.iteration)) }
            do {
                var diverged = false
                for _ in 0..<steps {
                    let report = try t.run.step()
                    t.lastReport = report
                    // Past a non-finite loss or update every further step is NaN too: stop and say why.
                    if !report.loss.isFinite || !report.updateNorm.isFinite { diverged = true; break }
                }
                if steps > 0 { t.sample = try t.run.current.figures(includeReach: false) }
                if diverged {
                    t.running = false
                    if let f = t.sample { s.figures = f }
                    let clipHint = s.clipping ? "lower ρ with [" : "g turns clipping on"
                    s.message = "training stopped at update \(t.run.iteration): the loss is no longer finite — the gradients exploded. r resets the weights; \(clipHint)"
                    s.messageIsError = true
                } else if t.limit > 0 && t.run.iteration >= t.limit {
                    t.running = false
                    if let f = t.sample { s.figures = f }
                    s.message = "training finished \(t.limit) steps — the timeline now shows the trained weights"
                }
            } catch {
                t.running = false
                s.message = "training stopped: " + describe(error)
                s.messageIsError = true
            }
            s.training = t
        }
        return s
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
        let text = String(describing: error)
        return text.replacingOccurrences(of: "\n", with: " ")
    }
}
