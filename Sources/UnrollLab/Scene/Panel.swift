import Foundation
import UnrollEngine
import UnrollIO
import UnrollTasks

/// One model on screen: what it is (a label and its settings), its weights on the scene's
/// example, the figures the screen draws and claims read, its held-out figures and its training.
///
/// A panel is a value: every change returns a new panel, so the app's `update` stays the one
/// place where the screen's state changes.
public struct Panel: Sendable {
    /// The caption drawn above the panel; claims read it as `panel("label")`.
    public var label: String
    /// The settings the panel was built from (the student's changes included).
    public internal(set) var settings: ExperimentSettings
    /// The model and example; nil when the settings could not be built (see `problem`).
    public internal(set) var experiment: Experiment?
    /// The figures of the current weights on the example; nil when they could not be computed.
    public internal(set) var figures: Figures?
    /// Held-out loss and accuracy of the current weights (nil: not computed, see `heldOutNote`).
    public internal(set) var heldOut: Experiment.HeldOut?
    /// Why the held-out figures are missing, when they are.
    public internal(set) var heldOutNote: String?
    /// The weights changed on screen and the held-out figures of the new weights are still to be
    /// computed (`settleHeldOut`): the frame of the new weights comes first, its held-out figures
    /// one tick later, so a key like ρ answers at once.
    public internal(set) var heldOutPending = false
    /// Many-to-one symbol tasks: the best held-out accuracy any classifier of the bag of input
    /// symbols (counts, not order) reaches — what order adds beyond it.
    public internal(set) var bagOfWordsCeiling: Double?
    /// ‖Δθ‖ of one update with the panel's optimizer and clipping on the example's gradient.
    public internal(set) var updateNorm: Double?
    /// Why the panel has no model or figures, when it has none.
    public internal(set) var problem: String?
    /// The training run, from the first `t` until the model changes.
    public var training: PanelTraining?
    /// The model running on its own (`f`): while set, the figures are those of the generated
    /// sequence instead of the example's.
    public internal(set) var generation: Generation?
    /// Samples drawn so far (each `F` seeds the next with this count).
    public internal(set) var samplesDrawn = 0
    let dataDirectory: URL?

    /// Builds the model for `settings` and computes its figures; failures are kept in `problem`.
    /// With `task`, the experiment reads that task instead of building one from the settings.
    /// Panels built from settings alone are kept: a second page (or test) opening the same
    /// model on the same example gets the first one's panel, figures and held-out figures.
    public init(label: String, settings: ExperimentSettings, dataDirectory: URL?, task: (any SequenceTask)? = nil) {
        if task == nil {
            self = Panel.opened.value(OpenedKey(settings: settings, dataDirectory: dataDirectory)) {
                Panel(building: label, settings: settings, dataDirectory: dataDirectory, task: nil)
            }
            self.label = label
        } else {
            self.init(building: label, settings: settings, dataDirectory: dataDirectory, task: task)
        }
    }

    /// Panels built from settings, kept by what decides them: lesson-sized models only (a
    /// student's huge model would hold its figures, hundreds of megabytes, for nothing).
    static let opened = ComputedOnce<OpenedKey, Panel>(capacity: 256) { $0.experiment?.isSmallEnoughToKeep ?? true }
    struct OpenedKey: Hashable, Sendable {
        var settings: ExperimentSettings
        var dataDirectory: URL?
    }

    private init(building label: String, settings: ExperimentSettings, dataDirectory: URL?, task: (any SequenceTask)?) {
        self.label = label
        self.settings = settings
        self.dataDirectory = dataDirectory
        do {
            let e = try task.map { try Experiment(settings, task: $0, dataDirectory: dataDirectory) }
                ?? Experiment(settings, dataDirectory: dataDirectory)
            self.experiment = e
            self.settings = e.settings
            refresh(full: true, heldOut: true)
        } catch {
            problem = Panel.describe(error)
        }
    }

    /// A panel on an experiment already built (an imported model's weights).
    public init(label: String, experiment e: Experiment) {
        self.label = label
        self.settings = e.settings
        self.dataDirectory = nil
        self.experiment = e
        refresh(full: true, heldOut: true)
    }

    /// A panel that could not be built, saying why.
    init(label: String, settings: ExperimentSettings, problem: String) {
        self.label = label
        self.settings = settings
        self.dataDirectory = nil
        self.problem = problem
    }

    /// The task of a panel that cannot be rebuilt from its settings (an imported model's
    /// sequence); other panels built beside it read the same task.
    public var fixedTask: (any SequenceTask)? {
        guard let e = experiment, e.settings.task == ImportedTask.name else { return nil }
        return e.task
    }

