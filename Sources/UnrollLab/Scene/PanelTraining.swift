import Foundation
import UnrollEngine
import UnrollIO

/// A panel's training run and where it stands.
public struct PanelTraining: Sendable {
    /// Where the run stands.
    public enum Status: Sendable, Equatable {
        /// Ticks advance it.
        case running
        /// Stopped by the student (`t`); `t` resumes.
        case paused
        /// Reached its budget of updates; `t` trains a further budget.
        case finished
        /// Stopped because the loss or the update is no longer a finite number.
        case diverged
        /// Stopped by an error, with the reason.
        case failed(String)

        public var isRunning: Bool { self == .running }
    }

    public var run: TrainingRun
    public var status: Status
    /// Stop after this many updates in all (0: no limit).
    public var limit: Int
    /// The last update's report.
    public var lastReport: Trainer.StepReport?
    /// Held-out figures of the weights before the first update.
    public var heldOutBefore: Experiment.HeldOut?

    public init(run: TrainingRun, limit: Int, heldOutBefore: Experiment.HeldOut?) {
        self.run = run
        self.status = .running
        self.limit = max(0, limit)
        self.heldOutBefore = heldOutBefore
    }

    /// Updates left before the budget is reached (Int.max without a limit).
    public var remaining: Int { limit > 0 ? max(0, limit - run.iteration) : Int.max }
}

extension Panel {
    /// Starts training the panel, or pauses / resumes / extends its run. Returns what happened.
    public mutating func toggleTraining() -> TrainingToggle {
        guard let e = experiment else { return .cannotTrain(problem ?? "the model could not be built") }
        generation = nil
        if var t = training {
            switch t.status {
            case .running:
                t.status = .paused
                training = t
                refresh(full: true, heldOut: true)
                return .paused
            case .paused:
                t.status = .running
                training = t
                return .resumed
            case .finished:
                t.limit = t.run.iteration + max(1, settings.steps)
                t.status = .running
                training = t
                return .extended(by: max(1, settings.steps))
            case .diverged, .failed:
                return .cannotTrain("the run has stopped; r resets the weights")
            }
        }
        settleHeldOut()  // "(was …)" needs the figures of the weights training starts from
        training = PanelTraining(run: TrainingRun(e), limit: max(0, settings.steps), heldOutBefore: heldOut)
        return .started
    }

    /// Runs up to `steps` updates when the panel is training; returns how the run stands after.
    @discardableResult
    public mutating func train(steps: Int) -> PanelTraining.Status? {
        guard var t = training else { return nil }
        guard t.status.isRunning else { return t.status }
        let n = min(max(0, steps), t.remaining)
        let trained = TrainedRun.kept(t, steps: n)
        t.run = trained.run
        t.status = trained.status
        t.lastReport = trained.lastReport ?? t.lastReport
        if t.status.isRunning && t.remaining == 0 { t.status = .finished }
        training = t
        experiment = t.run.current
        // While running the figures follow the weights cheaply; when the run stops they get the
        // reach diagnostics and the held-out figures as well.
        let stopped = !t.status.isRunning
        if n > 0 || stopped { refresh(full: stopped, heldOut: stopped) }
        return t.status
    }

    /// Whether the panel is training right now.
    public var isTraining: Bool { training?.status.isRunning == true }
}

/// What `t` did to a panel.
public enum TrainingToggle: Sendable, Equatable {
    case started, paused, resumed
    case extended(by: Int)
    case cannotTrain(String)
}

/// A run after some updates: what `Panel.train(steps:)` computes. Runs that start from fresh
/// weights are kept, so pages, claims and tests that train the same model the same way train it
/// once per process; a longer run of the same model goes on from the longest one kept.
struct TrainedRun: Sendable {
    var run: TrainingRun
    /// `.running` unless the run diverged or failed on the way.
    var status: PanelTraining.Status
    var lastReport: Trainer.StepReport?

    /// Runs up to `steps` updates of `t`'s run, stopping where the loss or update stops being finite.
    init(_ t: PanelTraining, steps: Int) {
        run = t.run
        status = t.status
        advance(steps)
    }

    private mutating func advance(_ steps: Int) {
        do {
            for _ in 0..<steps where status.isRunning {
                let report = try run.step()
                lastReport = report
                // Past a non-finite loss or update every further step is NaN too: stop and say so.
                if !report.loss.isFinite || !report.updateNorm.isFinite { status = .diverged }
            }
        } catch {
            status = .failed(Panel.describe(error))
        }
    }

    /// `steps` updates of `t`'s run: kept from an earlier identical run, continued from a shorter
    /// one, or computed (and kept when the run starts from fresh weights).
    static func kept(_ t: PanelTraining, steps n: Int) -> TrainedRun {
        guard n > 0, let start = Start(t.run) else { return TrainedRun(t, steps: n) }
        var trained = runs.value(Key(start: start, steps: n)) {
            let shorter = runs.kept { $0.start == start && $0.steps < n }.max { $0.key.steps < $1.key.steps }
            guard var from = shorter else { return TrainedRun(t, steps: n) }
            // A run that stopped early (diverged) stops at the same update however long it was asked to go.
            from.value.advance(n - from.key.steps)
            return from.value
        }
        // The same updates, shown on this panel's example.
        trained.run.changeExample(to: t.run.experiment)
        return trained
    }

    /// Runs kept (a few hundred updates of a lesson-sized model each).
    static let runs = ComputedOnce<Key, TrainedRun>(capacity: 64) { $0.run.experiment.isSmallEnoughToKeep }

    struct Key: Hashable, Sendable {
        var start: Start
        var steps: Int
    }

    /// Everything the updates of a run that has taken none yet depend on: the settings (task,
    /// data seed, batch …, but not the example shown or the budget of updates), the data folder,
    /// the model and its exact weights, the optimizer, clipping and BPTT window, and how much
    /// history the run keeps.
    struct Start: Hashable, Sendable {
        var settings: ExperimentSettings
        var dataDirectory: URL?
        var config: ModelConfig
        var weights: [UInt64]
        var optimizer: OptimizerSettings
        var clipping: GradientClipping
        var truncation: Int?
        var historyLimit: Int

        /// nil for runs under way (their optimizer state is not in the key) and for imported
        /// models' sequences (their task is not rebuilt from the settings).
        init?(_ run: TrainingRun) {
            let e = run.experiment
            guard run.iteration == 0, e.settings.task != ImportedTask.name else { return nil }
            settings = e.settings
            settings.exampleIndex = 0
            settings.steps = 0
            dataDirectory = e.dataDirectory
            config = run.trainer.model.config
            weights = []
            weights.reserveCapacity(run.trainer.model.parameters.count)
            for (_, values) in run.trainer.model.parameters.namedTensors { weights += values.map(\.bitPattern) }
            optimizer = run.trainer.optimizer.settings
            clipping = run.trainer.clipping
            truncation = run.trainer.truncation
            historyLimit = run.historyLimit
        }

        static func == (a: Start, b: Start) -> Bool {
            a.settings == b.settings && a.dataDirectory == b.dataDirectory && a.config == b.config
                && a.weights == b.weights && a.optimizer == b.optimizer && a.clipping == b.clipping
                && a.truncation == b.truncation && a.historyLimit == b.historyLimit
        }

        func hash(into h: inout Hasher) {
            h.combine(settings)
            h.combine(dataDirectory)
            h.combine(weights)
        }
    }
}
