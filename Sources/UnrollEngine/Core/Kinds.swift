/// The recurrent cell types the engine unrolls.
public enum CellKind: String, CaseIterable, Sendable, Codable {
    /// Vanilla (Elman) RNN: h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh).
    case rnn
    /// Long short-term memory, PyTorch's gate order: input, forget, candidate, output.
    case lstm
    /// Gated recurrent unit, PyTorch's gate order: reset, update, new.
    case gru

    /// Number of gate blocks G stacked in W_ih and W_hh.
    public var gateCount: Int {
        switch self {
        case .rnn: return 1
        case .lstm: return 4
        case .gru: return 3
        }
    }

    /// The gate names in block order, as the lecture names them.
    public var gateNames: [String] {
        switch self {
        case .rnn: return []
        case .lstm: return ["input", "forget", "candidate", "output"]
        case .gru: return ["reset", "update", "new"]
        }
    }

    /// The short symbols used in reference files: i f g o, r z n.
    public var gateSymbols: [String] {
        switch self {
        case .rnn: return []
        case .lstm: return ["i", "f", "g", "o"]
        case .gru: return ["r", "z", "n"]
        }
    }

    public var displayName: String {
        switch self {
        case .rnn: return "RNN"
        case .lstm: return "LSTM"
        case .gru: return "GRU"
        }
    }
}

/// Elementwise nonlinearity of a vanilla RNN cell.
public enum Activation: String, CaseIterable, Sendable, Codable {
    case tanh, relu, sigmoid, identity

    /// γ, the largest value the derivative can take: 1 for tanh, ReLU and identity, ¼ for sigmoid.
    public var derivativeBound: Double { self == .sigmoid ? 0.25 : 1 }
}

/// The loss scored on the read-out y_t.
public enum LossKind: String, CaseIterable, Sendable, Codable {
    /// ℓ_t = mean_k (y_tk − target_tk)².
    case mse
    /// ℓ_t = −log softmax(y_t)[target_t].
    case crossEntropy = "cross_entropy"
}

/// Which steps contribute to the loss when an example carries no mask of its own.
public enum LossAt: String, CaseIterable, Sendable, Codable {
    case everyStep = "every_step"
    case lastStep = "last_step"
}

/// How inputs reach the first layer.
public enum InputEncoding: String, CaseIterable, Sendable, Codable {
    /// Dense vectors of the input size.
    case dense
    /// Symbol indices turned into one-hot vectors (vocabulary = input size).
    case oneHot = "one_hot"
    /// Symbol indices looked up in a learned embedding table (vocabulary × embedding size).
    case embedding
}

/// Weight initialisation schemes.
public enum InitScheme: String, CaseIterable, Sendable, Codable {
    /// PyTorch's default: every weight and bias uniform in ±1/√H.
    case `default`
    /// Xavier/Glorot uniform for weight matrices, zero biases.
    case xavier
    /// Orthogonal W_hh blocks, Xavier W_ih, zero biases.
    case orthogonal
    /// IRNN (Le, Jaitly & Hinton 2015): W_hh = I, W_ih ~ N(0, 0.001²), zero biases.
    case identity
}

/// Parameter update rules, following PyTorch's definitions.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    case sgd, adagrad, rmsprop, adam
}

/// The layer between the top recurrent layer and the loss.
public enum Readout: String, CaseIterable, Sendable, Codable {
    /// nn.Linear: y_t = W_hy h_t + b_y.
    case linear
    /// nn.Linear(bias=False): y_t = W_hy h_t; b_y stays zero and gets no gradient.
    case linearNoBias = "linear_no_bias"
    /// No read-out layer: y_t = h_t (O = H). W_hy is held at the identity and b_y at zero;
    /// neither gets a gradient.
    case identity

    /// Whether W_hy is a weight of the model (trained, reported).
    public var hasWeights: Bool { self != .identity }
    /// Whether b_y is a weight of the model.
    public var hasBias: Bool { self == .linear }
}
