/// Turns examples into the B × I_0 matrix the first layer reads at each step.
enum InputEncoder {
    struct Encoded {
        var inputs: [Matrix]
        var symbols: [[Int]]?
    }

    static func encode(_ examples: [Example], config cfg: ModelConfig, embedding: Matrix?, steps T: Int) throws -> Encoded {
        let B = examples.count, I = cfg.firstLayerInputSize
        var inputs = (0..<T).map { _ in Matrix(rows: B, cols: I) }
        var symbols: [[Int]]? = nil
        for (b, ex) in examples.enumerated() {
            guard ex.length == T else {
                throw EngineError("sequence \(b + 1) has \(ex.length) steps but the first has \(T); pad them to one length and mask the padding")
            }
            switch (cfg.inputEncoding, ex.input) {
            case (.dense, .vectors(let v)):
                for t in 0..<T {
                    guard v[t].count == I else {
                        throw EngineError("input at step \(t + 1) of sequence \(b + 1) has \(v[t].count) values; the model reads \(I)")
                    }
                    for k in 0..<I { inputs[t].data[b * I + k] = v[t][k] }
                }
            case (.oneHot, .symbols(let s)):
                for t in 0..<T {
                    guard s[t] >= 0 && s[t] < I else {
                        throw EngineError("symbol \(s[t]) at step \(t + 1) is outside the vocabulary of \(I)")
                    }
                    inputs[t].data[b * I + s[t]] = 1
                }
            case (.embedding, .symbols(let s)):
                guard let e = embedding else { throw EngineError("the model embeds its inputs but has no embedding table") }
                if symbols == nil { symbols = Array(repeating: Array(repeating: 0, count: B), count: T) }
                for t in 0..<T {
                    guard s[t] >= 0 && s[t] < e.rows else {
                        throw EngineError("symbol \(s[t]) at step \(t + 1) is outside the vocabulary of \(e.rows)")
                    }
                    symbols![t][b] = s[t]
                    for k in 0..<I { inputs[t].data[b * I + k] = e[s[t], k] }
                }
            case (.oneHot, .vectors(let v)), (.embedding, .vectors(let v)):
                _ = v
                throw EngineError("the model reads symbols (\(cfg.inputEncoding.rawValue)) but the input holds dense vectors")
            case (.dense, .symbols):
                throw EngineError("the model reads dense vectors but the input holds symbols")
            }
        }
        return Encoded(inputs: inputs, symbols: symbols)
    }
}

/// The targets of a batch, checked against the read-out size.
struct TargetTable {
    let examples: [Example]

    init(_ examples: [Example], config cfg: ModelConfig, steps T: Int) throws {
        for (b, ex) in examples.enumerated() {
            guard ex.target.length == T else {
                throw EngineError("sequence \(b + 1) has \(ex.target.length) targets for \(T) steps")
            }
            switch (cfg.loss, ex.target) {
            case (.mse, .values(let v)):
                for t in 0..<T where v[t].count != cfg.outputSize {
                    throw EngineError("target at step \(t + 1) of sequence \(b + 1) has \(v[t].count) values; the read-out has \(cfg.outputSize)")
                }
            case (.crossEntropy, .classes):
                break
            case (.mse, .classes):
                throw EngineError("mean squared error needs value targets, not class indices")
            case (.crossEntropy, .values):
                throw EngineError("cross-entropy needs class indices as targets, not values")
            }
        }
        self.examples = examples
        // Class indices are checked on scored steps only.
        let weights = try LossWeights.weights(examples, lossAt: cfg.lossAt, steps: T)
        for (b, ex) in examples.enumerated() {
            if case .classes(let cls) = ex.target {
                for t in 0..<T where weights[t][b] != 0 && !(0..<cfg.outputSize).contains(cls[t]) {
                    throw EngineError("target class \(cls[t]) at step \(t + 1) is outside 0…\(cfg.outputSize - 1)")
                }
            }
        }
    }

    func target(t: Int, b: Int, scored: Bool) -> Loss.Target {
        switch examples[b].target {
        case .values(let v): return .values(v[t][...])
        case .classes(let c):
            let k = c[t]
            return .index(k >= 0 ? k : 0)
        }
    }
}

