import Foundation

/// The Jacobian diagnostics a screen sets beside the measured gradient norms.
public struct GradientFlow: Sendable {
    /// [t]: ‖∂s_t/∂s_{t−1}‖₂, the one-step gain (s_{−1} = the initial state).
    public var stepGains: [Double]
    /// [t]: ‖∂s_T/∂s_t‖₂, how much of the last step reaches step t (1 at t = T).
    public var reach: [Double]
    /// σ_max(W_hh) (the whole stacked matrix for gated cells).
    public var sigmaMax: Double
    /// ρ(W_hh) for RNN; for gated cells, of the candidate/new block.
    public var spectralRadius: Double
    /// γ, the bound on the activation's derivative (1 tanh/ReLU, ¼ sigmoid); for gated cells 1.
    public var gamma: Double
    /// [t]: (σ_max·γ)^(T−t), the classic bound on the reach (meaningful for vanilla RNNs).
    public var bound: [Double]

    /// Computes the diagnostics for one layer and one sequence of a recorded forward pass.
    public static func compute(_ model: Model, _ trace: ForwardTrace, layer l: Int = 0, sequence b: Int = 0,
                               includeReach: Bool = true) -> GradientFlow {
        let T = trace.steps
        var gains = [Double](repeating: 0, count: T)
        var jacobians: [Matrix] = []
        jacobians.reserveCapacity(T)
        var warm: [Double]? = nil
        for t in 0..<T {
            let j = StateJacobian.oneStep(model, trace, layer: l, step: t, sequence: b)
            gains[t] = Spectral.norm(j, start: &warm)
            jacobians.append(j)
        }
        var reach = [Double](repeating: 1, count: T)
        if includeReach && T > 1 {
            // P_{T−1} = I; P_t = P_{t+1} · J_{t+1};  reach[t] = ‖P_t‖.
            var product = jacobians[T - 1]
            var warmReach: [Double]? = nil
            reach[T - 2] = Spectral.norm(product, start: &warmReach)
            if T >= 3 {
                for t in stride(from: T - 3, through: 0, by: -1) {
                    product = Matrix.product(product, jacobians[t + 1])
                    // Keep the running product finite; the scale is carried in the norm.
                    reach[t] = Spectral.norm(product, start: &warmReach)
                }
            }
        }
        let p = model.parameters.layers[l]
        let cfg = trace.config, H = cfg.hiddenSize
        let sigma = Spectral.norm(p.W_hh)
        let square: Matrix
        switch cfg.cell {
        case .rnn: square = p.W_hh
        case .lstm: square = p.W_hh.rowBlock(LSTMCell.candidate * H, count: H)
        case .gru: square = p.W_hh.rowBlock(GRUCell.new * H, count: H)
        }
        let rho = Spectral.spectralRadius(square)
        let gamma = cfg.cell == .rnn ? cfg.activation.derivativeBound : 1
        let bound = (0..<T).map { t in pow(sigma * gamma, Double(T - 1 - t)) }
        return GradientFlow(stepGains: gains, reach: reach, sigmaMax: sigma, spectralRadius: rho, gamma: gamma, bound: bound)
    }
}
