/// What one tensor of a PyTorch state_dict is to the engine.
public enum TensorRole: Hashable, Sendable, CustomStringConvertible {
    /// `weight_ih_l{k}`: W_ih of layer k, (G·H) × I_k.
    case inputWeights(layer: Int)
    /// `weight_hh_l{k}`: W_hh of layer k, (G·H) × H.
    case recurrentWeights(layer: Int)
    /// `bias_ih_l{k}`: b_ih of layer k, G·H.
    case inputBias(layer: Int)
    /// `bias_hh_l{k}`: b_hh of layer k, G·H.
    case recurrentBias(layer: Int)
    /// nn.Embedding's `weight`: the table, vocabulary × embedding size.
    case embedding
    /// nn.Linear's `weight`: W_hy, O × H.
    case readoutWeights
    /// nn.Linear's `bias`: b_y, O.
    case readoutBias

    public var description: String {
        switch self {
        case .inputWeights(let l): return "W_ih of layer \(l)"
        case .recurrentWeights(let l): return "W_hh of layer \(l)"
        case .inputBias(let l): return "b_ih of layer \(l)"
        case .recurrentBias(let l): return "b_hh of layer \(l)"
        case .embedding: return "the embedding"
        case .readoutWeights: return "W_hy"
        case .readoutBias: return "b_y"
        }
    }

    /// The values of this tensor in `p` (row-major).
    public func values(in p: Parameters) -> [Double] {
        switch self {
        case .inputWeights(let l): return p.layers[l].W_ih.data
        case .recurrentWeights(let l): return p.layers[l].W_hh.data
        case .inputBias(let l): return p.layers[l].b_ih
        case .recurrentBias(let l): return p.layers[l].b_hh
        case .embedding: return p.embedding?.data ?? []
        case .readoutWeights: return p.W_hy.data
        case .readoutBias: return p.b_y
        }
    }
}

/// One tensor of a state_dict: its name in the file, what it is, and its shape there.
public struct TensorBinding: Equatable, Sendable {
    public var name: String
    public var role: TensorRole
    public var shape: [Int]

    public init(name: String, role: TensorRole, shape: [Int]) {
        self.name = name
        self.role = role
        self.shape = shape
    }
}

/// PyTorch's names for a model's tensors, and the model written back as a state_dict.
public enum StateDictNames {
    /// The names `unroll train --save` writes: a module with submodules `embed` (nn.Embedding,
    /// only for embedded inputs), `rnn` (nn.RNN/LSTM/GRU) and `head` (nn.Linear):
    ///
    ///     embed.weight                          V × E
    ///     rnn.weight_ih_l{k}, rnn.weight_hh_l{k}  (G·H) × I_k, (G·H) × H
    ///     rnn.bias_ih_l{k},   rnn.bias_hh_l{k}    G·H each (unless bias=False)
    ///     head.weight, head.bias                O × H, O
    ///
    /// `prefix` goes in front of every name (for a module held as `model.…`, pass "model.").
    public static func standard(for cfg: ModelConfig, prefix: String = "") -> [TensorBinding] {
        let GH = cfg.gateRows, H = cfg.hiddenSize
        var out: [TensorBinding] = []
        if cfg.inputEncoding == .embedding {
            out.append(TensorBinding(name: prefix + "embed.weight", role: .embedding, shape: [cfg.inputSize, cfg.embeddingSize]))
        }
        for l in 0..<cfg.layers {
            let I = l == 0 ? cfg.firstLayerInputSize : H
            out.append(TensorBinding(name: prefix + "rnn.weight_ih_l\(l)", role: .inputWeights(layer: l), shape: [GH, I]))
            out.append(TensorBinding(name: prefix + "rnn.weight_hh_l\(l)", role: .recurrentWeights(layer: l), shape: [GH, H]))
            if cfg.recurrentBias {
                out.append(TensorBinding(name: prefix + "rnn.bias_ih_l\(l)", role: .inputBias(layer: l), shape: [GH]))
                out.append(TensorBinding(name: prefix + "rnn.bias_hh_l\(l)", role: .recurrentBias(layer: l), shape: [GH]))
            }
        }
        if cfg.readout.hasWeights {
            out.append(TensorBinding(name: prefix + "head.weight", role: .readoutWeights, shape: [cfg.outputSize, H]))
        }
        if cfg.readout.hasBias {
            out.append(TensorBinding(name: prefix + "head.bias", role: .readoutBias, shape: [cfg.outputSize]))
        }
        return out
    }

    /// Throws when the model has something a PyTorch nn.RNN/LSTM/GRU cannot hold.
    public static func checkExportable(_ cfg: ModelConfig) throws {
        if cfg.peepholes {
            throw EngineError("nn.LSTM has no peephole connections, so a model with peepholes has no PyTorch state_dict")
        }
        if cfg.attention {
            throw EngineError("the attention read-out (W_ay) has no PyTorch module to load into; save a model without attention")
        }
        if cfg.cell == .rnn && cfg.activation != .tanh && cfg.activation != .relu {
            throw EngineError("nn.RNN's nonlinearity is tanh or relu, not \(cfg.activation.rawValue)")
        }
    }

    /// `parameters` (of a model with configuration `cfg`) as a safetensors file, one F64 tensor
    /// per binding, in the binding's shape. The metadata records what the file cannot say
    /// (the RNN's nonlinearity, one-hot inputs, the loss), and `StateDictImport` reads it back
    /// as the defaults for the flags.
    public static func file(_ parameters: Parameters, config cfg: ModelConfig, bindings: [TensorBinding]) throws -> SafeTensorsFile {
        try checkExportable(cfg)
        var metadata = ["format": "pt", "unroll.cell": cfg.cell.rawValue,
                        "unroll.loss": cfg.loss.rawValue, "unroll.loss_at": cfg.lossAt.rawValue]
        if cfg.cell == .rnn { metadata["unroll.activation"] = cfg.activation.rawValue }
        if cfg.inputEncoding == .oneHot { metadata["unroll.input_encoding"] = InputEncoding.oneHot.rawValue }
        let tensors = bindings.map { b in SafeTensor(name: b.name, shape: b.shape, values: b.role.values(in: parameters)) }
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }
}
