import Testing
import UnrollEngine

/// BPTT gradients against central differences, for what the PyTorch cases do not cover.
struct FiniteDifferenceTests {
    struct Setup: CustomTestStringConvertible, Sendable {
        let name: String
        let config: ModelConfig
        let symbols: Bool
        let masked: Bool
        var testDescription: String { name }
    }

    static let setups: [Setup] = [
        Setup(name: "rnn tanh, every step", config: ModelConfig(cell: .rnn, activation: .tanh, inputSize: 3, hiddenSize: 4, outputSize: 2), symbols: false, masked: false),
        Setup(name: "rnn sigmoid", config: ModelConfig(cell: .rnn, activation: .sigmoid, inputSize: 3, hiddenSize: 4, outputSize: 2), symbols: false, masked: false),
        Setup(name: "rnn identity, last step", config: ModelConfig(cell: .rnn, activation: .identity, inputSize: 2, hiddenSize: 3, outputSize: 1, lossAt: .lastStep), symbols: false, masked: false),
        Setup(name: "lstm peepholes", config: ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 4, outputSize: 2, peepholes: true), symbols: false, masked: false),
        Setup(name: "lstm stacked ×3", config: ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 3, outputSize: 2, layers: 3), symbols: false, masked: false),
        Setup(name: "gru stacked ×2, masked batch", config: ModelConfig(cell: .gru, inputSize: 3, hiddenSize: 4, outputSize: 2, layers: 2), symbols: false, masked: true),
        Setup(name: "rnn stacked ×2, masked batch", config: ModelConfig(cell: .rnn, activation: .tanh, inputSize: 2, hiddenSize: 3, outputSize: 2, layers: 2), symbols: false, masked: true),
        Setup(name: "lstm embedding, cross-entropy", config: ModelConfig(cell: .lstm, inputSize: 6, hiddenSize: 4, outputSize: 5, inputEncoding: .embedding, embeddingSize: 3, loss: .crossEntropy), symbols: true, masked: false),
        Setup(name: "gru one-hot, cross-entropy", config: ModelConfig(cell: .gru, inputSize: 5, hiddenSize: 4, outputSize: 5, inputEncoding: .oneHot, loss: .crossEntropy), symbols: true, masked: false),
    ]

    @Test(arguments: setups)
    func gradientsMatchCentralDifferences(setup: Setup) throws {
        let model = try Model.initialized(setup.config, InitSettings(seed: 11))
        let examples = setup.symbols ? Samples.symbols(setup.config, steps: 6, batch: 2, seed: 5)
                                     : Samples.dense(setup.config, steps: 6, batch: 3, seed: 5, mask: setup.masked)
        let trace = try Network.forward(model, examples)
        let back = Network.backward(model, trace)
        let worst = try GradientCheck.worst(model, analytic: back.gradients) { m in
            try Network.forward(m, examples).loss
        }
        #expect(worst.error < 1e-6, "\(setup.name): \(worst.at) (relative error \(worst.error))")
    }

    @Test func dropoutBetweenLayersUsesTheSameMaskInBothPasses() throws {
        let cfg = ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 4, outputSize: 2, layers: 2, dropout: 0.4)
        let model = try Model.initialized(cfg, InitSettings(seed: 3))
        let examples = Samples.dense(cfg, steps: 5, batch: 2, seed: 9)
        let options = Network.ForwardOptions(training: true, dropoutSeed: 77)
        let trace = try Network.forward(model, examples, options: options)
        #expect(trace.dropoutMasks[0].contains { $0.data.contains(0) }, "some units must be dropped")
        let back = Network.backward(model, trace)
        let worst = try GradientCheck.worst(model, analytic: back.gradients) { m in
            try Network.forward(m, examples, options: options).loss
        }
        #expect(worst.error < 1e-6, "\(worst.at)")
        // Evaluation ignores dropout entirely.
        let eval = try Network.forward(model, examples)
        #expect(eval.dropoutMasks.allSatisfy { $0.isEmpty })
    }

    /// Truncated BPTT over k steps equals the sum, over chunks, of each chunk's gradient with
    /// the state entering the chunk held constant.
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func truncatedBPTTMatchesChunkedFiniteDifferences(cell: CellKind) throws {
        let cfg = ModelConfig(cell: cell, activation: .tanh, inputSize: 2, hiddenSize: 3, outputSize: 2)
        let model = try Model.initialized(cfg, InitSettings(seed: 21))
        let examples = Samples.dense(cfg, steps: 7, batch: 2, seed: 4)
        let k = 3
        let trace = try Network.forward(model, examples)
        let truncated = Network.backward(model, trace, options: .init(truncation: k))
        let full = Network.backward(model, trace)
        #expect(truncated.gradients != full.gradients, "truncation must change the gradient")
        let total = trace.weights.reduce(0) { $0 + $1.reduce(0, +) }
        let chunkStarts = Array(stride(from: 0, to: 7, by: k))
        let worst = try GradientCheck.worst(model, analytic: truncated.gradients) { m in
            var sum = 0.0
            for s in chunkStarts {
                let e = min(s + k, 7)
                let state = s == 0 ? trace.initialState
                    : RecurrentState(h: trace.layers.map { $0[s - 1].h }, c: cfg.hasCellState ? trace.layers.map { $0[s - 1].c! } : nil)
                let piece = Samples.slice(examples, s, e, weights: trace.weights)
                sum += try Network.forward(m, piece, initialState: state, options: .init(lossNormalizer: total)).loss
            }
            return sum
        }
        #expect(worst.error < 1e-6, "\(worst.at)")
    }

    /// ‖dL/dh_t‖ is the norm of the total derivative: perturbing h_t by ε along the reported
    /// gradient changes L by ε‖dL/dh_t‖.
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func hiddenGradientNormIsTheTotalDerivative(cell: CellKind) throws {
        let cfg = ModelConfig(cell: cell, inputSize: 2, hiddenSize: 3, outputSize: 1)
        let model = try Model.initialized(cfg, InitSettings(seed: 8))
        let examples = Samples.dense(cfg, steps: 5, batch: 1, seed: 2)
        let trace = try Network.forward(model, examples)
        let back = Network.backward(model, trace)
        let t = 2
        let state = RecurrentState(h: [trace.layers[0][t].h], c: cfg.hasCellState ? [trace.layers[0][t].c!] : nil)
        let total = trace.weights.reduce(0) { $0 + $1.reduce(0, +) }
        let before = Samples.slice(examples, 0, t + 1, weights: trace.weights)
        let headLoss = try Network.forward(model, before, options: .init(lossNormalizer: total)).loss
        let rest = Samples.slice(examples, t + 1, 5, weights: trace.weights)
        // dL/dh_t = gradient of (read-out loss at t) + (loss of steps after t) w.r.t. h_t.
        var numeric = [Double](repeating: 0, count: 3)
        for j in 0..<3 {
            func lossWith(_ d: Double) throws -> Double {
                var s = state
                s.h[0].data[j] += d
                var y = 0.0
                for k in 0..<cfg.outputSize { y += model.parameters.W_hy[k, j] * 0 }
                _ = y
                let later = try Network.forward(model, rest, initialState: s, options: .init(lossNormalizer: total)).loss
                // Loss of step t's read-out with h_t perturbed.
                var hrow = trace.layers[0][t].h.row(0)
                hrow[j] += d
                let out = model.parameters.W_hy.times(hrow).enumerated().map { $0.element + model.parameters.b_y[$0.offset] }
                guard case .values(let v) = examples[0].target else { return .nan }
                let lt = zip(out, v[t]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(out.count)
                return later + lt / total
            }
            numeric[j] = (try lossWith(1e-6) - lossWith(-1e-6)) / 2e-6
        }
        _ = headLoss
        let expected = Vector.norm(numeric)
        #expect(GradientCheck.error(back.hiddenGradientNorms[0][t], expected) < 1e-6)
    }
}
