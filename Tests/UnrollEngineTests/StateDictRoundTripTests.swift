import Foundation
import Testing
import TestSupport
import UnrollEngine

/// Load, save, load gives identical tensors; trained models go back under PyTorch's names.
struct StateDictRoundTripTests {
    @Test(arguments: Fixtures.modelNames)
    func loadSaveLoadKeepsEveryTensor(name: String) throws {
        let fixture = Fixtures.Model(name)
        let original = try SafeTensorsFile.read(path: fixture.model.path)
        let imported = try StateDictImport.model(from: original, fileLabel: name, options: try fixture.options())
        let bytes = try imported.file(imported.model.parameters).encoded()
        let again = try SafeTensorsFile.parse(bytes, fileLabel: "saved")
        #expect(again.tensors.map(\.name) == original.tensors.map(\.name))
        #expect(again.tensors.map(\.shape) == original.tensors.map(\.shape))
        for (a, b) in zip(again.tensors, original.tensors) {
            #expect(a.dtype == .F64)
            #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "\(name) \(a.name) changed")
        }
        let reloaded = try StateDictImport.model(from: again, fileLabel: "saved")
        #expect(reloaded.model == imported.model, "the metadata carries what the file cannot say (activation, loss)")
        #expect(reloaded.bindings == imported.bindings)
        #expect(try reloaded.file(reloaded.model.parameters).encoded() == bytes, "saving is deterministic")
    }

    @Test(arguments: Fixtures.modelNames)
    func standardNamesLoadBackToTheSameModel(name: String) throws {
        let fixture = Fixtures.Model(name)
        let imported = try StateDictImport.load(path: fixture.model.path, options: try fixture.options())
        let cfg = imported.model.config
        let file = try StateDictNames.file(imported.model.parameters, config: cfg, bindings: StateDictNames.standard(for: cfg))
        for t in file.tensors {
            #expect(t.name.hasPrefix("rnn.") || t.name.hasPrefix("head.") || t.name == "embed.weight", "\(t.name)")
        }
        let reloaded = try StateDictImport.model(from: try SafeTensorsFile.parse(try file.encoded(), fileLabel: "std"), fileLabel: "std")
        #expect(reloaded.model == imported.model)
    }

    @Test func aTrainedModelGoesBackUnderPyTorchsNames() throws {
        let cfg = ModelConfig(cell: .lstm, inputSize: 5, hiddenSize: 4, outputSize: 5, layers: 2,
                              inputEncoding: .embedding, embeddingSize: 3, loss: .crossEntropy)
        var trainer = Trainer(model: try Model.initialized(cfg, InitSettings(seed: 4)),
                              optimizer: Optimizer(OptimizerSettings(kind: .adam, learningRate: 0.05)))
        let examples = [Example(input: .symbols([0, 1, 2, 3, 4, 0]), target: .classes([1, 2, 3, 4, 0, 1]))]
        _ = try trainer.run(examples: examples, steps: 5)
        let trained = trainer.model
        let bindings = StateDictNames.standard(for: cfg)
        #expect(bindings.map(\.name) == ["embed.weight",
                                         "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                                         "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
                                         "head.weight", "head.bias"])
        #expect(bindings.first { $0.name == "rnn.weight_ih_l0" }?.shape == [16, 3])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("trained.safetensors").path
        try StateDictNames.file(trained.parameters, config: cfg, bindings: bindings).write(to: path)
        let loaded = try StateDictImport.load(path: path)
        #expect(loaded.model == trained)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["trained.safetensors"], "no temporary file left")
    }

    @Test func modelsPyTorchCannotHoldAreRefused() throws {
        let base = ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 3, outputSize: 1)
        var peep = base; peep.peepholes = true
        var attention = base; attention.attention = true
        var sigmoid = base; sigmoid.cell = .rnn; sigmoid.activation = .sigmoid
        for cfg in [peep, attention, sigmoid] {
            let m = try Model.initialized(cfg)
            #expect(throws: EngineError.self) { try StateDictNames.file(m.parameters, config: cfg, bindings: StateDictNames.standard(for: cfg)) }
        }
    }

    @Test func oneHotModelsRememberTheirEncoding() throws {
        let cfg = ModelConfig(cell: .gru, inputSize: 6, hiddenSize: 3, outputSize: 6, inputEncoding: .oneHot, loss: .crossEntropy)
        let m = try Model.initialized(cfg)
        let file = try StateDictNames.file(m.parameters, config: cfg, bindings: StateDictNames.standard(for: cfg))
        #expect(file.metadata["unroll.input_encoding"] == "one_hot")
        let loaded = try StateDictImport.model(from: file, fileLabel: "onehot")
        #expect(loaded.model == m, "inputs are symbol indices again, not 6 numbers per row")
    }
}
