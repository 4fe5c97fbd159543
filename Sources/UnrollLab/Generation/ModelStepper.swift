import UnrollEngine

/// A model run one input at a time, carrying its state: feed x_t, read y_t. This is what
/// free-running generation needs, because the next input is only known once y_t is.
///
/// Without attention each call is one step of the engine's forward pass from the carried state
/// (h_{t−1}, c_{t−1}), so the read-outs are exactly those of `Network.forward` on the whole
/// sequence. With attention y_t = W_hy h_t + W_ay Σ_{s<t} α_ts h_s + b_y looks at every earlier
/// state, so each call re-runs the whole prefix (T calls cost O(T²) steps; still exact).
struct ModelStepper {
    /// One input: a symbol index, or a dense vector.
    enum Input: Equatable {
        case symbol(Int)
        case vector([Double])
    }

    let model: Model
    private var state: RecurrentState?
    private var history: [Input] = []

    init(_ model: Model) {
        self.model = model
    }

    /// Steps fed so far.
    var steps: Int { history.count }

    /// Feeds one input and returns the read-out y_t (logits for cross-entropy models).
    mutating func feed(_ input: Input) throws -> [Double] {
        history.append(input)
        if model.config.attention {
            let trace = try Network.forward(model, [Self.unscored(history, config: model.config)])
            return trace.readouts().last ?? []
        }
        let trace = try Network.forward(model, [Self.unscored([input], config: model.config)], initialState: state)
        state = trace.finalState
        return trace.readouts().last ?? []
    }

    /// Inputs as an example with nothing scored (the loss is not needed to read y_t).
    static func unscored(_ inputs: [Input], config: ModelConfig) -> Example {
        let T = inputs.count
        let input: InputSequence
        if case .symbol = inputs.first {
            input = .symbols(inputs.map { if case .symbol(let s) = $0 { return s } else { return -1 } })
        } else {
            input = .vectors(inputs.map { if case .vector(let v) = $0 { return v } else { return [] } })
        }
        let target: TargetSequence = config.loss == .crossEntropy
            ? .classes(Array(repeating: 0, count: T))
            : .values(Array(repeating: Array(repeating: 0, count: config.outputSize), count: T))
        return Example(input: input, target: target, mask: Array(repeating: 0, count: T))
    }
}
