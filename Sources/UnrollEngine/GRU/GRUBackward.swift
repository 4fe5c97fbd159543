extension GRUCell {
    /// One step backward. `dh` is the total dL/dh_t.
    ///
    ///     dn = dh ⊙ (1 − z),  dz = dh ⊙ (h_{t−1} − n),  direct dh_{t−1} = dh ⊙ z
    ///     δn = dn ⊙ (1 − n²), δz = dz ⊙ z(1 − z)
    ///     dr = δn ⊙ (W_hn h_{t−1} + b_hn),  δr = dr ⊙ r(1 − r)
    ///     input side:     [δr, δz, δn]          (gradient at W_ih x + b_ih)
    ///     recurrent side: [δr, δz, δn ⊙ r]      (gradient at W_hh h + b_hh)
    public static func backward(_ p: LayerParameters, step: LayerStep, hPrev: Matrix,
                                dh: Matrix, grads gr: inout LayerParameters) -> CellGradient {
        let d = deltas(step: step, hPrev: hPrev, dh: dh)
        return CellGradient.finish(p, delta: d.delta, deltaRecurrent: d.deltaRecurrent, x: step.input, hPrev: hPrev,
                                   directToPrevious: d.direct, dcPrev: nil, dcTotal: nil,
                                   gateNorms: blockNorms(d.delta, blocks: 3), grads: &gr)
    }

    /// The element-wise part of a step backward: δ at the input side, δ at the recurrent side
    /// (B × 3H each) and the gradient reaching h_{t−1} straight through the update gate (B × H).
    static func deltas(step: LayerStep, hPrev: Matrix, dh: Matrix) -> (delta: Matrix, deltaRecurrent: Matrix, direct: Matrix) {
        let B = dh.rows, H = dh.cols, G = 3 * H
        var delta = Matrix(rows: B, cols: G)
        var deltaRecurrent = Matrix(rows: B, cols: G)
        var direct = Matrix(rows: B, cols: H)
        guard let hn = step.recurrentNew else { preconditionFailure("GRU step without W_hn h") }
        for b in 0..<B {
            let row = b * G
            for j in 0..<H {
                let k = b * H + j
                let r = step.gates.data[row + reset * H + j]
                let z = step.gates.data[row + update * H + j]
                let n = step.gates.data[row + new * H + j]
                let hp = hPrev.data[k]
                let dhk = dh.data[k]
                let deltaN = dhk * (1 - z) * (1 - n * n)                   // δn
                let deltaZ = dhk * (hp - n) * z * (1 - z)                  // δz
                let deltaR = deltaN * hn.data[k] * r * (1 - r)              // δr
                direct.data[k] = dhk * z                                   // straight through the update gate
                delta.data[row + reset * H + j] = deltaR
                delta.data[row + update * H + j] = deltaZ
                delta.data[row + new * H + j] = deltaN
                deltaRecurrent.data[row + reset * H + j] = deltaR
                deltaRecurrent.data[row + update * H + j] = deltaZ
                deltaRecurrent.data[row + new * H + j] = deltaN * r
            }
        }
        return (delta, deltaRecurrent, direct)
    }
}
