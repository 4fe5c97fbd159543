/// A PyTorch model and one sequence to run it on: what `trace --model` (and the screen's
/// `open --model`) start from.
public struct ImportedRun: Sendable {
    public var source: ImportedModel
    /// One sequence: the inputs, and the targets (zeros, never scored, without a target file).
    public var example: Example
    /// Whether a target file was given. Without one the loss and every gradient are undefined:
    /// `example` then scores no step (its mask is all zero).
    public var hasTarget: Bool

    public var model: Model { source.model }

    public init(source: ImportedModel, example: Example, hasTarget: Bool) {
        self.source = source
        self.example = example
        self.hasTarget = hasTarget
    }

    /// Reads the model file, the input CSV and (optionally) the target CSV, and checks the run
    /// against the engine's limits before anything is computed. Every problem is an
    /// `ImportError` naming the file (and line).
    public static func load(model modelPath: String, input inputPath: String, target targetPath: String?,
                            options: ImportOptions = ImportOptions()) throws -> ImportedRun {
        let source = try StateDictImport.load(path: modelPath, options: options)
        let cfg = source.model.config
        let input = try SequenceCSV.input(path: inputPath, for: cfg)
        let T = input.length
        do { try cfg.validateRun(steps: T, batch: 1) } catch let e as EngineError { throw ImportError(file: inputPath, e.message) }
        if let targetPath {
            let target = try SequenceCSV.target(path: targetPath, for: cfg, steps: T)
            return ImportedRun(source: source, example: Example(input: input, target: target), hasTarget: true)
        }
        let unscored: TargetSequence = cfg.loss == .mse
            ? .values(Array(repeating: [Double](repeating: 0, count: cfg.outputSize), count: T))
            : .classes(Array(repeating: 0, count: T))
        return ImportedRun(source: source, example: Example(input: input, target: unscored, mask: Array(repeating: 0, count: T)),
                           hasTarget: false)
    }
}

extension ImportedRun {
    /// For a model that reads symbols and predicts the next one (cross-entropy over a read-out
    /// as wide as the vocabulary): the run with target_t = input_{t+1}, every step but the last
    /// scored — what a character or word model was trained on. Throws when the model is not
    /// such a model.
    public func nextInputAsTarget() throws -> ImportedRun {
        let cfg = model.config
        guard case .symbols(let s) = example.input else {
            throw ImportError(file: source.file, "the next input can be the target only for a model that reads symbols")
        }
        guard cfg.loss == .crossEntropy, cfg.outputSize == cfg.inputSize else {
            throw ImportError(file: source.file, "the next input can be the target only with the cross-entropy loss over the \(cfg.inputSize) symbols (the read-out has \(cfg.outputSize))")
        }
        guard s.count >= 2 else {
            throw ImportError(file: source.file, "a sequence of \(s.count) step has no next input to predict")
        }
        let target = Array(s.dropFirst()) + [s[s.count - 1]]
        let mask = [Double](repeating: 1, count: s.count - 1) + [0]
        return ImportedRun(source: source, example: Example(input: example.input, target: .classes(target), mask: mask), hasTarget: true)
    }
}
