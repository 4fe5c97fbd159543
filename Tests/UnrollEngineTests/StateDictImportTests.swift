import Foundation
import Testing
import TestSupport
import UnrollEngine

/// How state_dict names and shapes map onto the engine's model, and the refusals.
struct StateDictImportTests {
    /// A state_dict of an nn.`cell` with `layers` layers under `prefix`, plus extra tensors.
    static func stateDict(_ cell: CellKind, I: Int = 3, H: Int = 4, layers: Int = 1, bias: Bool = true, prefix: String = "rnn.",
                          extra: [(String, [Int])] = []) -> SafeTensorsFile {
        let GH = cell.gateCount * H
        var shapes: [(String, [Int])] = []
        for l in 0..<layers {
            shapes.append(("\(prefix)weight_ih_l\(l)", [GH, l == 0 ? I : H]))
            shapes.append(("\(prefix)weight_hh_l\(l)", [GH, H]))
            if bias { shapes += [("\(prefix)bias_ih_l\(l)", [GH]), ("\(prefix)bias_hh_l\(l)", [GH])] }
        }
        var rng = SeededRandom(seed: 9)
        let tensors = (shapes + extra).map { name, shape in
            SafeTensor(name: name, shape: shape, values: (0..<shape.reduce(1, *)).map { _ in rng.uniform(-0.5, 0.5) })
        }
        return SafeTensorsFile(tensors: tensors)
    }

    static func load(_ f: SafeTensorsFile, _ options: ImportOptions = ImportOptions()) throws -> ImportedModel {
        try StateDictImport.model(from: f, fileLabel: "m.safetensors", options: options)
    }

    static func message(_ f: SafeTensorsFile, _ options: ImportOptions = ImportOptions()) -> String {
        do { _ = try load(f, options); return "loaded" } catch { return "\(error)" }
    }

    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func recognisesTheCellFromTheShapes(cell: CellKind) throws {
        let m = try Self.load(Self.stateDict(cell, layers: 3, prefix: "model.encoder.", extra: [("model.fc.weight", [2, 4]), ("model.fc.bias", [2])]))
        let c = m.model.config
        #expect(c.cell == cell && c.layers == 3 && c.inputSize == 3 && c.hiddenSize == 4 && c.outputSize == 2)
        #expect(c.readout == .linear && c.recurrentBias)
        #expect(m.bindings.first { $0.name == "model.fc.weight" }?.role == .readoutWeights)
        #expect(m.bindings.first { $0.name == "model.encoder.weight_ih_l2" }?.role == .inputWeights(layer: 2))
        #expect(m.model.parameters.layers[2].W_hh.data == Self.stateDict(cell, layers: 3, prefix: "model.encoder.")["model.encoder.weight_hh_l2"]?.values)
    }

    @Test func namesWithoutAnyPrefixAndCellNamesWork() throws {
        let bare = try Self.load(Self.stateDict(.gru, prefix: ""))
        #expect(bare.model.config.readout == .identity && bare.model.config.outputSize == 4)
        // nn.LSTMCell: weight_ih, weight_hh, bias_ih, bias_hh with no layer number.
        let cellNames = SafeTensorsFile(tensors: Self.stateDict(.lstm, prefix: "cell.").tensors.map {
            var t = $0; t.name = String(t.name.dropLast(3)); return t
        })
        #expect(try Self.load(cellNames).model.config.cell == .lstm)
    }

    @Test func theEmbeddingIsTheTableWhoseWidthIsTheInputSize() throws {
        let m = try Self.load(Self.stateDict(.lstm, prefix: "model.rnn.", extra: [("model.embed.weight", [10, 3]), ("model.head.weight", [10, 4]), ("model.head.bias", [10])]))
        let c = m.model.config
        #expect(c.inputEncoding == .embedding && c.inputSize == 10 && c.embeddingSize == 3 && c.outputSize == 10)
        #expect(m.summary == "nn.Embedding(10, 3) → nn.LSTM(3, 4) → nn.Linear(4, 10)")
    }

    @Test func whenTheShapesFitBothRolesTheNameDecidesOrTheFlags() throws {
        // I = H = 4: both weight-only modules fit either role.
        let named = Self.stateDict(.gru, I: 4, extra: [("tok_emb.weight", [6, 4]), ("proj.weight", [6, 4])])
        #expect(try Self.load(named).bindings.first { $0.name == "tok_emb.weight" }?.role == .embedding)
        let unnamed = Self.stateDict(.gru, I: 4, extra: [("a.weight", [6, 4]), ("b.weight", [6, 4])])
        let message = Self.message(unnamed)
        #expect(message.contains("ambiguous") && message.contains("'a.weight' [6, 4]") && message.contains("'b.weight' [6, 4]"), "\(message)")
        #expect(message.contains("--readout NAME") && message.contains("--embedding NAME"), "\(message)")
        let settled = try Self.load(unnamed, ImportOptions(readout: "a"))
        #expect(settled.bindings.first { $0.name == "a.weight" }?.role == .readoutWeights)
        #expect(settled.bindings.first { $0.name == "b.weight" }?.role == .embedding)
        let byTensor = try Self.load(unnamed, ImportOptions(embedding: "a.weight"))
        #expect(byTensor.bindings.first { $0.name == "a.weight" }?.role == .embedding)
    }

