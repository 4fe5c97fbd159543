import Testing
@testable import UnrollEngine

/// Large layers (a batch whose per-step product reaches `BLAS.threshold`) run the whole sequence
/// through the packed GEMM; here they are checked against the same sequences run one at a time
/// (a batch of one always takes the step-by-step loops), with the loss normalised over the batch
/// so the per-sequence gradients add up to the batch's.
struct LargeLayerTests {
    struct Setup: CustomTestStringConvertible, Sendable {
        let name: String
        let config: ModelConfig
        let symbols: Bool
        let truncation: Int?
        var testDescription: String { name }
    }

    static let setups: [Setup] = [
        Setup(name: "lstm peepholes ×2, truncated", config: ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 64, outputSize: 2, layers: 2, peepholes: true),
              symbols: false, truncation: 4),
        Setup(name: "gru", config: ModelConfig(cell: .gru, inputSize: 5, hiddenSize: 80, outputSize: 3), symbols: false, truncation: nil),
        Setup(name: "rnn tanh", config: ModelConfig(cell: .rnn, activation: .tanh, inputSize: 2, hiddenSize: 128, outputSize: 2), symbols: false, truncation: nil),
        Setup(name: "lstm embedding, cross-entropy", config: ModelConfig(cell: .lstm, inputSize: 6, hiddenSize: 64, outputSize: 6, inputEncoding: .embedding,
                                                                          embeddingSize: 5, loss: .crossEntropy), symbols: true, truncation: nil),
    ]

    static func relErr(_ a: [Double], _ b: [Double]) -> Double {
        var num = 0.0, den = 0.0
        for (x, y) in zip(a, b) { num += (x - y) * (x - y); den += y * y }
        return (num / max(den, 1e-300)).squareRoot()
    }

    @Test(arguments: setups)
    func largeBatchMatchesSequencesOneByOne(setup: Setup) throws {
        let cfg = setup.config
        let B = 64, T = 9
        #expect(LargeLayer.applies(cfg, batch: B))
        #expect(!LargeLayer.applies(cfg, batch: 1))
        let model = try Model.initialized(cfg, InitSettings(seed: 3))
        let examples = setup.symbols ? Samples.symbols(cfg, steps: T, batch: B, seed: 4) : Samples.dense(cfg, steps: T, batch: B, seed: 4)
        let options = Network.BackwardOptions(truncation: setup.truncation)
        let trace = try Network.forward(model, examples)
        let back = Network.backward(model, trace, options: options)
        let total = trace.weights.reduce(0) { $0 + $1.reduce(0, +) }

        var gradients = model.parameters.zeroed
        var loss = 0.0
        var dhSquares = [[Double]](repeating: [Double](repeating: 0, count: T), count: cfg.layers)
        for (b, ex) in examples.enumerated() {
            let one = try Network.forward(model, [ex], options: Network.ForwardOptions(lossNormalizer: total))
            let g = Network.backward(model, one, options: options)
            loss += one.loss
            gradients.forEachTensor(pairedWith: g.gradients) { sum, part in for i in sum.indices { sum[i] += part[i] } }
            for l in 0..<cfg.layers {
                for t in 0..<T {
                    dhSquares[l][t] += g.hiddenGradientNorms[l][t] * g.hiddenGradientNorms[l][t]
                    #expect(Self.relErr(trace.layers[l][t].h.row(b), one.layers[l][t].h.row(0)) < 1e-12)
                }
            }
            #expect(Self.relErr(trace.readouts(sequence: b).flatMap { $0 }, one.readouts().flatMap { $0 }) < 1e-12)
        }
        #expect(abs(trace.loss - loss) <= 1e-12 * abs(loss))
        let names = model.parameters.namedTensors.map(\.name)
        for (k, (large, summed)) in zip(back.gradients.namedTensors, gradients.namedTensors).enumerated() {
            #expect(Self.relErr(large.values, summed.values) < 1e-11, "\(names[k])")
        }
        for l in 0..<cfg.layers {
            #expect(Self.relErr(back.hiddenGradientNorms[l], dhSquares[l].map { $0.squareRoot() }) < 1e-11)
        }
    }
}
