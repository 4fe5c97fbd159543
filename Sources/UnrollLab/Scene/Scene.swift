import Foundation
import UnrollEngine
import UnrollLessons
import UnrollTasks

/// What a page shows: one panel, or several side by side (compare). The screen draws exactly
/// the visible panels, and lesson claims read the same panels.
public struct Scene: Sendable {
    /// One to four panels; all read the same example and train on the same batches.
    public var panels: [Panel]
    /// The panel the single view draws, the keys change and bare claim names read.
    public var selected: Int
    /// Whether every panel is drawn side by side.
    public var comparing: Bool

    public init(panels: [Panel], selected: Int = 0, comparing: Bool = false) {
        self.panels = panels
        self.selected = panels.isEmpty ? 0 : min(max(0, selected), panels.count - 1)
        self.comparing = comparing && panels.count > 1
    }

    /// The scene a lesson page opens with.
    public init(lesson: Lesson, page: Int, dataDirectory: URL?) {
        let setups = SceneSetup.panels(lesson: lesson, page: page)
        var panels = Scene.build(setups, dataDirectory: dataDirectory)
        let opensComparing = lesson.pages.indices.contains(page) && lesson.pages[page].settings.compare == true
        if opensComparing && panels.count == 1 {
            let compare = SceneSetup.comparePanels(lesson: lesson, page: page, current: panels[0].settings)
            panels = Scene.merge(current: panels[0], into: compare, dataDirectory: dataDirectory).panels
        }
        self.init(panels: panels, selected: 0, comparing: opensComparing)
    }

    /// Builds panels (in parallel: each is an independent forward pass, BPTT and evaluation).
    public static func build(_ setups: [PanelSetup], dataDirectory: URL?, task: (any SequenceTask)? = nil) -> [Panel] {
        if setups.count <= 1 { return setups.map { Panel(label: $0.label, settings: $0.settings, dataDirectory: dataDirectory, task: task) } }
        return parallelMap(setups.count) { i in
            Panel(label: setups[i].label, settings: setups[i].settings, dataDirectory: dataDirectory, task: task)
        }
    }

    /// The compare panels with the current panel in its place: a setup with the current panel's
    /// settings reuses it (weights and training kept); otherwise the current panel comes first.
    public static func merge(current: Panel, into setups: [PanelSetup], dataDirectory: URL?) -> (panels: [Panel], selected: Int) {
        let task = current.fixedTask
        if let i = setups.firstIndex(where: { $0.settings == current.settings }) {
            var built = build(setups.enumerated().filter { $0.offset != i }.map(\.element), dataDirectory: dataDirectory, task: task)
            var mine = current
            mine.label = setups[i].label
            built.insert(mine, at: i)
            return (built, i)
        }
        let rest = build(Array(setups.prefix(Scene.maxPanels - 1)), dataDirectory: dataDirectory, task: task)
        return ([current] + rest, 0)
    }

    /// Most panels side by side.
    public static let maxPanels = 4

    /// The selected panel.
    public var panel: Panel {
        get { panels[selected] }
        set { panels[selected] = newValue }
    }

    /// Indices of the panels drawn now: all when comparing, else the selected one.
    public var visible: [Int] { comparing ? Array(panels.indices) : [selected] }

    /// The panel with a label, if any.
    public func index(of label: String) -> Int? { panels.firstIndex { $0.label == label } }

    /// Whether any panel is training.
    public var isTraining: Bool { panels.contains { $0.isTraining } }

    /// Whether any panel's held-out figures wait for the next tick (`Panel.heldOutPending`).
    public var hasPendingHeldOut: Bool { panels.contains { $0.heldOutPending } }

    /// Computes every pending held-out figure, the panels side by side.
    public mutating func settleHeldOut() {
        let pending = panels.indices.filter { panels[$0].heldOutPending }
        guard !pending.isEmpty else { return }
        let before = panels
        let settled = parallelMap(pending.count) { k -> Panel in
            var p = before[pending[k]]
            p.settleHeldOut()
            return p
        }
        for (k, i) in pending.enumerated() { panels[i] = settled[k] }
    }

    /// Whether any panel has a training run (running or not).
    public var hasTraining: Bool { panels.contains { $0.training != nil } }
}


/// A panel to build: its label and settings.
public struct PanelSetup: Sendable, Equatable {
    public var label: String
    public var settings: ExperimentSettings
    public init(label: String, settings: ExperimentSettings) {
        self.label = label
        self.settings = settings
    }
}

/// How lesson pages turn into panels.
public enum SceneSetup {
    /// The panels a page opens with: its `panel:` lines (each the page's model with the panel's
    /// changes), or one panel, the lesson's model with the page's `set:`.
    public static func panels(lesson: Lesson, page index: Int) -> [PanelSetup] {
        let base = ExperimentSettings(lesson: lesson, page: index)
        guard lesson.pages.indices.contains(index), !lesson.pages[index].panels.isEmpty else {
            return [PanelSetup(label: base.modelLabel, settings: base)]
        }
        return lesson.pages[index].panels.map { spec in
            var s = base
            s.apply(override: spec.model)
            s.apply(training: spec.training)
            for (k, v) in spec.task { s.taskSettings[k] = v.description }
            return PanelSetup(label: spec.label, settings: s)
        }
    }

    /// The models `c` shows beside a single one: the lesson's `compare:` variants (each the
    /// lesson's model with the variant's changes, and the page's shared task and training
    /// settings; never the page's own model changes, which would leak into every variant), or,
    /// without a `compare:` list, the current model as tanh RNN, ReLU RNN, LSTM and GRU.
    public static func comparePanels(lesson: Lesson, page index: Int, current: ExperimentSettings) -> [PanelSetup] {
        if lesson.compare.count >= 2 {
            var base = ExperimentSettings(lesson: lesson)
            if lesson.pages.indices.contains(index) { base.apply(shared: lesson.pages[index].settings) }
            base.exampleIndex = current.exampleIndex
            return lesson.compare.prefix(Scene.maxPanels).map { v in
                var s = base
                s.apply(override: v.override)
                return PanelSetup(label: v.label, settings: s)
            }
        }
        return defaultComparison(current)
    }

    /// The current model as each kind of cell, same sizes, data and training.
    public static func defaultComparison(_ current: ExperimentSettings) -> [PanelSetup] {
        let kinds: [(String, CellKind, Activation)] = [("RNN tanh", .rnn, .tanh), ("RNN ReLU", .rnn, .relu),
                                                        ("LSTM", .lstm, .tanh), ("GRU", .gru, .tanh)]
        return kinds.map { label, cell, act in
            var s = current
            s.cell = cell
            s.activation = act
            if cell != .lstm { s.forgetBias = nil; s.peepholes = false }
            return PanelSetup(label: label, settings: s)
        }
    }
}
