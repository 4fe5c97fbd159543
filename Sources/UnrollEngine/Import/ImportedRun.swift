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
