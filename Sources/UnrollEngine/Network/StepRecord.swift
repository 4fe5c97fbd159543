/// What one recurrent layer computed at one timestep, for a batch of B sequences.
///
/// Everything a screen may show is here; the backward pass reads the same record.
public struct LayerStep: Sendable {
    /// B × I_l: the input x_t this layer read (after dropout, for layers above the first).
    public var input: Matrix
    /// B × (G·H): gate pre-activations W_ih x_t + b_ih + W_hh h_{t−1} + b_hh (plus peephole terms).
    /// For GRU the `new` block holds W_in x_t + b_in + r ⊙ (W_hn h_{t−1} + b_hn).
    public var preactivation: Matrix
    /// B × (G·H): every gate after its nonlinearity (RNN: the activation itself, equal to h_t).
    public var gates: Matrix
    /// GRU only, B × H: W_hn h_{t−1} + b_hn, the recurrent part the reset gate scales.
    public var recurrentNew: Matrix?
    /// B × H: the hidden state h_t.
    public var h: Matrix
    /// LSTM only, B × H: the cell state c_t.
    public var c: Matrix?
    /// LSTM only, B × H: tanh(c_t).
    public var tanhC: Matrix?
}

/// The recurrent state of every layer: h (and c for LSTM), each B × H.
public struct RecurrentState: Equatable, Sendable {
    public var h: [Matrix]
    public var c: [Matrix]?

    public init(h: [Matrix], c: [Matrix]? = nil) {
        self.h = h
        self.c = c
    }

    /// The all-zero state for a configuration and batch size.
    public static func zero(_ config: ModelConfig, batch: Int) -> RecurrentState {
        let z = Matrix(rows: batch, cols: config.hiddenSize)
        return RecurrentState(h: Array(repeating: z, count: config.layers),
                              c: config.hasCellState ? Array(repeating: z, count: config.layers) : nil)
    }
}
