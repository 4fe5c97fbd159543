import Foundation

/// The GRU cell in PyTorch's layout: gate blocks reset (r), update (z), new (n).
///
///     r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)          reset: how much past to use
///     z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)          update: how much past to keep
///     n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))   the new candidate
///     h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}                    one merged state, no separate cell
public enum GRUCell {
    /// Gate block offsets, in units of H.
    public static let reset = 0, update = 1, new = 2

    /// One step forward for a batch: x (B × I), hPrev (B × H).
    public static func forward(_ p: LayerParameters, x: Matrix, hPrev: Matrix) -> LayerStep {
        let B = x.rows, H = hPrev.cols, G = 3 * H
        var inputSide = Matrix(rows: B, cols: G)
        inputSide.addProduct(x, transposing: p.W_ih)        // W_ih x_t
        var recurrentSide = Matrix(rows: B, cols: G)
        recurrentSide.addProduct(hPrev, transposing: p.W_hh) // W_hh h_{t−1}
        return activate(p, x: x, hPrev: hPrev, inputSide: inputSide, recurrentSide: recurrentSide)
    }

    /// The rest of a step once `inputSide` holds W_ih x_t and `recurrentSide` W_hh h_{t−1} (B × 3H).
    static func activate(_ p: LayerParameters, x: Matrix, hPrev: Matrix, inputSide: Matrix, recurrentSide: Matrix) -> LayerStep {
        let B = x.rows, H = hPrev.cols, G = 3 * H
        var pre = Matrix(rows: B, cols: G)
        var gates = Matrix(rows: B, cols: G)
        var hn = Matrix(rows: B, cols: H)
        var h = Matrix(rows: B, cols: H)
        for b in 0..<B {
            let row = b * G
            for j in 0..<H {
                let ar = inputSide.data[row + reset * H + j] + p.b_ih[reset * H + j]
                    + recurrentSide.data[row + reset * H + j] + p.b_hh[reset * H + j]
                let az = inputSide.data[row + update * H + j] + p.b_ih[update * H + j]
                    + recurrentSide.data[row + update * H + j] + p.b_hh[update * H + j]
                let r = sigmoid(ar)
                let z = sigmoid(az)
                let hnj = recurrentSide.data[row + new * H + j] + p.b_hh[new * H + j]   // W_hn h_{t−1} + b_hn
                let an = inputSide.data[row + new * H + j] + p.b_ih[new * H + j] + r * hnj
                let n = tanh(an)
                let hp = hPrev.data[b * H + j]
                pre.data[row + reset * H + j] = ar
                pre.data[row + update * H + j] = az
                pre.data[row + new * H + j] = an
                gates.data[row + reset * H + j] = r
                gates.data[row + update * H + j] = z
                gates.data[row + new * H + j] = n
                hn.data[b * H + j] = hnj
                h.data[b * H + j] = (1 - z) * n + z * hp                 // h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
            }
        }
        return LayerStep(input: x, preactivation: pre, gates: gates, recurrentNew: hn, h: h, c: nil, tanhC: nil)
    }
}
