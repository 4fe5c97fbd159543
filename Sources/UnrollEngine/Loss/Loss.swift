import Foundation

/// Per-step losses and their gradients at the read-out.
///
///     mse:            ℓ_t = mean_k (y_tk − target_tk)²           dℓ/dy = 2(y − target)/O
///     cross_entropy:  ℓ_t = −log softmax(y_t)[target_t]          dℓ/dy = softmax(y_t) − onehot(target_t)
///
/// The total is a weighted mean over scored steps: L = Σ w_bt ℓ_bt / Σ w_bt.
public enum Loss {
    /// ℓ for one read-out row, and writes dℓ/dy into `grad` (same length as y).
    public static func step(_ kind: LossKind, y: ArraySlice<Double>, target: Target, grad: inout [Double]) -> Double {
        let O = y.count
        let base = y.startIndex
        switch (kind, target) {
        case (.mse, .values(let t)):
            var s = 0.0
            for k in 0..<O {
                let d = y[base + k] - t[k]
                s += d * d
                grad[k] = 2 * d / Double(O)
            }
            return s / Double(O)
        case (.crossEntropy, .index(let cls)):
            let p = softmax(y)
            for k in 0..<O { grad[k] = p[k] - (k == cls ? 1 : 0) }
            return -logSoftmax(y)[cls]
        default:
            for k in 0..<O { grad[k] = .nan }
            return .nan
        }
    }

    /// The target of one step.
    public enum Target {
        case values(ArraySlice<Double>)
        case index(Int)
    }

    /// softmax(y), shifted by max(y) for stability.
    public static func softmax(_ y: ArraySlice<Double>) -> [Double] {
        let m = y.max() ?? 0
        let shift = m.isFinite ? m : 0
        let e = y.map { exp($0 - shift) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// log softmax(y) = y − max − log Σ exp(y − max).
    public static func logSoftmax(_ y: ArraySlice<Double>) -> [Double] {
        let m = y.max() ?? 0
        let shift = m.isFinite ? m : 0
        let lse = log(y.reduce(0) { $0 + exp($1 - shift) }) + shift
        return y.map { $0 - lse }
    }
}
