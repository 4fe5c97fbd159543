import Foundation

/// Optimizer settings, following PyTorch's definitions and defaults.
public struct OptimizerSettings: Equatable, Sendable {
    public var kind: OptimizerKind
    public var learningRate: Double
    /// SGD momentum μ (v = μv + g; p −= lr·v).
    public var momentum: Double
    /// Adam β₁, β₂.
    public var beta1: Double
    public var beta2: Double
    /// RMSprop smoothing α.
    public var alpha: Double
    /// ε: 1e-8 for Adam and RMSprop, 1e-10 for Adagrad.
    public var epsilon: Double

    public init(kind: OptimizerKind, learningRate: Double, momentum: Double = 0, beta1: Double = 0.9,
                beta2: Double = 0.999, alpha: Double = 0.99, epsilon: Double? = nil) {
        self.kind = kind
        self.learningRate = learningRate
        self.momentum = momentum
        self.beta1 = beta1
        self.beta2 = beta2
        self.alpha = alpha
        self.epsilon = epsilon ?? (kind == .adagrad ? 1e-10 : 1e-8)
    }
}

/// The state an optimizer keeps between steps, one buffer per parameter tensor.
public struct Optimizer: Sendable {
    public let settings: OptimizerSettings
    private var first: [[Double]] = []    // momentum buffer / Adam m
    private var second: [[Double]] = []   // Adagrad Σg² / RMSprop and Adam v
    /// Number of updates taken.
    public private(set) var stepCount = 0

    public init(_ settings: OptimizerSettings) { self.settings = settings }

    /// Applies one update to `parameters` from `gradients` (same shapes).
    public mutating func step(_ parameters: inout Parameters, gradients: Parameters) {
        stepCount += 1
        let s = settings
        let lr = s.learningRate
        var index = 0
        let needsInit = first.isEmpty
        let t = Double(stepCount)
        parameters.forEachTensor(pairedWith: gradients) { p, g in
            if needsInit {
                first.append([Double](repeating: 0, count: p.count))
                second.append([Double](repeating: 0, count: p.count))
            }
            switch s.kind {
            case .sgd:
                if s.momentum != 0 {
                    for i in 0..<p.count {
                        // PyTorch: the buffer starts as g on the first step, then v = μv + g.
                        let v = stepCount == 1 ? g[i] : s.momentum * first[index][i] + g[i]
                        first[index][i] = v
                        p[i] -= lr * v
                    }
                } else {
                    for i in 0..<p.count { p[i] -= lr * g[i] }
                }
            case .adagrad:
                for i in 0..<p.count {
                    second[index][i] += g[i] * g[i]                          // Σ g²
                    p[i] -= lr * g[i] / (second[index][i].squareRoot() + s.epsilon)
                }
            case .rmsprop:
                for i in 0..<p.count {
                    second[index][i] = s.alpha * second[index][i] + (1 - s.alpha) * g[i] * g[i]
                    p[i] -= lr * g[i] / (second[index][i].squareRoot() + s.epsilon)
                }
            case .adam:
                let bc1 = 1 - pow(s.beta1, t)
                let bc2 = 1 - pow(s.beta2, t)
                let stepSize = lr / bc1
                let bc2Root = bc2.squareRoot()
                for i in 0..<p.count {
                    first[index][i] = s.beta1 * first[index][i] + (1 - s.beta1) * g[i]
                    second[index][i] = s.beta2 * second[index][i] + (1 - s.beta2) * g[i] * g[i]
                    let denom = second[index][i].squareRoot() / bc2Root + s.epsilon   // √v̂ + ε
                    p[i] -= stepSize * first[index][i] / denom
                }
            }
            index += 1
        }
    }
}
