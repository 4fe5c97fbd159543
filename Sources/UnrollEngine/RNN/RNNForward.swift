/// The vanilla (Elman) RNN cell.
///
///     a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh
///     h_t = f(a_t)            f ∈ {tanh, ReLU, sigmoid, identity}
public enum RNNCell {
    /// One step forward for a batch: x (B × I), hPrev (B × H).
    public static func forward(_ p: LayerParameters, activation f: Activation, x: Matrix, hPrev: Matrix) -> LayerStep {
        let B = x.rows, H = hPrev.cols
        var a = Matrix(rows: B, cols: H)
        a.addProduct(x, transposing: p.W_ih)      // W_ih x_t
        a.addProduct(hPrev, transposing: p.W_hh)  // W_hh h_{t−1}
        return activate(p, activation: f, x: x, products: a)
    }

    /// The rest of a step once `products` (B × H) holds W_ih x_t + W_hh h_{t−1}.
    static func activate(_ p: LayerParameters, activation f: Activation, x: Matrix, products: Matrix) -> LayerStep {
        let B = products.rows, H = products.cols
        var a = products
        var h = Matrix(rows: B, cols: H)
        for b in 0..<B {
            for j in 0..<H {
                let k = b * H + j
                a.data[k] += p.b_ih[j] + p.b_hh[j]
                h.data[k] = f.apply(a.data[k])   // h_t = f(a_t)
            }
        }
        return LayerStep(input: x, preactivation: a, gates: h, recurrentNew: nil, h: h, c: nil, tanhC: nil)
    }
}
