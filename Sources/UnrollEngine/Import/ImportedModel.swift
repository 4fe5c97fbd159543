/// How to read a state_dict where the file alone does not say: flags of `trace --model`.
public struct ImportOptions: Equatable, Sendable {
    /// Asserts the cell (the shapes decide it; a different one is an error).
    public var cell: CellKind?
    /// nn.RNN's nonlinearity, tanh or relu (not stored in a state_dict). Default: what a file
    /// unroll wrote records in its metadata, else tanh.
    public var activation: Activation?
    /// The nn.Linear read-out: a module name (`model.head`) or its weight's name.
    public var readout: String?
    /// The nn.Embedding: a module name or its weight's name.
    public var embedding: String?
    /// Default: the file's `unroll.loss` metadata, else mse.
    public var loss: LossKind?
    /// Default: the file's `unroll.loss_at` metadata, else every_step.
    public var lossAt: LossAt?

    public init(cell: CellKind? = nil, activation: Activation? = nil, readout: String? = nil, embedding: String? = nil,
                loss: LossKind? = nil, lossAt: LossAt? = nil) {
        self.cell = cell
        self.activation = activation
        self.readout = readout
        self.embedding = embedding
        self.loss = loss
        self.lossAt = lossAt
    }
}

/// A PyTorch model read into the engine: the engine's `Model`, and which tensor of the file is which.
public struct ImportedModel: Sendable {
    /// The file, as named in messages.
    public var file: String
    public var model: Model
    /// Every tensor of the file, sorted by name, with its role and its shape in the file.
    public var bindings: [TensorBinding]
    /// The file's `__metadata__`.
    public var metadata: [String: String]

    /// The model in PyTorch's words, e.g. "nn.Embedding(5, 3) → nn.LSTM(3, 6) → nn.Linear(6, 5)".
    public var summary: String {
        let c = model.config
        var parts: [String] = []
        if c.inputEncoding == .embedding { parts.append("nn.Embedding(\(c.inputSize), \(c.embeddingSize))") }
        var args = ["\(c.firstLayerInputSize)", "\(c.hiddenSize)"]
        if c.layers > 1 { args.append("num_layers=\(c.layers)") }
        if !c.recurrentBias { args.append("bias=False") }
        if c.cell == .rnn && c.activation != .tanh { args.append("nonlinearity='\(c.activation.rawValue)'") }
        parts.append("nn.\(c.cell.displayName)(\(args.joined(separator: ", ")))")
        switch c.readout {
        case .linear: parts.append("nn.Linear(\(c.hiddenSize), \(c.outputSize))")
        case .linearNoBias: parts.append("nn.Linear(\(c.hiddenSize), \(c.outputSize), bias=False)")
        case .identity: break
        }
        return parts.joined(separator: " → ")
    }

    /// `parameters` (the model's, or gradients) as the file's tensors: its names, its shapes.
    public func tensors(_ parameters: Parameters) -> [SafeTensor] {
        bindings.map { SafeTensor(name: $0.name, shape: $0.shape, values: $0.role.values(in: parameters)) }
    }

    /// The model's current weights as a file with the same names and shapes as the one read.
    public func file(_ parameters: Parameters) throws -> SafeTensorsFile {
        try StateDictNames.file(parameters, config: model.config, bindings: bindings)
    }
}
