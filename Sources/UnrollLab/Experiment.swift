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
    /// ρ of every H × H block of W_hh, when this experiment set it and the weights have not been
    /// replaced since (by training, say): rescaling to a new ρ then needs no eigenvalue work,
    /// because ρ(a·W) = a·ρ(W).
    private var recurrentRadius: Double?
    /// The sequence on screen: one held-out example of the task.
    public let example: Example
    let dataDirectory: URL?

    /// Builds the task, the model and the example; throws a message naming the bad setting.
    public init(_ settings: ExperimentSettings, dataDirectory: URL?) throws {
        self.settings = settings
        self.dataDirectory = dataDirectory
        let task = try TaskCatalog.make(settings.task, settings: settings.taskSettings, dataDirectory: dataDirectory)
        self.task = task
        let config = try Experiment.modelConfig(settings, shape: task.shape)
        try config.validate()
        self.model = try Model.initialized(config, settings.initSettings)
        // Initialisation scaled every block to ρ (before any extra weight scale).
        if settings.weightScale == 1, let rho = settings.radius, rho > 0, rho.isFinite { recurrentRadius = rho }
        let index = max(0, min(settings.exampleIndex, 10_000))
        let examples = try task.examples(count: index + 1, seed: settings.seed, split: .test)
        guard let shown = examples.last else { throw EngineError("task \(settings.task) produced no examples") }
        self.example = shown
        try config.validateRun(steps: shown.length, batch: 1)
    }

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
                           lossAt: shape.scoring == .everyStep ? .everyStep : .lastStep, attention: s.attention)
    }

    /// The same task, example and seed with changed settings. Changes to the activation,
    /// clipping, training or radius keep the current weights (the radius rescales W_hh);
    /// a change to the cell, size, attention, initialisation or seed draws new weights.
    public func changed(_ change: (inout ExperimentSettings) -> Void) throws -> Experiment {
        var s = settings
        change(&s)
        let needsNewWeights = s.cell != settings.cell || s.hidden != settings.hidden || s.layers != settings.layers
            || s.initScheme != settings.initScheme || s.seed != settings.seed || s.peepholes != settings.peepholes
            || s.attention != settings.attention
            || s.embeddingSize != settings.embeddingSize || s.forgetBias != settings.forgetBias
            || s.weightScale != settings.weightScale || s.task != settings.task || s.taskSettings != settings.taskSettings
            || s.exampleIndex != settings.exampleIndex
        if needsNewWeights { return try Experiment(s, dataDirectory: dataDirectory) }
        var e = self
        e.settings = s
        e.model.config.activation = s.activation
        e.model.config.dropout = s.dropout
        if s.radius != settings.radius, let rho = s.radius {
            if let known = recurrentRadius, known > 0, known.isFinite, rho.isFinite {
                for l in 0..<e.model.config.layers { e.model.parameters.layers[l].W_hh.scale(by: rho / known) }
            } else {
                for l in 0..<e.model.config.layers { e.model = e.model.withSpectralRadius(rho, layer: l) }
            }
            e.recurrentRadius = rho
        }
        return e
    }

    /// Restores freshly initialised weights (undoing any training).
    public func reset() throws -> Experiment { try Experiment(settings, dataDirectory: dataDirectory) }

    /// Forward pass, BPTT and the Jacobian diagnostics on the example on screen.
    public func figures(layer: Int = 0, includeReach: Bool = true) throws -> Figures {
        let trace = try Network.forward(model, [example])
        let back = Network.backward(model, trace, options: .init(truncation: settings.truncation))
        let l = max(0, min(layer, model.config.layers - 1))
        let flow = GradientFlow.compute(model, trace, layer: l, includeReach: includeReach)
        return Figures(task: task, example: example, model: model, trace: trace, backward: back, flow: flow, layer: l)
    }
}