/// Per-step loss weights: the example's mask, or the loss-at rule.
enum LossWeights {
    static func weights(_ examples: [Example], lossAt: LossAt, steps T: Int) throws -> [[Double]] {
        var w = Array(repeating: Array(repeating: 0.0, count: examples.count), count: T)
        for (b, ex) in examples.enumerated() {
            if let m = ex.mask {
                guard m.count == T else { throw EngineError("mask of sequence \(b + 1) has \(m.count) entries for \(T) steps") }
                for t in 0..<T {
                    guard m[t].isFinite, m[t] >= 0 else { throw EngineError("mask entry \(m[t]) at step \(t + 1) must be a finite weight ≥ 0") }
                    w[t][b] = m[t]
                }
            } else {
                switch lossAt {
                case .everyStep: for t in 0..<T { w[t][b] = 1 }
                case .lastStep: w[T - 1][b] = 1
                }
            }
        }
        return w
    }
}

/// Checks that every parameter matches the configuration's shapes.
public enum ParameterShapes {
    public static func check(_ model: Model) throws {
        let cfg = model.config, p = model.parameters
        let GH = cfg.gateRows, H = cfg.hiddenSize
        guard p.layers.count == cfg.layers else {
            throw EngineError("the model has \(p.layers.count) layer(s) of weights for \(cfg.layers) layer(s)")
        }
        for (l, lp) in p.layers.enumerated() {
            let I = l == 0 ? cfg.firstLayerInputSize : H
            func shape(_ m: Matrix, _ r: Int, _ c: Int, _ name: String) throws {
                guard m.rows == r && m.cols == c else {
                    throw EngineError("layer \(l) \(name) is \(m.rows) × \(m.cols), expected \(r) × \(c)")
                }
            }
            try shape(lp.W_ih, GH, I, "W_ih")
            try shape(lp.W_hh, GH, H, "W_hh")
            guard lp.b_ih.count == GH, lp.b_hh.count == GH else {
                throw EngineError("layer \(l) biases have \(lp.b_ih.count) and \(lp.b_hh.count) entries, expected \(GH)")
            }
            if cfg.peepholes {
                guard let ph = lp.peephole, ph.rows == 3, ph.cols == H else {
                    throw EngineError("layer \(l) needs 3 × \(H) peephole weights")
                }
            }
        }
        if cfg.inputEncoding == .embedding {
            guard let e = p.embedding, e.rows == cfg.inputSize, e.cols == cfg.embeddingSize else {
                throw EngineError("the embedding table must be \(cfg.inputSize) × \(cfg.embeddingSize)")
            }
        }
        guard p.W_hy.rows == cfg.outputSize, p.W_hy.cols == H, p.b_y.count == cfg.outputSize else {
            throw EngineError("the read-out must be W_hy \(cfg.outputSize) × \(H) and b_y \(cfg.outputSize)")
        }
        // Tensors the model does not have must hold their fixed values (see `setAbsentTensors`).
        if !cfg.recurrentBias {
            for (l, lp) in p.layers.enumerated() where lp.b_ih.contains(where: { $0 != 0 }) || lp.b_hh.contains(where: { $0 != 0 }) {
                throw EngineError("layer \(l) has non-zero biases but the model has none (bias=False)")
            }
        }
        if !cfg.readout.hasBias, p.b_y.contains(where: { $0 != 0 }) {
            throw EngineError("the read-out has a non-zero bias b_y but the model's read-out has none")
        }
        if !cfg.readout.hasWeights, p.W_hy.data.indices.contains(where: { p.W_hy.data[$0] != ($0 / H == $0 % H ? 1 : 0) }) {
            throw EngineError("a model without a read-out layer needs W_hy = I (y_t = h_t)")
        }
        if cfg.attention {
            guard let a = p.W_ay, a.rows == cfg.outputSize, a.cols == H else {
                throw EngineError("the attention read-out needs W_ay \(cfg.outputSize) × \(H)")
            }
        } else if p.W_ay != nil {
            throw EngineError("the model has attention weights W_ay but its configuration has attention off")
        }
    }
}
