import Foundation
import UnrollEngine
import UnrollTasks

/// A model, the task it reads and the one sequence on screen: the engine's figures for it
/// are what the screens draw and what lesson claims check.
public struct Experiment: Sendable {
    public private(set) var settings: ExperimentSettings
    public let task: any SequenceTask
    /// The current weights (initialised from the settings, possibly trained since).
    public var model: Model {
        didSet { recurrentRadius = nil }
    }
    /// ρ of the block of W_hh the screens show (`Model.radiusBlock`), when this experiment set it
    /// and the weights have not been replaced since (by training, say): rescaling to a new ρ then
    /// needs no eigenvalue work, because ρ(a·W) = a·ρ(W).
    private var recurrentRadius: Double?
    /// The sequence on screen: one held-out example of the task.
    public private(set) var example: Example
    var dataDirectory: URL?

    /// Builds the task, the model and the example; throws a message naming the bad setting.
    public init(_ settings: ExperimentSettings, dataDirectory: URL?) throws {
        let task = try TaskCatalog.make(settings.task, settings: settings.taskSettings, dataDirectory: dataDirectory)
        try self.init(settings, task: task, dataDirectory: dataDirectory)
    }

    /// An experiment on a task already built (a lesson's task, or the one sequence of an imported
    /// model), with fresh weights from the settings.
    public init(_ settings: ExperimentSettings, task: any SequenceTask, dataDirectory: URL?) throws {
        self.settings = settings
        self.dataDirectory = dataDirectory
        self.task = task
        let config = try Experiment.modelConfig(settings, shape: task.shape)
        try config.validate()
        self.model = try Model.initialized(config, settings.initSettings)
        // Initialisation scaled every block to ρ (before any extra weight scale).
        if settings.weightScale == 1, let rho = settings.radius, rho > 0, rho.isFinite { recurrentRadius = rho }
        self.example = try Experiment.example(task, settings)
        try config.validateRun(steps: example.length, batch: 1)
    }

    /// The held-out example a setting names (`exampleIndex` of the test split of `dataSeed`).
    static func example(_ task: any SequenceTask, _ settings: ExperimentSettings) throws -> Example {
        let index = max(0, min(settings.exampleIndex, Experiment.exampleLimit))
        let examples = try task.examples(count: index + 1, seed: settings.dataSeed, split: .test)
        guard let shown = examples.last else { throw EngineError("task \(settings.task) produced no examples") }
        return shown
    }

    /// The highest example index a screen can ask for.
    public static let exampleLimit = 10_000

    /// The engine configuration for these settings and the task's shape.
    public static func modelConfig(_ s: ExperimentSettings, shape: TaskShape) throws -> ModelConfig {
        let encoding: InputEncoding
        switch shape.input {
        case .dense: encoding = .dense
        case .symbols: encoding = s.embeddingSize > 0 ? .embedding : .oneHot
        }
        let loss: LossKind = shape.loss == .mse ? .mse : .crossEntropy
        return ModelConfig(cell: s.cell, activation: s.activation, inputSize: shape.input.size, hiddenSize: s.hidden,
                           outputSize: shape.outputSize, layers: s.layers, dropout: s.dropout,
                           peepholes: s.peepholes && s.cell == .lstm, inputEncoding: encoding,
                           embeddingSize: s.embeddingSize, loss: loss,
                           lossAt: shape.scoring == .everyStep ? .everyStep : .lastStep, attention: s.attention,
                           recurrentBias: s.recurrentBias, readout: s.readout)
    }

    /// The same task, example and seed with changed settings. Changes to the activation,
    /// clipping, training, radius or the example shown keep the current weights (the radius
    /// rescales W_hh); a change to the cell, size, attention, initialisation, weight seed or task
    /// draws new weights.
    public func changed(_ change: (inout ExperimentSettings) -> Void) throws -> Experiment {
        var s = settings
        change(&s)
        let needsNewWeights = s.cell != settings.cell || s.hidden != settings.hidden || s.layers != settings.layers
            || s.initScheme != settings.initScheme || s.seed != settings.seed || s.peepholes != settings.peepholes
            || s.attention != settings.attention
            || s.embeddingSize != settings.embeddingSize || s.forgetBias != settings.forgetBias
            || s.weightScale != settings.weightScale || s.task != settings.task || s.taskSettings != settings.taskSettings
        // Other data of the same shape (more noise, another length): the weights stay.
        var sameModel = s
        sameModel.taskSettings = settings.taskSettings
        if s.taskSettings != settings.taskSettings, s.task == settings.task, sameModel == settings.with(exampleOf: s) {
            let newTask = try TaskCatalog.make(s.task, settings: s.taskSettings, dataDirectory: dataDirectory)
            if try Experiment.modelConfig(s, shape: newTask.shape) == model.config {
                var e = try Experiment(model: model, settings: s, task: newTask)
                e.dataDirectory = dataDirectory
                return e
            }
        }
        if needsNewWeights {
            // The same task needs no rebuilding (and an imported model's one sequence cannot be rebuilt).
            if s.task == settings.task && s.taskSettings == settings.taskSettings {
                return try Experiment(s, task: task, dataDirectory: dataDirectory)
            }
            return try Experiment(s, dataDirectory: dataDirectory)
        }
        var e = self
        e.settings = s
        // Another example of the same task keeps the weights (a trained model can be tried on
        // every held-out example).
        if s.exampleIndex != settings.exampleIndex || s.dataSeed != settings.dataSeed {
            e.example = try Experiment.example(task, s)
            try e.model.config.validateRun(steps: e.example.length, batch: 1)
        }
        e.model.config.activation = s.activation
        e.model.config.dropout = s.dropout
        // A new ρ scales all of W_hh by one factor, so the gates keep their proportions and ] then
        // [ gives back the weights it started from (setting every gate block to ρ did not).
        if s.radius != settings.radius, let rho = s.radius {
            for l in 0..<e.model.config.layers {
                let known = recurrentRadius ?? Spectral.spectralRadius(model.radiusBlock(layer: l))
                if known > 0, known.isFinite, rho.isFinite {
                    e.model.parameters.layers[l].W_hh.scale(by: rho / known)
                } else {
                    e.model = e.model.withSpectralRadius(rho, layer: l)
                }
            }
            e.recurrentRadius = rho
        }
        return e
    }

