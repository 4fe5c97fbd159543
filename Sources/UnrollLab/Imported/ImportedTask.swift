import Foundation
import UnrollEngine
import UnrollTasks

/// The one sequence an imported model is opened on, as a task: every example it gives, for the
/// screen, for held-out figures and for training batches, is that sequence.
struct ImportedTask: SequenceTask {
    static let name = "imported"
    static let summary = "the sequence given with --input (and --target) for a model from a file"
    static let settingSpecs: [SettingSpec] = []

    let example: Example
    let shape: TaskShape
    var settings: [String: String] { [:] }

    init(settings: [String: String], dataDirectory: URL?) throws {
        throw EngineError("an imported model's sequence comes from its --input file, not from settings")
    }

    /// The task for a run: its shape follows the model (inputs, outputs, loss, scored steps).
    init(_ run: ImportedRun) {
        let c = run.model.config
        let input: TaskInput
        switch run.example.input {
        case .symbols: input = .symbols(names: (0..<c.inputSize).map(String.init))
        case .vectors: input = .dense(size: c.inputSize)
        }
        let names: [String]? = c.loss == .crossEntropy ? (0..<c.outputSize).map(String.init) : nil
        shape = TaskShape(input: input, outputSize: c.outputSize, outputNames: names,
                          loss: c.loss == .crossEntropy ? .crossEntropy : .mse,
                          scoring: c.lossAt == .everyStep ? .everyStep : .lastStep, length: run.example.length)
        example = run.example
    }

    func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        Array(repeating: example, count: max(0, count))
    }
}

extension ExperimentSettings {
    /// The settings that describe an imported model (so the keys that change a model — a, m, i,
    /// [ ], s — work on it as on a lesson's; those that draw new weights leave the file's).
    public init(imported run: ImportedRun) {
        self.init()
        let c = run.model.config
        cell = c.cell
        activation = c.activation
        hidden = c.hiddenSize
        layers = c.layers
        embeddingSize = c.inputEncoding == .embedding ? c.embeddingSize : 0
        recurrentBias = c.recurrentBias
        readout = c.readout
        task = ImportedTask.name
        steps = 500
        batch = 1
        optimizer = .adam
        learningRate = 0.01
    }
}

extension Panel {
    /// A panel on an imported model and its sequence, with the file's weights.
    public init(imported run: ImportedRun, label: String) {
        let settings = ExperimentSettings(imported: run)
        do {
            let e = try Experiment(model: run.model, settings: settings, task: ImportedTask(run))
            self.init(label: label, experiment: e)
        } catch {
            self.init(label: label, settings: settings, problem: Panel.describe(error))
        }
    }
}
