extension LSTMCell {
    /// One step backward. `dh` is the total dL/dh_t; `dcNext` is dL/dc_t arriving from step t+1.
    ///
    ///     do = dh ⊙ tanh(c_t)                         δo = do ⊙ o(1 − o)
    ///     dc = dcNext + dh ⊙ o ⊙ (1 − tanh²c_t) [+ δo ⊙ p_o]   the total dL/dc_t
    ///     di = dc ⊙ g,   df = dc ⊙ c_{t−1},   dg = dc ⊙ i
    ///     δi = di ⊙ i(1 − i),  δf = df ⊙ f(1 − f),  δg = dg ⊙ (1 − g²)
    ///     dc_{t−1} = dc ⊙ f [+ δi ⊙ p_i + δf ⊙ p_f]
    ///
    /// The dc ⊙ f term is the "gradient highway": along the cell track the gradient is only
    /// multiplied by forget gates, never squashed by a derivative of tanh.
    public static func backward(_ p: LayerParameters, step: LayerStep, hPrev: Matrix, cPrev: Matrix,
                                dh: Matrix, dcNext: Matrix, grads gr: inout LayerParameters) -> CellGradient {
        let d = deltas(p, step: step, cPrev: cPrev, dh: dh, dcNext: dcNext, grads: &gr)
        return CellGradient.finish(p, delta: d.delta, deltaRecurrent: d.delta, x: step.input, hPrev: hPrev,
                                   directToPrevious: nil, dcPrev: d.dcPrev, dcTotal: d.dcTotal,
                                   gateNorms: blockNorms(d.delta, blocks: 4), grads: &gr)
    }

    /// The element-wise part of a step backward: the gate gradients δ (B × 4H), dL/dc_t and
    /// dL/dc_{t−1}; peephole gradients are added to `gr` here.
    static func deltas(_ p: LayerParameters, step: LayerStep, cPrev: Matrix, dh: Matrix, dcNext: Matrix,
                       grads gr: inout LayerParameters) -> (delta: Matrix, dcTotal: Matrix, dcPrev: Matrix) {
        let B = dh.rows, H = dh.cols, G = 4 * H
        var delta = Matrix(rows: B, cols: G)
        var dcTotal = Matrix(rows: B, cols: H)
        var dcPrev = Matrix(rows: B, cols: H)
        let peep = p.peephole
        guard let c = step.c, let tanhC = step.tanhC else { preconditionFailure("LSTM step without a cell state") }
        for b in 0..<B {
            let row = b * G
            for j in 0..<H {
                let k = b * H + j
                let i = step.gates.data[row + input * H + j]
                let f = step.gates.data[row + forget * H + j]
                let g = step.gates.data[row + candidate * H + j]
                let o = step.gates.data[row + output * H + j]
                let tc = tanhC.data[k]
                let cp = cPrev.data[k]
                let dhk = dh.data[k]
                let deltaO = dhk * tc * o * (1 - o)                       // δo
                var dc = dcNext.data[k] + dhk * o * (1 - tc * tc)          // total dL/dc_t
                if let peep { dc += deltaO * peep[2, j] }
                let deltaI = dc * g * i * (1 - i)                         // δi
                let deltaF = dc * cp * f * (1 - f)                        // δf
                let deltaG = dc * i * (1 - g * g)                         // δg
                var dcp = dc * f                                          // the highway: dc_{t−1} = dc ⊙ f
                if let peep {
                    dcp += deltaI * peep[0, j] + deltaF * peep[1, j]
                    gr.peephole![0, j] += deltaI * cp
                    gr.peephole![1, j] += deltaF * cp
                    gr.peephole![2, j] += deltaO * c.data[k]
                }
                delta.data[row + input * H + j] = deltaI
                delta.data[row + forget * H + j] = deltaF
                delta.data[row + candidate * H + j] = deltaG
                delta.data[row + output * H + j] = deltaO
                dcTotal.data[k] = dc
                dcPrev.data[k] = dcp
            }
        }
        return (delta, dcTotal, dcPrev)
    }
}
