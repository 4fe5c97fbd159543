import Foundation

/// The LSTM cell in PyTorch's layout: gate blocks input (i), forget (f), candidate (g), output (o).
///
///     i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi [+ p_i ⊙ c_{t−1}])   input gate: how much to store
///     f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf [+ p_f ⊙ c_{t−1}])   forget gate: how much to keep
///     g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)                  candidate values
///     c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t                                     the cell state track
///     o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho [+ p_o ⊙ c_t])       output gate: how much to show
///     h_t = o_t ⊙ tanh(c_t)
///
/// The bracketed peephole terms (Gers & Schmidhuber 2000) are used when the layer has them.
public enum LSTMCell {
    /// Gate block offsets, in units of H.
    public static let input = 0, forget = 1, candidate = 2, output = 3

    /// One step forward for a batch: x (B × I), hPrev and cPrev (B × H).
    public static func forward(_ p: LayerParameters, x: Matrix, hPrev: Matrix, cPrev: Matrix) -> LayerStep {
        let B = x.rows, H = hPrev.cols, G = 4 * H
        var pre = Matrix(rows: B, cols: G)
        pre.addProduct(x, transposing: p.W_ih)      // W_ih x_t
        pre.addProduct(hPrev, transposing: p.W_hh)  // W_hh h_{t−1}
        return activate(p, x: x, products: pre, cPrev: cPrev)
    }

    /// The rest of a step once `products` (B × 4H) holds W_ih x_t + W_hh h_{t−1}: biases,
    /// peepholes, gates, c_t and h_t.
    static func activate(_ p: LayerParameters, x: Matrix, products: Matrix, cPrev: Matrix) -> LayerStep {
        let B = x.rows, H = cPrev.cols, G = 4 * H
        var pre = products
        var gates = Matrix(rows: B, cols: G)
        var c = Matrix(rows: B, cols: H)
        var tanhC = Matrix(rows: B, cols: H)
        var h = Matrix(rows: B, cols: H)
        let peep = p.peephole
        for b in 0..<B {
            let row = b * G
            for k in 0..<G { pre.data[row + k] += p.b_ih[k] + p.b_hh[k] }
            for j in 0..<H {
                let cp = cPrev.data[b * H + j]
                if let peep {
                    pre.data[row + input * H + j] += peep[0, j] * cp
                    pre.data[row + forget * H + j] += peep[1, j] * cp
                }
                let i = sigmoid(pre.data[row + input * H + j])
                let f = sigmoid(pre.data[row + forget * H + j])
                let g = tanh(pre.data[row + candidate * H + j])
                let ct = f * cp + i * g                                   // c_t = f ⊙ c_{t−1} + i ⊙ g
                if let peep { pre.data[row + output * H + j] += peep[2, j] * ct }
                let o = sigmoid(pre.data[row + output * H + j])
                let tc = tanh(ct)
                gates.data[row + input * H + j] = i
                gates.data[row + forget * H + j] = f
                gates.data[row + candidate * H + j] = g
                gates.data[row + output * H + j] = o
                c.data[b * H + j] = ct
                tanhC.data[b * H + j] = tc
                h.data[b * H + j] = o * tc                                // h_t = o ⊙ tanh(c_t)
            }
        }
        return LayerStep(input: x, preactivation: pre, gates: gates, recurrentNew: nil, h: h, c: c, tanhC: tanhC)
    }
}
