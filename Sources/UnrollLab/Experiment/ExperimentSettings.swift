import UnrollEngine

/// Everything that defines an experiment: the model, the task it reads, how it trains.
///
/// Lessons fill this from their front matter and page overrides; the screen changes it
/// through the update function; headless commands build it from flags.
public struct ExperimentSettings: Hashable, Sendable {
    // MARK: Model
    public var cell: CellKind = .rnn
    public var activation: Activation = .tanh
    public var hidden: Int = 8
    public var layers: Int = 1
    public var dropout: Double = 0
    public var peepholes: Bool = false
    /// Embedding width for symbol inputs; 0 means one-hot.
    public var embeddingSize: Int = 0
    public var initScheme: InitScheme = .default
    /// Scale each H × H block of W_hh to this spectral radius.
    public var radius: Double? = nil
    /// Multiply W_hh by this after initialisation.
    public var weightScale: Double = 1
    public var forgetBias: Double? = nil
    /// A dot-product attention read-out over earlier states (`ModelConfig.attention`).
    public var attention: Bool = false
    /// Whether the recurrent layers have biases (PyTorch's `bias=`; false for some imported models).
    public var recurrentBias: Bool = true
    /// The read-out after the top layer (`nn.Linear`, without bias, or none).
    public var readout: Readout = .linear
    /// Seed of the initial weights.
    public var seed: UInt64 = 1
    /// Seed of the data: the held-out examples on screen and the training batches. Panels that
    /// differ only in `seed` read the same examples and train on the same batches.
    public var dataSeed: UInt64 = 1

    // MARK: Task
    public var task: String = "adding"
    public var taskSettings: [String: String] = [:]
    /// Which example of the held-out split the screen shows.
    public var exampleIndex: Int = 0

    // MARK: Training
    public var optimizer: OptimizerKind = .adam
    public var learningRate: Double = 0.01
    public var momentum: Double = 0
    public var steps: Int = 500
    public var batch: Int = 16
    public var clipNorm: Double? = nil
    public var clipValue: Double? = nil
    /// Truncated BPTT window k (nil: full BPTT).
    public var truncation: Int? = nil

    public init() {}

    /// The initialisation settings these imply.
    public var initSettings: InitSettings {
        InitSettings(scheme: initScheme, seed: seed, spectralRadius: radius, recurrentScale: weightScale,
                     forgetBias: forgetBias)
    }

    public var optimizerSettings: OptimizerSettings {
        OptimizerSettings(kind: optimizer, learningRate: learningRate, momentum: momentum)
    }

    public var clipping: GradientClipping { GradientClipping(clipNorm: clipNorm, clipValue: clipValue) }

    /// A short description of the model, e.g. "LSTM H=32 T=100 init=orthogonal".
    public var modelLabel: String {
        var s = cell == .rnn ? "RNN-\(activation.rawValue)" : cell.displayName
        if peepholes { s += "+peep" }
        s += " H=\(hidden)"
        if layers > 1 { s += "×\(layers)" }
        if attention { s += "+attn" }
        return s
    }

    /// These settings with the example choice of `other` (for comparing everything else).
    func with(exampleOf other: ExperimentSettings) -> ExperimentSettings {
        var s = self
        s.exampleIndex = other.exampleIndex
        s.dataSeed = other.dataSeed
        return s
    }
}
