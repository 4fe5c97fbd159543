import Foundation

/// Dot-product attention of each step over the top layer's earlier hidden states (causal, so it
/// works for every task, and in the packed seq2seq task the decoder steps can look back at every
/// encoder state):
///
/// - scores e_ts = h_t · h_s / √H for s < t; α_t = softmax_s(e_t·) over s < t (at t = 1 there is
///   nothing to look at: context 0, no weights);
/// - context c̃_t = Σ_{s<t} α_ts h_s;
/// - read-out y_t = W_hy h_t + W_ay c̃_t + b_y, with a new parameter W_ay (O × H).
///
/// Backward (added into dL/dh from the read-out, before the recurrent loop):
/// dW_ay += dy_tᵀ c̃_t; dc̃_t = W_ayᵀ dy_t; dα_ts = dc̃_t · h_s;
/// de_ts = α_ts (dα_ts − Σ_{s'} α_ts' dα_ts'); dh_t += Σ_s de_ts h_s / √H;
/// dh_s += de_ts h_t / √H + α_ts dc̃_t.
///
/// The attention paths reach h_s directly, not through the recurrent state, so truncated BPTT
/// does not cut them.
enum Attention {
    /// The weights (one T × T matrix per sequence, α_ts at row t, column s; zero where s ≥ t) and
    /// the contexts (per step, B × H) for the top layer's hidden states `hs` ([t], B × H).
    static func forward(_ hs: [Matrix], batch B: Int, hidden H: Int) -> (weights: [Matrix], contexts: [Matrix]) {
        let T = hs.count
        let scale = 1 / Double(H).squareRoot()
        var weights = Array(repeating: Matrix(rows: T, cols: T), count: B)
        var contexts = Array(repeating: Matrix(rows: B, cols: H), count: T)
        guard T > 1 else { return (weights, contexts) }
        var e = [Double](repeating: 0, count: T)
        for b in 0..<B {
            let base = b * H
            for t in 1..<T {
                var m = -Double.infinity
                for s in 0..<t {
                    var d = 0.0
                    for j in 0..<H { d += hs[t].data[base + j] * hs[s].data[base + j] }
                    e[s] = d * scale
                    if e[s] > m { m = e[s] }
                }
                if !m.isFinite { m = 0 }
                var z = 0.0
                for s in 0..<t {
                    e[s] = exp(e[s] - m)
                    z += e[s]
                }
                for s in 0..<t {
                    let a = e[s] / z
                    weights[b].data[t * T + s] = a
                    for j in 0..<H { contexts[t].data[base + j] += a * hs[s].data[base + j] }
                }
            }
        }
        return (weights, contexts)
    }

    /// Adds the attention read-out's gradients: dW_ay, and dL/dh_t into `dh` ([t], B × H).
    static func backward(_ hs: [Matrix], weights: [Matrix], contexts: [Matrix], outputGradients: [Matrix],
                         W_ay: Matrix, dW_ay: inout Matrix, dh: inout [Matrix]) {
        let T = hs.count
        guard T > 0, let B = hs.first?.rows else { return }
        let H = W_ay.cols, O = W_ay.rows
        let scale = 1 / Double(H).squareRoot()
        var dc = [Double](repeating: 0, count: H)
        var da = [Double](repeating: 0, count: T)
        for t in 0..<T {
            let dy = outputGradients[t]
            for b in 0..<B {
                // dW_ay += dy_tᵀ c̃_t; dc̃_t = W_ayᵀ dy_t.
                var any = false
                for j in 0..<H { dc[j] = 0 }
                for k in 0..<O {
                    let g = dy.data[b * O + k]
                    guard g != 0 else { continue }
                    any = true
                    for j in 0..<H {
                        dW_ay.data[k * H + j] += g * contexts[t].data[b * H + j]
                        dc[j] += g * W_ay.data[k * H + j]
                    }
                }
                guard any, t > 0 else { continue }
                let alpha = weights[b]
                // dα_ts = dc̃_t · h_s, and Σ_s α_ts dα_ts.
                var mean = 0.0
                for s in 0..<t {
                    var d = 0.0
                    for j in 0..<H { d += dc[j] * hs[s].data[b * H + j] }
                    da[s] = d
                    mean += alpha.data[t * T + s] * d
                }
                for s in 0..<t {
                    let a = alpha.data[t * T + s]
                    let de = a * (da[s] - mean) * scale
                    for j in 0..<H {
                        dh[t].data[b * H + j] += de * hs[s].data[b * H + j]
                        dh[s].data[b * H + j] += de * hs[t].data[b * H + j] + a * dc[j]
                    }
                }
            }
        }
    }
}
