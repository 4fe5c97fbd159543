import Foundation

/// The one-step state Jacobian ∂s_t/∂s_{t−1} of one recurrent layer, for one sequence.
///
/// s = h for RNN and GRU, s = [h; c] for LSTM (so the matrix is 2H × 2H, blocks
/// [∂h/∂h ∂h/∂c; ∂c/∂h ∂c/∂c]).
public enum StateJacobian {
    public static func oneStep(_ model: Model, _ trace: ForwardTrace, layer l: Int = 0, step t: Int, sequence b: Int = 0) -> Matrix {
        let cfg = trace.config, H = cfg.hiddenSize
        let p = model.parameters.layers[l]
        let step = trace.layers[l][t]
        let hPrev = t > 0 ? trace.layers[l][t - 1].h.row(b) : trace.initialState.h[l].row(b)
        let gates = step.gates.row(b)
        switch cfg.cell {
        case .rnn:
            // J = diag(f′(a_t)) W_hh
            var j = Matrix(rows: H, cols: H)
            let h = step.h.row(b)
            for r in 0..<H {
                let d = cfg.activation.derivative(output: h[r])
                for c in 0..<H { j[r, c] = d * p.W_hh[r, c] }
            }
            return j
        case .gru:
            // ∂h/∂h_{t−1} = diag(z) + diag((h_{t−1} − n) z(1−z)) W_hz
            //             + diag((1 − z)(1 − n²)) [diag(W_hn h + b_hn) diag(r(1−r)) W_hr + diag(r) W_hn]
            let hn = step.recurrentNew!.row(b)
            var j = Matrix(rows: H, cols: H)
            for r in 0..<H {
                let rg = gates[GRUCell.reset * H + r], z = gates[GRUCell.update * H + r], n = gates[GRUCell.new * H + r]
                let dz = (hPrev[r] - n) * z * (1 - z)
                let dn = (1 - z) * (1 - n * n)
                let dr = dn * hn[r] * rg * (1 - rg)
                for c in 0..<H {
                    j[r, c] = dz * p.W_hh[GRUCell.update * H + r, c]
                        + dr * p.W_hh[GRUCell.reset * H + r, c]
                        + dn * rg * p.W_hh[GRUCell.new * H + r, c]
                }
                j[r, r] += z
            }
            return j
        case .lstm:
            let cPrev = t > 0 ? trace.layers[l][t - 1].c!.row(b) : trace.initialState.c![l].row(b)
            let ct = step.c!.row(b), tc = step.tanhC!.row(b)
            let peep = p.peephole
            var j = Matrix(rows: 2 * H, cols: 2 * H)
            for r in 0..<H {
                let i = gates[LSTMCell.input * H + r], f = gates[LSTMCell.forget * H + r]
                let g = gates[LSTMCell.candidate * H + r], o = gates[LSTMCell.output * H + r]
                let di = g * i * (1 - i), df = cPrev[r] * f * (1 - f), dg = i * (1 - g * g)
                let doPre = o * (1 - o)
                // ∂h_t/∂c_t, including the output peephole o(c_t).
                var dhdc = o * (1 - tc[r] * tc[r])
                if let peep { dhdc += tc[r] * doPre * peep[2, r] }
                // ∂c_t/∂h_{t−1} row r, and ∂c_t/∂c_{t−1} (diagonal).
                var dcdcPrev = f
                if let peep { dcdcPrev += di * peep[0, r] + df * peep[1, r] }
                for c in 0..<H {
                    let dcdh = di * p.W_hh[LSTMCell.input * H + r, c] + df * p.W_hh[LSTMCell.forget * H + r, c]
                        + dg * p.W_hh[LSTMCell.candidate * H + r, c]
                    j[H + r, c] = dcdh
                    j[r, c] = tc[r] * doPre * p.W_hh[LSTMCell.output * H + r, c] + dhdc * dcdh
                }
                j[H + r, H + r] = dcdcPrev
                j[r, H + r] = dhdc * dcdcPrev
                _ = ct
            }
            return j
        }
    }
}