    /// What a settings change did to the panel.
    public enum Change: Sendable, Equatable {
        /// Only clipping changed: figures and training go on as they were.
        case clippingOnly
        /// Another example of the same weights: figures recomputed, training kept.
        case exampleOnly
        /// The model changed (activation, radius, new weights …): training discarded.
        case model
    }

    /// The panel with changed settings, or the reason it can't be built (the panel is unchanged then).
    public func changed(_ edit: (inout ExperimentSettings) -> Void) -> Result<(panel: Panel, change: Change), PanelError> {
        var next = settings
        edit(&next)
        var p = self
        p.generation = nil
        do {
            let e = try experiment.map { try $0.changed { $0 = next } } ?? Experiment(next, dataDirectory: dataDirectory)
            p.experiment = e
            p.settings = e.settings
            p.problem = nil
        } catch {
            return .failure(PanelError(Panel.describe(error)))
        }
        var clipOnly = settings
        clipOnly.clipNorm = next.clipNorm
        clipOnly.clipValue = next.clipValue
        if clipOnly == next, let f = figures, let e = p.experiment {
            p.training?.run.setClipping(next.clipping)
            p.updateNorm = PanelRecord.updateNorm(f, experiment: e)
            return .success((p, .clippingOnly))
        }
        var exampleOnly = settings
        exampleOnly.exampleIndex = next.exampleIndex
        exampleOnly.dataSeed = next.dataSeed
        if exampleOnly == next {
            // Training goes on (the weights are the run's); the figures move to the new example.
            if let t = p.training {
                var run = t.run
                run.changeExample(to: p.experiment!)
                p.training?.run = run
                p.experiment = run.current
            }
            p.refresh(full: true, heldOut: false)
            return .success((p, .exampleOnly))
        }
        p.training = nil
        p.refresh(full: true, heldOut: false)
        p.heldOut = nil
        p.heldOutPending = true
        return .success((p, .model))
    }

    /// The panel with freshly initialised weights (training discarded).
    public func reset() -> Panel {
        Panel(label: label, settings: settings, dataDirectory: dataDirectory, task: fixedTask)
    }

    /// Recomputes the figures of the current weights (`full` adds the reach diagnostics) and,
    /// when asked, the held-out figures.
    mutating func refresh(full: Bool, heldOut evaluate: Bool) {
        guard let e = experiment else { return }
        do {
            let f = try generation.map { try e.figures(of: $0.example, includeReach: full) } ?? e.figures(includeReach: full)
            figures = f
            updateNorm = PanelRecord.updateNorm(f, experiment: e)
        } catch {
            figures = nil
            updateNorm = nil
            problem = Panel.describe(error)
        }
        if evaluate { refreshHeldOut() }
    }

    /// Held-out evaluation is skipped for models so large that it would hold up the screen.
    static let heldOutBudget = 4e9

    /// Computes the held-out figures a change left pending (nothing when none are).
    public mutating func settleHeldOut() {
        if heldOutPending { refreshHeldOut() }
    }

    mutating func refreshHeldOut() {
        heldOutPending = false
        guard let e = experiment else { return }
        guard e.settings.task != ImportedTask.name else {
            heldOut = nil
            heldOutNote = "no held-out set: the file's sequence is the only one"
            return
        }
        let parameters = Double(e.model.parameters.count)
        let steps = Double(max(1, e.example.length))
        let count = 200
        guard parameters * steps * Double(count) * 6 <= Panel.heldOutBudget else {
            heldOut = nil
            heldOutNote = "held-out figures skipped: this model is too large to evaluate on \(count) examples at every change"
            return
        }
        let shape = e.task.shape
        if bagOfWordsCeiling == nil, shape.input.symbolNames != nil, shape.scoring == .lastStep, shape.loss == .crossEntropy {
            bagOfWordsCeiling = try? PanelRecord.bagOfWordsCeiling(e)
        }
        do {
            heldOut = try e.heldOut(count: count)
            heldOutNote = nil
        } catch {
            heldOut = nil
            heldOutNote = "held-out figures unavailable: " + Panel.describe(error)
        }
    }

    /// A readable one-line description of any error.
    static func describe(_ error: Error) -> String {
        if let e = error as? EngineError { return e.message }
        if let e = error as? PanelError { return e.message }
        return String(describing: error).replacingOccurrences(of: "\n", with: " ")
    }
}

/// Why a panel could not be changed.
public struct PanelError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Experiment {
    /// Whether panels and training runs of this model on its example are small enough to keep:
    /// weights × steps at most `keptSizeLimit` (the lessons' largest is 3,332 weights over 29
    /// steps, about 10⁵).
    var isSmallEnoughToKeep: Bool {
        Double(model.parameters.count) * Double(max(1, example.length)) <= Experiment.keptSizeLimit
    }

    static let keptSizeLimit = 1e6
}
