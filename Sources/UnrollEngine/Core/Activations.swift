import Foundation

/// The logistic sigmoid σ(x) = 1 / (1 + e^{−x}), stable for large |x|.
@inline(__always)
public func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
}

extension Activation {
    /// f(a).
    @inline(__always)
    public func apply(_ a: Double) -> Double {
        switch self {
        case .tanh: return Foundation.tanh(a)
        case .relu: return a > 0 ? a : (a.isNaN ? a : 0)
        case .sigmoid: return UnrollEngine.sigmoid(a)
        case .identity: return a
        }
    }

    /// f′(a) written in terms of the output y = f(a), as backprop uses it:
    /// tanh 1 − y², ReLU 1 if y > 0 (PyTorch's convention at 0), sigmoid y(1 − y), identity 1.
    @inline(__always)
    public func derivative(output y: Double) -> Double {
        switch self {
        case .tanh: return 1 - y * y
        case .relu: return y > 0 ? 1 : (y.isNaN ? y : 0)
        case .sigmoid: return y * (1 - y)
        case .identity: return 1
        }
    }
}