    /// Restores freshly initialised weights (undoing any training).
    public func reset() throws -> Experiment { try Experiment(settings, task: task, dataDirectory: dataDirectory) }

    /// An experiment whose weights are given (an imported model) on a task already built.
    public init(model: Model, settings: ExperimentSettings, task: any SequenceTask) throws {
        self.settings = settings
        self.dataDirectory = nil
        self.task = task
        try model.config.validate()
        self.model = model
        self.example = try Experiment.example(task, settings)
        try model.config.validateRun(steps: example.length, batch: 1)
    }

    /// Loss and accuracy of the current weights on `count` held-out examples (the same examples
    /// for every model of a data seed), evaluated in batches of equal length.
    public func heldOut(count: Int = 200) throws -> HeldOut {
        let examples = try HeldOutExamples.shared.examples(task, settings: settings, count: count)
        var lossSum = 0.0, weightSum = 0.0, correct = 0, total = 0
        let groups = Dictionary(grouping: examples.indices, by: { examples[$0].length })
        for (_, indices) in groups.sorted(by: { $0.key < $1.key }) {
            var start = 0
            // Up to 64 at a time, fewer when a long sequence would not fit in the memory budget.
            let size = model.config.largestBatch(steps: examples[indices[0]].length, upTo: 64)
            while start < indices.count {
                let chunk = indices[start..<min(start + size, indices.count)].map { examples[$0] }
                let trace = try Network.forward(model, chunk)
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
        return HeldOut(loss: weightSum > 0 ? lossSum / weightSum : 0,
                       accuracy: total > 0 ? Double(correct) / Double(total) : nil,
                       baseline: task.baselineLoss, examples: count)
    }

    /// Held-out figures of one set of weights.
    public struct HeldOut: Sendable, Equatable {
        /// Mean loss over the scored steps of the held-out examples.
        public var loss: Double
        /// Fraction answered correctly by the task's rule (nil when the task has none).
        public var accuracy: Double?
        /// The loss of the task's trivial predictor (nil when it has none).
        public var baseline: Double?
        /// How many examples were evaluated.
        public var examples: Int
    }

    /// Forward pass, BPTT and the Jacobian diagnostics on the example on screen.
    public func figures(layer: Int = 0, includeReach: Bool = true) throws -> Figures {
        try figures(of: example, layer: layer, includeReach: includeReach)
    }
}

/// The held-out examples of a task, generated once per task, settings and data seed: every
/// panel, every rebuild and every claim evaluates on the same sequences without drawing them again.
final class HeldOutExamples: @unchecked Sendable {
    static let shared = HeldOutExamples()
    private struct Key: Hashable {
        var task: String
        var settings: [String: String]
        var seed: UInt64
        var count: Int
    }
    private var cache: [Key: [Example]] = [:]
    private var order: [Key] = []
    private let lock = NSLock()
    /// Sets kept at once (each a few hundred sequences).
    static let capacity = 16

    func examples(_ task: any SequenceTask, settings s: ExperimentSettings, count: Int) throws -> [Example] {
        let key = Key(task: s.task, settings: s.taskSettings, seed: s.dataSeed, count: count)
        if let hit = lock.withLock({ cache[key] }) { return hit }
        let made = try task.examples(count: count, seed: s.dataSeed &+ 99, split: .test)
        lock.withLock {
            if cache[key] == nil {
                cache[key] = made
                order.append(key)
                if order.count > HeldOutExamples.capacity { cache[order.removeFirst()] = nil }
            }
        }
        return made
    }
}
