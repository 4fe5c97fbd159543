extension RNNCell {
    /// One step backward. `dh` is the total gradient dL/dh_t (B × H).
    ///
    ///     δa = dh ⊙ f′(a_t)
    ///     dW_ih += δaᵀ x_t,  dW_hh += δaᵀ h_{t−1},  db_ih += Σ δa,  db_hh += Σ δa
    ///     dx_t = δa W_ih,    dh_{t−1} = δa W_hh
    public static func backward(_ p: LayerParameters, activation f: Activation, step: LayerStep, hPrev: Matrix,
                                dh: Matrix, grads g: inout LayerParameters) -> CellGradient {
        let da = deltas(activation: f, step: step, dh: dh)
        return CellGradient.finish(p, delta: da, deltaRecurrent: da, x: step.input, hPrev: hPrev,
                                   directToPrevious: nil, dcPrev: nil, dcTotal: nil, gateNorms: [], grads: &g)
    }

    /// δa = dh ⊙ f′(a_t), B × H.
    static func deltas(activation f: Activation, step: LayerStep, dh: Matrix) -> Matrix {
        var da = Matrix(rows: dh.rows, cols: dh.cols)
        for k in 0..<dh.count { da.data[k] = dh.data[k] * f.derivative(output: step.h.data[k]) }
        return da
    }
}

/// What a cell's backward step hands on: gradients for the layer below, the previous step,
/// and the norms a screen shows.
public struct CellGradient {
    /// B × I_l: dL/dx_t, for the layer below (or the embedding).
    public var dx: Matrix
    /// B × H: dL/dh_{t−1} through this step.
    public var dhPrev: Matrix
    /// LSTM: B × H, dL/dc_{t−1} through this step.
    public var dcPrev: Matrix?
    /// LSTM: B × H, the total dL/dc_t (through h_t and through c_{t+1}).
    public var dcTotal: Matrix?
    /// ‖dL/d(pre-activation)‖ of each gate block, in gate order (empty for RNN).
    public var gateNorms: [Double]

    /// Accumulates the weight gradients shared by every cell and computes dx and dh_{t−1}.
    ///
    /// `delta` (B × G·H) is the gradient at the input-side pre-activation W_ih x + b_ih;
    /// `deltaRecurrent` at the recurrent side W_hh h + b_hh (they differ only in GRU's new gate).
    /// `directToPrevious` is any gradient reaching h_{t−1} other than through W_hh (GRU's z ⊙ dh).
    static func finish(_ p: LayerParameters, delta: Matrix, deltaRecurrent: Matrix, x: Matrix, hPrev: Matrix,
                       directToPrevious: Matrix?, dcPrev: Matrix?, dcTotal: Matrix?, gateNorms: [Double],
                       grads g: inout LayerParameters) -> CellGradient {
        let B = delta.rows, GH = delta.cols, I = x.cols, H = hPrev.cols
        var dx = Matrix(rows: B, cols: I)
        var dhPrev = directToPrevious ?? Matrix(rows: B, cols: H)
        delta.data.withUnsafeBufferPointer { d in
            deltaRecurrent.data.withUnsafeBufferPointer { dr in
                let d = d.baseAddress!, dr = dr.baseAddress!
                x.data.withUnsafeBufferPointer { xp in
                    g.W_ih.data.withUnsafeMutableBufferPointer { gw in
                        if I > 0 { Kernels.addAtB(d, xp.baseAddress!, gw.baseAddress!, m: GH, n: I, k: B) }   // dW_ih += δᵀ x
                    }
                }
                hPrev.data.withUnsafeBufferPointer { hp in
                    g.W_hh.data.withUnsafeMutableBufferPointer { gw in
                        Kernels.addAtB(dr, hp.baseAddress!, gw.baseAddress!, m: GH, n: H, k: B)           // dW_hh += δ_rᵀ h_{t−1}
                    }
                }
                g.b_ih.withUnsafeMutableBufferPointer { Kernels.addColumnSums(d, $0.baseAddress!, rows: B, cols: GH) }
                g.b_hh.withUnsafeMutableBufferPointer { Kernels.addColumnSums(dr, $0.baseAddress!, rows: B, cols: GH) }
                p.W_ih.data.withUnsafeBufferPointer { w in
                    dx.data.withUnsafeMutableBufferPointer { o in
                        if I > 0 { Kernels.addAB(d, w.baseAddress!, o.baseAddress!, m: B, n: I, k: GH) }       // dx = δ W_ih
                    }
                }
                p.W_hh.data.withUnsafeBufferPointer { w in
                    dhPrev.data.withUnsafeMutableBufferPointer { o in
                        Kernels.addAB(dr, w.baseAddress!, o.baseAddress!, m: B, n: H, k: GH)               // dh_{t−1} += δ_r W_hh
                    }
                }
            }
        }
        return CellGradient(dx: dx, dhPrev: dhPrev, dcPrev: dcPrev, dcTotal: dcTotal, gateNorms: gateNorms)
    }
}

/// ‖·‖ of each of G column blocks of a B × (G·H) matrix.
func blockNorms(_ m: Matrix, blocks: Int) -> [Double] {
    let H = m.cols / max(blocks, 1)
    if m.rows == 1 {
        // One sequence: each block is contiguous, no copy needed.
        return m.data.withUnsafeBufferPointer { p in
            (0..<blocks).map { g in Vector.norm(UnsafeBufferPointer(rebasing: p[(g * H)..<((g + 1) * H)])) }
        }
    }
    return (0..<blocks).map { gIndex in
        var v: [Double] = []
        v.reserveCapacity(m.rows * H)
        for b in 0..<m.rows { for j in 0..<H { v.append(m.data[b * m.cols + gIndex * H + j]) } }
        return Vector.norm(v)
    }
}
