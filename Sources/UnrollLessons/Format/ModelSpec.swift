import UnrollEngine

/// The network a lesson (or a page, or a compare variant) unrolls, with every field resolved.
public struct ModelSpec: Sendable, Equatable {
    /// The recurrent cell; the only required field of `model:`.
    public var cell: CellKind
    /// Nonlinearity of a vanilla RNN cell (ignored by LSTM/GRU). Default `tanh`.
    public var activation: Activation = .tanh
    /// Hidden units per layer, 1…1024. Default 8.
    public var hidden: Int = 8
    /// Stacked layers, 1…8. Default 1.
    public var layers: Int = 1
    /// How inputs reach the first layer. Default `dense`.
    public var encoding: InputEncoding = .dense
    /// Embedding width when `encoding` is `embedding`, 1…1024 (nil: the engine picks).
    public var embeddingSize: Int?
    /// Weight initialisation. Default `default` (PyTorch's uniform ±1/√H).
    public var initScheme: InitScheme = .default
    /// When set, W_hh is rescaled so its spectral radius is ρ (0…100).
    public var radius: Double?
    /// When set, every initial weight is multiplied by this factor (0…100).
    public var weightScale: Double?
    /// Initial bias of the LSTM forget gate (−100…100). Default 0.
    public var forgetBias: Double = 0
    /// LSTM peephole connections. Default off.
    public var peepholes: Bool = false
    /// Dropout between stacked layers, 0 ≤ p < 1. Default 0.
    public var dropout: Double = 0
    /// A dot-product attention read-out over the top layer's earlier states
    /// (see `ModelConfig.attention`). Default off.
    public var attention: Bool = false
    /// Seed for weights and data, 0…2^53. Default 1.
    public var seed: Int = 1

    public init(cell: CellKind) {
        self.cell = cell
    }

    /// This spec with every field the override sets replaced.
    public func applying(_ override: ModelOverride) -> ModelSpec {
        var spec = self
        if let v = override.cell { spec.cell = v }
        if let v = override.activation { spec.activation = v }
        if let v = override.hidden { spec.hidden = v }
        if let v = override.layers { spec.layers = v }
        if let v = override.encoding { spec.encoding = v }
        if let v = override.embeddingSize { spec.embeddingSize = v }
        if let v = override.initScheme { spec.initScheme = v }
        if let v = override.radius { spec.radius = v }
        if let v = override.weightScale { spec.weightScale = v }
        if let v = override.forgetBias { spec.forgetBias = v }
        if let v = override.peepholes { spec.peepholes = v }
        if let v = override.dropout { spec.dropout = v }
        if let v = override.attention { spec.attention = v }
        if let v = override.seed { spec.seed = v }
        return spec
    }
}

/// A partial model: the fields a compare variant or a page's `set:` changes (nil = unchanged).
public struct ModelOverride: Sendable, Equatable {
    public var cell: CellKind?
    public var activation: Activation?
    public var hidden: Int?
    public var layers: Int?
    public var encoding: InputEncoding?
    public var embeddingSize: Int?
    public var initScheme: InitScheme?
    public var radius: Double?
    public var weightScale: Double?
    public var forgetBias: Double?
    public var peepholes: Bool?
    public var dropout: Double?
    public var attention: Bool?
    public var seed: Int?

    public init() {}

    /// True when no field is set.
    public var isEmpty: Bool { self == ModelOverride() }
}

/// One model of a side-by-side comparison (`compare:`), e.g. `{label: "RNN tanh", cell: rnn, activation: tanh}`.
public struct CompareVariant: Sendable, Equatable {
    /// The caption shown above this variant's column.
    public var label: String
    /// What differs from the lesson's `model:`.
    public var override: ModelOverride
    /// The lesson's model with the override applied.
    public var model: ModelSpec
    /// Line of the variant in the lesson file.
    public var line: Int

    public init(label: String, override: ModelOverride, model: ModelSpec, line: Int) {
        self.label = label
        self.override = override
        self.model = model
        self.line = line
    }
}
