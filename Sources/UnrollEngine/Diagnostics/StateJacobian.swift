import Foundation

/// The one-step state Jacobian ∂s_t/∂s_{t−1} of one recurrent layer, for one sequence.
///
/// s = h for RNN and GRU, s = [h; c] for LSTM (so the matrix is 2H × 2H, blocks
/// [∂h/∂h ∂h/∂c; ∂c/∂h ∂c/∂c], the right-hand blocks diagonal).
public enum StateJacobian {
    /// The size of s: H, or 2H for LSTM.
    public static func stateSize(_ config: ModelConfig) -> Int {
        config.cell == .lstm ? 2 * config.hiddenSize : config.hiddenSize
    }

    public static func oneStep(_ model: Model, _ trace: ForwardTrace, layer l: Int = 0, step t: Int, sequence b: Int = 0) -> Matrix {
        let n = stateSize(trace.config)
        var j = Matrix(rows: n, cols: n)
        j.data.withUnsafeMutableBufferPointer { write(model, trace, layer: l, step: t, sequence: b, into: $0.baseAddress!) }
        return j
    }

    /// Writes ∂s_t/∂s_{t−1} (n × n row-major, n = `stateSize`) into `j`, every entry.
    static func write(_ model: Model, _ trace: ForwardTrace, layer l: Int, step t: Int, sequence b: Int,
                      into j: UnsafeMutablePointer<Double>) {
        let cfg = trace.config, H = cfg.hiddenSize
        let n = stateSize(cfg)
        j.update(repeating: 0, count: n * n)
        let p = model.parameters.layers[l]
        let step = trace.layers[l][t]
        let hPrevM = t > 0 ? trace.layers[l][t - 1].h : trace.initialState.h[l]
        let G = step.gates.cols
        step.gates.data.withUnsafeBufferPointer { gb in
        hPrevM.data.withUnsafeBufferPointer { hpb in
        p.W_hh.data.withUnsafeBufferPointer { wb in
            let gates = gb.baseAddress! + b * G
            let hPrev = hpb.baseAddress! + b * H
            let W = wb.baseAddress!
            switch cfg.cell {
            case .rnn:
                // J = diag(f′(a_t)) W_hh
                step.h.data.withUnsafeBufferPointer { hb in
                    let h = hb.baseAddress! + b * H
                    for r in 0..<H {
                        let d = cfg.activation.derivative(output: h[r])
                        let jr = j + r * H, wr = W + r * H
                        for c in 0..<H { jr[c] = d * wr[c] }
                    }
                }
            case .gru:
                // ∂h/∂h_{t−1} = diag(z) + diag((h_{t−1} − n) z(1−z)) W_hz
                //             + diag((1 − z)(1 − n²)) [diag(W_hn h + b_hn) diag(r(1−r)) W_hr + diag(r) W_hn]
                step.recurrentNew!.data.withUnsafeBufferPointer { hnb in
                    let hn = hnb.baseAddress! + b * H
                    for r in 0..<H {
                        let rg = gates[GRUCell.reset * H + r], z = gates[GRUCell.update * H + r], nn = gates[GRUCell.new * H + r]
                        let dz = (hPrev[r] - nn) * z * (1 - z)
                        let dn = (1 - z) * (1 - nn * nn)
                        let dr = dn * hn[r] * rg * (1 - rg)
                        let dnr = dn * rg
                        let wz = W + (GRUCell.update * H + r) * H, wr = W + (GRUCell.reset * H + r) * H
                        let wn = W + (GRUCell.new * H + r) * H
                        let jr = j + r * H
                        for c in 0..<H { jr[c] = dz * wz[c] + dr * wr[c] + dnr * wn[c] }
                        jr[r] += z
                    }
                }
            case .lstm:
                let cPrevM = t > 0 ? trace.layers[l][t - 1].c! : trace.initialState.c![l]
                let peep = p.peephole
                cPrevM.data.withUnsafeBufferPointer { cpb in
                step.tanhC!.data.withUnsafeBufferPointer { tcb in
                    let cPrev = cpb.baseAddress! + b * H, tc = tcb.baseAddress! + b * H
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
                        let wi = W + (LSTMCell.input * H + r) * H, wf = W + (LSTMCell.forget * H + r) * H
                        let wg = W + (LSTMCell.candidate * H + r) * H, wo = W + (LSTMCell.output * H + r) * H
                        let hRow = j + r * n, cRow = j + (H + r) * n
                        let dho = tc[r] * doPre
                        for c in 0..<H {
                            let dcdh = di * wi[c] + df * wf[c] + dg * wg[c]
                            cRow[c] = dcdh
                            hRow[c] = dho * wo[c] + dhdc * dcdh
                        }
                        cRow[H + r] = dcdcPrev
                        hRow[H + r] = dhdc * dcdcPrev
                    }
                }
                }
            }
        }
        }
        }
    }
}
