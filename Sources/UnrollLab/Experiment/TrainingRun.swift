import Foundation
import UnrollEngine
import UnrollTasks

/// A training run on an experiment's task: seeded batches, one update per `step()`, with the
/// history a screen draws (loss curve, gradient norm per timestep per iteration).
public struct TrainingRun: Sendable {
    public private(set) var experiment: Experiment
    var trainer: Trainer
    /// L before each update.
    public private(set) var losses: [Double] = []
    /// Global gradient norm (before clipping) per update.
    public private(set) var gradientNorms: [Double] = []
    /// ‖Δθ‖ per update.
    public private(set) var updateNorms: [Double] = []
    /// ‖dL/dh_1‖ on the training batch per update: how much gradient reaches the first step.
    public private(set) var firstStepGradients: [Double] = []
    /// ‖dL/dh_t‖ per timestep on the training batch, per update (recent ones kept).
    public private(set) var hiddenGradientHistory: [[Double]] = []
    /// Maximum rows kept in `hiddenGradientHistory`.
    public var historyLimit = 400

    public init(_ experiment: Experiment) {
        self.experiment = experiment
        let s = experiment.settings
        trainer = Trainer(model: experiment.model, optimizer: Optimizer(s.optimizerSettings), clipping: s.clipping,
                          truncation: s.truncation)
    }

    public var iteration: Int { trainer.iteration }
    /// The experiment with the weights trained so far.
    public var current: Experiment {
        var e = experiment
        e.model = trainer.model
        return e
    }

    /// Shows another example (same task, same weights): the run goes on.
    public mutating func changeExample(to e: Experiment) {
        experiment = e
    }

    /// Changes gradient clipping for the updates still to come (the run goes on).
    public mutating func setClipping(_ clipping: GradientClipping) {
        trainer.clipping = clipping
    }

    /// One optimisation step on a fresh seeded batch.
    @discardableResult
    public mutating func step() throws -> Trainer.StepReport {
        let s = experiment.settings
        // Batches depend on the data seed and the update only, so models compared side by side
        // train on the same sequences.
        let batchSeed = s.dataSeed &* 1_000_003 &+ UInt64(trainer.iteration) &+ 17
        let batch = try experiment.task.examples(count: max(1, s.batch), seed: batchSeed, split: .train)
        let report = try trainer.step(batch)
        losses.append(report.loss)
        gradientNorms.append(report.gradientNorm)
        updateNorms.append(report.updateNorm)
        firstStepGradients.append(report.hiddenGradientNorms.first ?? .nan)
        if losses.count > TrainingRun.historyCap { thinHistory() }
        hiddenGradientHistory.append(report.hiddenGradientNorms)
        if hiddenGradientHistory.count > historyLimit { hiddenGradientHistory.removeFirst(hiddenGradientHistory.count - historyLimit) }
        return report
    }

    /// Beyond this many entries the per-update histories keep every other value, so a run
    /// left training for hours holds bounded memory (the curve keeps its shape).
    public static let historyCap = 20_000
    /// Updates per entry of `losses`, `gradientNorms` and `updateNorms` (doubles each time they are thinned).
    public private(set) var historyStride = 1

    mutating func thinHistory() {
        func half(_ a: [Double]) -> [Double] { stride(from: 0, to: a.count, by: 2).map { a[$0] } }
        losses = half(losses)
        gradientNorms = half(gradientNorms)
        updateNorms = half(updateNorms)
        firstStepGradients = half(firstStepGradients)
        historyStride *= 2
    }

    /// Loss and accuracy of the weights trained so far on held-out examples.
    public func evaluate(count: Int = 200) throws -> Evaluation { try current.heldOut(count: count) }

    /// Held-out figures.
    public typealias Evaluation = Experiment.HeldOut
}
