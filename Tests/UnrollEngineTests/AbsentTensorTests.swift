import Testing
import UnrollEngine

/// Models without some tensors (PyTorch's bias=False, nn.Linear(bias=False), no read-out layer)
/// compute exactly what the full model computes with those tensors fixed, and never train them.
struct AbsentTensorTests {
    static let cells: [CellKind] = [.rnn, .lstm, .gru]

    /// The same model twice: once with the tensors present (and set to their fixed values), once without.
    func pair(_ cell: CellKind, readout: Readout, bias: Bool) throws -> (full: Model, reduced: Model, examples: [Example]) {
        let O = readout == .identity ? 4 : 2
        var reducedConfig = ModelConfig(cell: cell, inputSize: 3, hiddenSize: 4, outputSize: O, layers: 2,
                                        recurrentBias: bias, readout: readout)
        let reduced = try Model.initialized(reducedConfig, InitSettings(seed: 7))
        reducedConfig.recurrentBias = true
        reducedConfig.readout = .linear
        let full = Model(config: reducedConfig, parameters: reduced.parameters)
        var rng = SeededRandom(seed: 3)
        let examples = (0..<2).map { _ in
            Example(input: .vectors((0..<5).map { _ in (0..<3).map { _ in rng.uniform(-1, 1) } }),
                    target: .values((0..<5).map { _ in (0..<O).map { _ in rng.uniform(-1, 1) } }))
        }
        return (full, reduced, examples)
    }

    @Test(arguments: cells)
    func biasFreeLayersGetNoGradientAndTheSameOtherwise(cell: CellKind) throws {
        let (full, reduced, examples) = try pair(cell, readout: .linear, bias: false)
        for layer in reduced.parameters.layers {
            #expect(layer.b_ih.allSatisfy { $0 == 0 } && layer.b_hh.allSatisfy { $0 == 0 }, "initialised without biases")
        }
        let a = try Network.forward(full, examples), b = try Network.forward(reduced, examples)
        #expect(a.loss == b.loss)
        let ga = Network.backward(full, a), gb = Network.backward(reduced, b)
        for l in 0..<2 {
            #expect(gb.gradients.layers[l].b_ih.allSatisfy { $0 == 0 } && gb.gradients.layers[l].b_hh.allSatisfy { $0 == 0 })
            #expect(ga.gradients.layers[l].b_ih.contains { $0 != 0 }, "the full model's biases do get a gradient")
            #expect(gb.gradients.layers[l].W_ih == ga.gradients.layers[l].W_ih)
            #expect(gb.gradients.layers[l].W_hh == ga.gradients.layers[l].W_hh)
            #expect(gb.hiddenGradientNorms[l] == ga.hiddenGradientNorms[l])
        }
        #expect(gb.gradients.W_hy == ga.gradients.W_hy && gb.gradients.b_y == ga.gradients.b_y)
    }

    @Test(arguments: cells)
    func trainingNeverMovesAbsentTensors(cell: CellKind) throws {
        let (_, reduced, examples) = try pair(cell, readout: .identity, bias: false)
        var trainer = Trainer(model: reduced, optimizer: Optimizer(OptimizerSettings(kind: .adam, learningRate: 0.05)))
        let losses = try trainer.run(examples: examples, steps: 5)
        #expect(losses.last! < losses.first!, "the other weights do train")
        let p = trainer.model.parameters
        #expect(p.layers.allSatisfy { $0.b_ih.allSatisfy { $0 == 0 } && $0.b_hh.allSatisfy { $0 == 0 } })
        #expect(p.W_hy == Matrix.identity(4) && p.b_y.allSatisfy { $0 == 0 })
        #expect(p.layers[0].W_ih != reduced.parameters.layers[0].W_ih)
    }

    @Test func withoutAReadOutLayerTheOutputIsTheTopState() throws {
        let (_, reduced, examples) = try pair(.lstm, readout: .identity, bias: true)
        let trace = try Network.forward(reduced, examples)
        #expect(trace.readouts(sequence: 1) == trace.hiddenStates(layer: 1, sequence: 1))
        let back = Network.backward(reduced, trace)
        #expect(back.gradients.W_hy.data.allSatisfy { $0 == 0 } && back.gradients.b_y.allSatisfy { $0 == 0 })
        #expect(back.gradients.layers[0].b_ih.contains { $0 != 0 })
    }

    @Test func aLinearReadOutWithoutBiasKeepsItsWeights() throws {
        let (full, reduced, examples) = try pair(.gru, readout: .linearNoBias, bias: true)
        #expect(reduced.parameters.b_y.allSatisfy { $0 == 0 })
        let back = Network.backward(reduced, try Network.forward(reduced, examples))
        let fullBack = Network.backward(full, try Network.forward(full, examples))
        #expect(back.gradients.b_y.allSatisfy { $0 == 0 })
        #expect(back.gradients.W_hy == fullBack.gradients.W_hy)
    }

    @Test func nonZeroValuesForAbsentTensorsAreRefused() throws {
        var (_, reduced, examples) = try pair(.rnn, readout: .identity, bias: false)
        var m = reduced
        m.parameters.layers[1].b_hh[0] = 0.5
        #expect(throws: EngineError.self) { try Network.forward(m, examples) }
        m = reduced
        m.parameters.W_hy[0, 1] = 0.1
        #expect(throws: EngineError.self) { try Network.forward(m, examples) }
        reduced.config.outputSize = 3
        #expect(throws: EngineError.self) { try reduced.config.validate() }
        _ = examples
    }
}
