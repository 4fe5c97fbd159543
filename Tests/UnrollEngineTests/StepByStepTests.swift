import Testing
import UnrollEngine

/// Running a sequence one step at a time must give the states and gradients of the whole pass.
struct StepByStepTests {
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func oneStepAtATimeEqualsTheWholePass(cell: CellKind) throws {
        let cfg = ModelConfig(cell: cell, activation: .tanh, inputSize: 3, hiddenSize: 4, outputSize: 2, layers: 2)
        let model = try Model.initialized(cfg, InitSettings(seed: 31))
        let examples = Samples.dense(cfg, steps: 8, batch: 2, seed: 6, mask: true)
        let whole = try Network.forward(model, examples)
        let wholeBack = Network.backward(model, whole)
        let total = whole.weights.reduce(0) { $0 + $1.reduce(0, +) }

        var state: RecurrentState? = nil
        var pieces: [ForwardTrace] = []
        var loss = 0.0
        for t in 0..<8 {
            let piece = try Network.forward(model, Samples.slice(examples, t, t + 1, weights: whole.weights),
                                            initialState: state, options: .init(lossNormalizer: total))
            for l in 0..<cfg.layers {
                #expect(piece.layers[l][0].h == whole.layers[l][t].h, "h differs at step \(t + 1), layer \(l)")
                if cfg.hasCellState { #expect(piece.layers[l][0].c == whole.layers[l][t].c) }
            }
            loss += piece.loss
            state = piece.finalState
            pieces.append(piece)
        }
        #expect(abs(loss - whole.loss) <= 1e-14 * max(1, whole.loss))

        var grads = model.parameters.zeroed
        var carried: RecurrentState? = nil
        var norms = [Double](repeating: 0, count: 8)
        for t in stride(from: 7, through: 0, by: -1) {
            let back = Network.backward(model, pieces[t], options: .init(finalStateGradient: carried))
            grads.forEachTensor(pairedWith: back.gradients) { a, b in for i in 0..<a.count { a[i] += b[i] } }
            carried = back.initialStateGradient
            norms[t] = back.hiddenGradientNorms[0][0]
        }
        var maxDiff = 0.0
        var wholeGrads = wholeBack.gradients
        wholeGrads.forEachTensor(pairedWith: grads) { a, b in
            for i in 0..<a.count { maxDiff = max(maxDiff, GradientCheck.error(a[i], b[i], floor: 1e-300)) }
        }
        #expect(maxDiff < 1e-12, "gradients differ by \(maxDiff)")
        for t in 0..<8 { #expect(GradientCheck.error(norms[t], wholeBack.hiddenGradientNorms[0][t], floor: 1e-300) < 1e-12) }
    }
}
