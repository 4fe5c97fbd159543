import Testing
import UnrollEngine

/// The attention read-out (`ModelConfig.attention`): BPTT gradients against central
/// differences, the shape of the weights, and that it adds nothing when W_ay = 0.
struct AttentionTests {
    struct Setup: CustomTestStringConvertible, Sendable {
        let name: String
        let config: ModelConfig
        let symbols: Bool
        let masked: Bool
        var testDescription: String { name }
    }

    static let setups: [Setup] = [
        Setup(name: "rnn tanh, mse, masked batch", config: ModelConfig(cell: .rnn, activation: .tanh, inputSize: 3, hiddenSize: 4, outputSize: 2, attention: true), symbols: false, masked: true),
        Setup(name: "lstm, mse, masked batch", config: ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 4, outputSize: 2, attention: true), symbols: false, masked: true),
        Setup(name: "gru, mse, masked batch", config: ModelConfig(cell: .gru, inputSize: 3, hiddenSize: 4, outputSize: 2, attention: true), symbols: false, masked: true),
        Setup(name: "rnn tanh one-hot, cross-entropy", config: ModelConfig(cell: .rnn, activation: .tanh, inputSize: 5, hiddenSize: 4, outputSize: 5, inputEncoding: .oneHot, loss: .crossEntropy, attention: true), symbols: true, masked: false),
        Setup(name: "lstm embedding, cross-entropy", config: ModelConfig(cell: .lstm, inputSize: 6, hiddenSize: 4, outputSize: 5, inputEncoding: .embedding, embeddingSize: 3, loss: .crossEntropy, attention: true), symbols: true, masked: false),
        Setup(name: "gru one-hot, cross-entropy", config: ModelConfig(cell: .gru, inputSize: 5, hiddenSize: 4, outputSize: 5, inputEncoding: .oneHot, loss: .crossEntropy, attention: true), symbols: true, masked: false),
        Setup(name: "lstm stacked ×2, masked batch", config: ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 3, outputSize: 2, layers: 2, attention: true), symbols: false, masked: true),
        Setup(name: "gru stacked ×2, masked batch", config: ModelConfig(cell: .gru, inputSize: 3, hiddenSize: 4, outputSize: 2, layers: 2, attention: true), symbols: false, masked: true),
        Setup(name: "rnn tanh, last step", config: ModelConfig(cell: .rnn, activation: .tanh, inputSize: 2, hiddenSize: 3, outputSize: 1, lossAt: .lastStep, attention: true), symbols: false, masked: false),
    ]

    /// Larger weights than the default draw, so the attention weights are far from uniform and
    /// every term of the softmax's derivative matters.
    static func model(_ cfg: ModelConfig, seed: UInt64) throws -> Model {
        var m = try Model.initialized(cfg, InitSettings(seed: seed))
        m.parameters.forEachTensor { t in for i in t.indices { t[i] *= 2 } }
        return m
    }

    @Test(arguments: setups)
    func gradientsMatchCentralDifferences(setup: Setup) throws {
        let model = try Self.model(setup.config, seed: 11)
        #expect(model.parameters.W_ay != nil)
        let examples = setup.symbols ? Samples.symbols(setup.config, steps: 6, batch: 3, seed: 5)
                                     : Samples.dense(setup.config, steps: 6, batch: 3, seed: 5, mask: setup.masked)
        let trace = try Network.forward(model, examples)
        let back = Network.backward(model, trace)
        let worst = try GradientCheck.worst(model, analytic: back.gradients, samples: 40) { m in
            try Network.forward(m, examples).loss
        }
        #expect(worst.error < 1e-6, "\(setup.name): \(worst.at) (relative error \(worst.error))")
        // The attention term really contributes to the gradient of the recurrent weights.
        var noAttention = model
        noAttention.parameters.W_ay = Matrix(rows: setup.config.outputSize, cols: setup.config.hiddenSize)
        let plain = Network.backward(noAttention, try Network.forward(noAttention, examples))
        #expect(plain.gradients.layers[0].W_hh != back.gradients.layers[0].W_hh)
    }

    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func weightsAreADistributionOverEarlierSteps(cell: CellKind) throws {
        let cfg = ModelConfig(cell: cell, inputSize: 3, hiddenSize: 5, outputSize: 2, attention: true)
        let model = try Self.model(cfg, seed: 3)
        let examples = Samples.dense(cfg, steps: 7, batch: 2, seed: 8)
        let trace = try Network.forward(model, examples)
        for b in 0..<2 {
            let alpha = try #require(trace.attentionWeights(sequence: b))
            #expect(alpha.count == 7 && alpha.allSatisfy { $0.count == 7 })
            for t in 0..<7 {
                for s in t..<7 { #expect(alpha[t][s] == 0, "α[\(t)][\(s)] must be 0 for s ≥ t") }
                if t == 0 { continue }
                let sum = alpha[t][0..<t].reduce(0, +)
                #expect(abs(sum - 1) < 1e-12, "row \(t) sums to \(sum)")
                #expect(alpha[t][0..<t].allSatisfy { $0 > 0 })
            }
        }
        #expect(trace.attentionWeights(sequence: 2) == nil)
        // Without attention there are no weights and no W_ay.
        var off = cfg
        off.attention = false
        let plain = try Model.initialized(off, InitSettings(seed: 3))
        #expect(plain.parameters.W_ay == nil)
        #expect(try Network.forward(plain, examples).attentionWeights() == nil)
    }

    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func zeroAttentionWeightsGiveThePlainModel(cell: CellKind) throws {
        var cfg = ModelConfig(cell: cell, inputSize: 3, hiddenSize: 4, outputSize: 3, layers: 2, attention: true)
        var model = try Model.initialized(cfg, InitSettings(seed: 4))
        cfg.attention = false
        let plain = try Model.initialized(cfg, InitSettings(seed: 4))
        // W_ay is drawn last, so every other weight is bit-identical to the model without attention.
        var stripped = model.parameters
        stripped.W_ay = nil
        #expect(stripped == plain.parameters)
        model.parameters.W_ay = Matrix(rows: 3, cols: 4)
        let examples = Samples.dense(cfg, steps: 6, batch: 2, seed: 1, mask: true)
        let a = try Network.forward(model, examples)
        let b = try Network.forward(plain, examples)
        #expect(a.outputs == b.outputs)
        #expect(a.loss == b.loss)
        let ga = Network.backward(model, a).gradients
        let gb = Network.backward(plain, b).gradients
        #expect(ga.layers == gb.layers && ga.W_hy == gb.W_hy && ga.b_y == gb.b_y)
        #expect(ga.W_ay != nil)
    }

    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func oneStepDoesNotTrap(cell: CellKind) throws {
        let cfg = ModelConfig(cell: cell, inputSize: 2, hiddenSize: 3, outputSize: 2, attention: true)
        let model = try Model.initialized(cfg, InitSettings(seed: 2))
        let examples = Samples.dense(cfg, steps: 1, batch: 2, seed: 3)
        let trace = try Network.forward(model, examples)
        #expect(trace.attentionWeights() == [[0]])
        let back = Network.backward(model, trace)
        #expect(back.gradients.isAllFinite)
        #expect(back.gradients.W_ay == Matrix(rows: 2, cols: 3), "no context at t = 1, so no gradient for W_ay")
    }

    @Test func shapeChecksCatchAMissingOrStrayW_ay() throws {
        let cfg = ModelConfig(cell: .rnn, inputSize: 2, hiddenSize: 3, outputSize: 2, attention: true)
        var model = try Model.initialized(cfg, InitSettings(seed: 2))
        let examples = Samples.dense(cfg, steps: 3, batch: 1, seed: 3)
        model.parameters.W_ay = nil
        #expect(throws: EngineError.self) { try Network.forward(model, examples) }
        model.parameters.W_ay = Matrix(rows: 3, cols: 3)
        #expect(throws: EngineError.self) { try Network.forward(model, examples) }
        model.config.attention = false
        model.parameters.W_ay = Matrix(rows: 2, cols: 3)
        #expect(throws: EngineError.self) { try Network.forward(model, examples) }
        // A quadratic record that would not fit is refused, not allocated.
        #expect(throws: EngineError.self) { try cfg.validateRun(steps: EngineLimits.maxSteps, batch: EngineLimits.maxBatch) }
    }

    @Test func nonFiniteStatesGiveNaNNotATrap() throws {
        let cfg = ModelConfig(cell: .rnn, activation: .identity, inputSize: 2, hiddenSize: 3, outputSize: 2, attention: true)
        var model = try Model.initialized(cfg, InitSettings(seed: 2))
        model.parameters.layers[0].W_ih.data[0] = .infinity
        let examples = Samples.dense(cfg, steps: 4, batch: 1, seed: 3)
        let trace = try Network.forward(model, examples)
        _ = Network.backward(model, trace)
        #expect(trace.attentionWeights() != nil)
    }
}