    /// (what, file, options, words the message must contain)
    static let refusals: [(String, SafeTensorsFile, ImportOptions, [String])] = [
        ("bidirectional", stateDict(.lstm, extra: [("rnn.weight_ih_l0_reverse", [16, 3]), ("rnn.weight_hh_l0_reverse", [16, 4])]), ImportOptions(), ["bidirectional"]),
        ("proj_size", stateDict(.lstm, extra: [("rnn.weight_hr_l0", [2, 4])]), ImportOptions(), ["proj_size"]),
        ("no recurrent layer", SafeTensorsFile(tensors: [SafeTensor(name: "fc.weight", shape: [2, 2], values: [1, 2, 3, 4])]), ImportOptions(), ["no recurrent layer", "'fc.weight'"]),
        ("two stacks", stateDict(.gru, extra: [("dec.weight_ih_l0", [12, 3]), ("dec.weight_hh_l0", [12, 4])]), ImportOptions(), ["2 recurrent stacks"]),
        ("missing layer", stateDict(.rnn, layers: 3).removing("rnn.weight_ih_l1"), ImportOptions(), ["layer 1", "weight_ih_l1"]),
        ("biases on one layer only", stateDict(.rnn, layers: 2).removing("rnn.bias_hh_l1"), ImportOptions(), ["bias_hh_l1", "every layer"]),
        ("odd gate count", SafeTensorsFile(tensors: [SafeTensor(name: "weight_ih_l0", shape: [8, 2], values: .init(repeating: 0, count: 16)),
                                                       SafeTensor(name: "weight_hh_l0", shape: [8, 4], values: .init(repeating: 0, count: 32))]),
         ImportOptions(), ["neither an RNN", "[8, 4]"]),
        ("wrong layer shape", stateDict(.gru, layers: 2).replacing("rnn.weight_ih_l1", shape: [12, 3]), ImportOptions(), ["'rnn.weight_ih_l1' is [12, 3]", "[12, 4]"]),
        ("cell disagrees", stateDict(.lstm), ImportOptions(cell: .gru), ["--cell gru", "[12, 4]", "lstm"]),
        ("activation on an LSTM", stateDict(.lstm), ImportOptions(activation: .relu), ["--activation relu", "LSTM"]),
        ("unknown tensor", stateDict(.rnn, extra: [("bn.running_mean", [4])]), ImportOptions(), ["'bn.running_mean' [4]", "fits no role"]),
        ("read-out of the wrong width", stateDict(.rnn, extra: [("fc.weight", [2, 5]), ("fc.bias", [2])]), ImportOptions(), ["cannot give every tensor a role", "'fc.weight' [2, 5]"]),
        ("three modules", stateDict(.rnn, extra: [("a.weight", [2, 4]), ("a.bias", [2]), ("b.weight", [2, 4]), ("b.bias", [2]), ("c.weight", [5, 3])]), ImportOptions(), ["3 modules"]),
        ("--readout names nothing", stateDict(.rnn, extra: [("fc.weight", [2, 4])]), ImportOptions(readout: "head"), ["--readout 'head'", "'fc'"]),
        ("--embedding that cannot be one", stateDict(.rnn, extra: [("fc.weight", [2, 4]), ("fc.bias", [2])]), ImportOptions(embedding: "fc"), ["--embedding", "V × 3"]),
        ("too many layers", stateDict(.rnn, H: 2, layers: 17), ImportOptions(), ["layer 16", "at most 16 layers"]),
        ("values that do not fill the shape", SafeTensorsFile(tensors: [SafeTensor(name: "weight_ih_l0", shape: [4, 3], values: [1]),
                                                                         SafeTensor(name: "weight_hh_l0", shape: [4, 4], values: .init(repeating: 0, count: 16))]),
         ImportOptions(), ["'weight_ih_l0' has 1 values for shape [4, 3]"]),
        ("bad metadata", SafeTensorsFile(tensors: stateDict(.rnn).tensors, metadata: ["unroll.activation": "swish"]), ImportOptions(), ["unroll.activation", "'swish'"]),
    ]

    @Test(arguments: 0..<refusals.count)
    func refusalsSayWhatIsWrong(index: Int) {
        let (what, file, options, mentions) = Self.refusals[index]
        let message = Self.message(file, options)
        #expect(message.hasPrefix("m.safetensors: "), "\(what): \(message)")
        for m in mentions { #expect(message.contains(m), "\(what): \(message)") }
        #expect(!message.contains("\n"))
    }
}

extension SafeTensorsFile {
    func removing(_ name: String) -> SafeTensorsFile { SafeTensorsFile(tensors: tensors.filter { $0.name != name }, metadata: metadata) }

    func replacing(_ name: String, shape: [Int]) -> SafeTensorsFile {
        SafeTensorsFile(tensors: tensors.map { $0.name == name ? SafeTensor(name: name, shape: shape, values: .init(repeating: 0.1, count: shape.reduce(1, *))) : $0 },
                        metadata: metadata)
    }
}

/// The run a screen starts from: a model file and sequences.
struct ImportedRunTests {
    @Test func symbolModelsCanPredictTheirNextInput() throws {
        let f = Fixtures.Model("embed_lstm_ce")
        let run = try ImportedRun.load(model: f.model.path, input: f.input.path, target: nil, options: try f.options())
        #expect(!run.hasTarget && run.example.mask == Array(repeating: 0, count: 10))
        let next = try run.nextInputAsTarget()
        guard case .symbols(let s) = next.example.input, case .classes(let c) = next.example.target else {
            Issue.record("symbols in, classes out"); return
        }
        #expect(Array(c.dropLast()) == Array(s.dropFirst()))
        #expect(next.example.mask?.last == 0 && next.example.mask?.dropLast().allSatisfy { $0 == 1 } == true)
        let trace = try Network.forward(next.model, [next.example])
        #expect(trace.loss.isFinite && trace.loss > 0)
        let dense = try ImportedRun.load(model: Fixtures.Model("gru_f32").model.path, input: Fixtures.Model("gru_f32").input.path, target: nil)
        #expect(throws: ImportError.self) { try dense.nextInputAsTarget() }
    }
}
