/// Everything that fixes a model's shape and behaviour, but not its weights.
public struct ModelConfig: Equatable, Sendable {
    public var cell: CellKind
    /// Nonlinearity of a vanilla RNN (ignored by LSTM and GRU, whose gates are fixed).
    public var activation: Activation
    /// I: dense input size, or vocabulary size for one-hot and embedded symbols.
    public var inputSize: Int
    /// H: hidden units per layer.
    public var hiddenSize: Int
    /// O: read-out size (classes for cross-entropy).
    public var outputSize: Int
    /// Stacked recurrent layers (≥ 1).
    public var layers: Int
    /// Dropout probability between stacked layers, applied only while training.
    public var dropout: Double
    /// LSTM peephole connections (Gers & Schmidhuber): the gates also see the cell state.
    public var peepholes: Bool
    public var inputEncoding: InputEncoding
    /// Embedding width when `inputEncoding == .embedding`.
    public var embeddingSize: Int
    public var loss: LossKind
    public var lossAt: LossAt
    /// A dot-product attention read-out over the top layer's earlier hidden states (causal, so it
    /// works for every task; in the packed seq2seq task the decoder steps can look back at every
    /// encoder state):
    ///
    /// - scores e_ts = h_t · h_s / √H for s < t; α_t = softmax_s(e_t·) over s < t (at t = 1 there
    ///   is nothing to look at: context 0, no weights);
    /// - context c̃_t = Σ_{s<t} α_ts h_s;
    /// - read-out y_t = W_hy h_t + W_ay c̃_t + b_y, with a new parameter W_ay (O × H).
    ///
    /// Default off: the model is then exactly the plain read-out y_t = W_hy h_t + b_y.
    public var attention: Bool
    /// PyTorch's `bias` argument of nn.RNN, nn.LSTM and nn.GRU. When false the layers have no
    /// b_ih, b_hh: `Parameters` keeps them as zero vectors, the backward pass gives them no
    /// gradient, so training never moves them (a model read from a bias-free state_dict).
    public var recurrentBias: Bool
    /// The read-out after the top layer (see `Readout`); `.linear` is y_t = W_hy h_t + b_y.
    public var readout: Readout

    public init(cell: CellKind, activation: Activation = .tanh, inputSize: Int, hiddenSize: Int,
                outputSize: Int, layers: Int = 1, dropout: Double = 0, peepholes: Bool = false,
                inputEncoding: InputEncoding = .dense, embeddingSize: Int = 0,
                loss: LossKind = .mse, lossAt: LossAt = .everyStep, attention: Bool = false,
                recurrentBias: Bool = true, readout: Readout = .linear) {
        self.cell = cell
        self.activation = activation
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.outputSize = outputSize
        self.layers = layers
        self.dropout = dropout
        self.peepholes = peepholes
        self.inputEncoding = inputEncoding
        self.embeddingSize = embeddingSize
        self.loss = loss
        self.lossAt = lossAt
        self.attention = attention
        self.recurrentBias = recurrentBias
        self.readout = readout
    }

    /// Width of the vector the first recurrent layer reads.
    public var firstLayerInputSize: Int {
        inputEncoding == .embedding ? embeddingSize : inputSize
    }

    /// G·H, the rows of W_ih and W_hh.
    public var gateRows: Int { cell.gateCount * hiddenSize }

    /// Whether this configuration has a separate cell state (LSTM).
    public var hasCellState: Bool { cell == .lstm }
}

/// Sizes the engine refuses before allocating anything.
public enum EngineLimits {
    public static let maxHidden = 4096
    public static let maxInput = 100_000
    public static let maxOutput = 100_000
    public static let maxLayers = 16
    public static let maxSteps = 100_000
    public static let maxBatch = 4096
    /// Upper bound on doubles a single forward/backward may hold (about 2 GB).
    public static let maxRecordedValues = 250_000_000
}

/// A request the engine will not run, with the limit it breaks.
public struct EngineError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension ModelConfig {
    /// Checks every size against `EngineLimits`; throws a message naming the limit.
    public func validate() throws {
        func check(_ value: Int, _ name: String, _ range: ClosedRange<Int>) throws {
            guard range.contains(value) else {
                throw EngineError("\(name) = \(value) is out of range (\(range.lowerBound)…\(range.upperBound))")
            }
        }
        try check(hiddenSize, "hidden size H", 1...EngineLimits.maxHidden)
        try check(inputSize, "input size I", 1...EngineLimits.maxInput)
        try check(outputSize, "output size O", 1...EngineLimits.maxOutput)
        try check(layers, "layers", 1...EngineLimits.maxLayers)
        if inputEncoding == .embedding { try check(embeddingSize, "embedding size", 1...EngineLimits.maxHidden) }
        guard dropout.isFinite, dropout >= 0, dropout < 1 else {
            throw EngineError("dropout = \(dropout) must be in [0, 1)")
        }
        if peepholes && cell != .lstm { throw EngineError("peephole connections exist only for LSTM cells") }
        if readout == .identity && outputSize != hiddenSize {
            throw EngineError("a model without a read-out layer outputs h itself: output size O = \(outputSize) must equal H = \(hiddenSize)")
        }
        let weights = gateRows * (firstLayerInputSize + hiddenSize) * layers
        guard weights <= EngineLimits.maxRecordedValues else {
            throw EngineError("the model would have \(weights) weights; the limit is \(EngineLimits.maxRecordedValues)")
        }
    }

    /// Checks a batch of T steps against the memory the forward record would take.
    public func validateRun(steps: Int, batch: Int) throws {
        guard steps >= 1 else { throw EngineError("a sequence needs at least 1 step (got \(steps))") }
        guard steps <= EngineLimits.maxSteps else {
            throw EngineError("T = \(steps) steps is over the limit of \(EngineLimits.maxSteps)")
        }
        guard batch >= 1, batch <= EngineLimits.maxBatch else {
            throw EngineError("batch = \(batch) is out of range (1…\(EngineLimits.maxBatch))")
        }
        let perStep = batch * layers * (3 * gateRows + 4 * hiddenSize + firstLayerInputSize) + batch * outputSize * 2
            + (attention ? batch * hiddenSize : 0)
        var (total, overflow) = perStep.multipliedReportingOverflow(by: steps)
        if attention && !overflow {
            // The attention weights: one T × T matrix per sequence.
            let (square, o1) = steps.multipliedReportingOverflow(by: steps)
            let (weights, o2) = square.multipliedReportingOverflow(by: batch)
            let (sum, o3) = total.addingReportingOverflow(weights)
            total = sum
            overflow = o1 || o2 || o3
        }
        guard !overflow, total <= EngineLimits.maxRecordedValues else {
            throw EngineError("T = \(steps) × batch \(batch) would record over \(EngineLimits.maxRecordedValues) numbers; shorten the sequence or the batch")
        }
    }
}
