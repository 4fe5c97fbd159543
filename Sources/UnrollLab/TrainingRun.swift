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

    /// Changes gradient clipping for the updates still to come (the run goes on).
    public mutating func setClipping(_ clipping: GradientClipping) {
        trainer.clipping = clipping
    }

    /// One optimisation step on a fresh seeded batch.
    @discardableResult
    public mutating func step() throws -> Trainer.StepReport {
        let s = experiment.settings
        let batchSeed = s.seed &* 1_000_003 &+ UInt64(trainer.iteration) &+ 17
        let batch = try experiment.task.examples(count: max(1, s.batch), seed: batchSeed, split: .train)
        let report = try trainer.step(batch)
        losses.append(report.loss)
        gradientNorms.append(report.gradientNorm)
        updateNorms.append(report.updateNorm)
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
        historyStride *= 2
    }

    /// Loss and accuracy on `count` held-out examples (evaluated in batches).
    public func evaluate(count: Int = 200) throws -> Evaluation {
        let task = experiment.task
        let examples = try task.examples(count: count, seed: experiment.settings.seed &+ 99, split: .test)
        var lossSum = 0.0, weightSum = 0.0, correct = 0, total = 0
        var start = 0
        // Batch examples of equal length together.
        let groups = Dictionary(grouping: examples.indices, by: { examples[$0].length })
        for (_, indices) in groups.sorted(by: { $0.key < $1.key }) {
            start = 0
            // Up to 64 at a time, fewer when a long sequence would not fit in the memory budget.
            let size = trainer.model.config.largestBatch(steps: examples[indices[0]].length, upTo: 64)
            while start < indices.count {
                let chunk = indices[start..<min(start + size, indices.count)].map { examples[$0] }
                let trace = try Network.forward(trainer.model, chunk)
                let w = trace.weights.reduce(0) { $0 + $1.reduce(0, +) }
                lossSum += trace.loss * w
                weightSum += w
                for (b, ex) in chunk.enumerated() {
                    let score = task.score(readouts: trace.readouts(sequence: b), example: ex)
                    correct += score.correct
                    total += score.total
                }
                start += size
            }
        }
        return Evaluation(loss: weightSum > 0 ? lossSum / weightSum : 0,
                          accuracy: total > 0 ? Double(correct) / Double(total) : nil,
                          baseline: task.baselineLoss, examples: count)
    }

    /// Held-out figures.
    public struct Evaluation: Sendable, Equatable {
        public var loss: Double
        public var accuracy: Double?
        public var baseline: Double?
        public var examples: Int
    }
}
