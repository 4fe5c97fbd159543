/// The forward pass of a whole model unrolled over T steps, with everything recorded.
public struct ForwardTrace: Sendable {
    public let config: ModelConfig
    /// B sequences of T steps each.
    public let batch: Int
    public let steps: Int
    /// [layer][t]: what each recurrent layer computed at each step.
    public var layers: [[LayerStep]]
    /// The state before step 1.
    public var initialState: RecurrentState
    /// [layer − 1][t]: dropout masks (already scaled by 1/(1 − p)) on the input of layers above the first.
    public var dropoutMasks: [[Matrix]]
    /// Layer-0 symbol indices per step and sequence (embedding lookups), [t][b].
    public var symbols: [[Int]]?
    /// [t]: read-outs y_t = W_hy h_t + b_y (+ W_ay c̃_t with attention), B × O (logits for cross-entropy).
    public var outputs: [Matrix]
    /// With attention, [b]: the weights α of each sequence, T × T, α_ts at row t, column s (0 where s ≥ t).
    public var attention: [Matrix]?
    /// With attention, [t]: the contexts c̃_t = Σ_{s<t} α_ts h_s, B × H.
    public var attentionContexts: [Matrix]?
    /// [t]: dℓ/dy_t already weighted by w_bt / Σw, B × O.
    public var outputGradients: [Matrix]
    /// [t][b]: the per-step loss ℓ_bt (computed for every step, scored or not).
    public var stepLosses: [[Double]]
    /// [t][b]: how much each step counts (mask or loss-at rule).
    public var weights: [[Double]]
    /// L = Σ w ℓ / Σ w.
    public var loss: Double

    /// The state after the last step.
    public var finalState: RecurrentState {
        RecurrentState(h: layers.map { $0[steps - 1].h },
                       c: config.hasCellState ? layers.map { $0[steps - 1].c! } : nil)
    }

    /// h_t of a layer as a T × H matrix for one sequence of the batch.
    public func hiddenStates(layer: Int = 0, sequence b: Int = 0) -> [[Double]] {
        layers[layer].map { $0.h.row(b) }
    }

    /// c_t of a layer (LSTM) as T × H for one sequence.
    public func cellStates(layer: Int = 0, sequence b: Int = 0) -> [[Double]]? {
        guard config.hasCellState else { return nil }
        return layers[layer].map { $0.c!.row(b) }
    }

    /// One gate after its nonlinearity, T × H, for one sequence (gate index in `cell.gateNames` order).
    public func gate(_ g: Int, layer: Int = 0, sequence b: Int = 0) -> [[Double]] {
        let H = config.hiddenSize
        return layers[layer].map { step in Array(step.gates.row(b)[(g * H)..<((g + 1) * H)]) }
    }

    /// The read-outs, T × O, for one sequence.
    public func readouts(sequence b: Int = 0) -> [[Double]] { outputs.map { $0.row(b) } }

    /// The attention weights of one sequence, T × T (row t: how much step t looks at each
    /// earlier step s; zeros where s ≥ t), or nil without attention.
    public func attentionWeights(sequence b: Int = 0) -> [[Double]]? {
        guard let a = attention, a.indices.contains(b) else { return nil }
        return a[b].rowArrays
    }

    /// The per-step loss of one sequence.
    public func stepLoss(sequence b: Int = 0) -> [Double] { stepLosses.map { $0[b] } }
}

/// Forward and backward passes through the unrolled network.
public enum Network {
    /// Options of a forward pass.
    public struct ForwardOptions: Sendable {
        /// Apply dropout between layers (training only).
        public var training: Bool
        /// Seed of the dropout masks.
        public var dropoutSeed: UInt64
        /// Overrides Σw as the loss normaliser (used when a long sequence is run in pieces).
        public var lossNormalizer: Double?

        public init(training: Bool = false, dropoutSeed: UInt64 = 0, lossNormalizer: Double? = nil) {
            self.training = training
            self.dropoutSeed = dropoutSeed
            self.lossNormalizer = lossNormalizer
        }
    }

    /// Runs a batch of equal-length examples through the model, recording every step.
    public static func forward(_ model: Model, _ examples: [Example], initialState: RecurrentState? = nil,
                               options: ForwardOptions = ForwardOptions()) throws -> ForwardTrace {
        let cfg = model.config
        try cfg.validate()
        try ParameterShapes.check(model)
        guard let first = examples.first else { throw EngineError("no examples to run") }
        let T = first.length, B = examples.count
        try cfg.validateRun(steps: T, batch: B)
        let H = cfg.hiddenSize, O = cfg.outputSize, L = cfg.layers
        let encoded = try InputEncoder.encode(examples, config: cfg, embedding: model.parameters.embedding, steps: T)
        let targets = try TargetTable(examples, config: cfg, steps: T)
        let weights = try LossWeights.weights(examples, lossAt: cfg.lossAt, steps: T)
        let state0 = initialState ?? RecurrentState.zero(cfg, batch: B)
        guard state0.h.count == L, state0.h.allSatisfy({ $0.rows == B && $0.cols == H }) else {
            throw EngineError("initial state has the wrong shape (expected \(L) layer(s) of \(B) × \(H))")
        }
        if cfg.hasCellState {
            guard let c0 = state0.c, c0.count == L, c0.allSatisfy({ $0.rows == B && $0.cols == H }) else {
                throw EngineError("initial cell state has the wrong shape (expected \(L) layer(s) of \(B) × \(H))")
            }
        }

        // Dropout masks first, drawn in the order of time then layer, so the layers can then run
        // one after the other over the whole sequence.
        var rng = SeededRandom(seed: options.dropoutSeed)
        let useDropout = options.training && cfg.dropout > 0 && L > 1
        var masks: [[Matrix]] = Array(repeating: [], count: max(L - 1, 0))
        if useDropout {
            let keep = 1 - cfg.dropout
            for _ in 0..<T {
                for l in 1..<L {
                    var mask = Matrix(rows: B, cols: H)
                    for k in 0..<mask.count { mask.data[k] = rng.bernoulli(keep) ? 1 / keep : 0 }
                    masks[l - 1].append(mask)
                }
            }
        }
        var layers: [[LayerStep]] = Array(repeating: [], count: L)
        let large = LargeLayer.applies(cfg, batch: B)
        for l in 0..<L {
            var xs = encoded.inputs
            if l > 0 {
                xs = layers[l - 1].map { $0.h }
                if useDropout {
                    for t in 0..<T { for k in 0..<xs[t].count { xs[t].data[k] *= masks[l - 1][t].data[k] } }
                }
            }
            let p = model.parameters.layers[l]
            if large {
                layers[l] = LargeLayer.forward(cfg, p, inputs: xs, h0: state0.h[l], c0: state0.c?[l])
                continue
            }
            layers[l].reserveCapacity(T)
            var h = state0.h[l]
            var c = state0.c?[l]
            for t in 0..<T {
                let step: LayerStep
                switch cfg.cell {
                case .rnn: step = RNNCell.forward(p, activation: cfg.activation, x: xs[t], hPrev: h)
                case .lstm: step = LSTMCell.forward(p, x: xs[t], hPrev: h, cPrev: c!)
                case .gru: step = GRUCell.forward(p, x: xs[t], hPrev: h)
                }
                h = step.h
                c = step.c
                layers[l].append(step)
            }
        }

        // Attention over the top layer's earlier states (see `ModelConfig.attention`).
        var attention: [Matrix]? = nil
        var contexts: [Matrix]? = nil
        if cfg.attention {
            let a = Attention.forward(layers[L - 1].map { $0.h }, batch: B, hidden: H)
            attention = a.weights
            contexts = a.contexts
        }

        // Read-out and loss at every step: y_t = W_hy h_t + b_y (+ W_ay c̃_t).
        var outputs: [Matrix] = []
        var outputGradients: [Matrix] = []
        var stepLosses: [[Double]] = []
        outputs.reserveCapacity(T)
        let totalWeight = options.lossNormalizer ?? weights.reduce(0) { $0 + $1.reduce(0, +) }
        var loss = 0.0
        var grad = [Double](repeating: 0, count: O)
        for t in 0..<T {
            var y = Matrix(rows: B, cols: O)
            y.addProduct(layers[L - 1][t].h, transposing: model.parameters.W_hy)
            if let W_ay = model.parameters.W_ay, let c = contexts { y.addProduct(c[t], transposing: W_ay) }
            var dy = Matrix(rows: B, cols: O)
            var losses = [Double](repeating: 0, count: B)
            for b in 0..<B {
                for k in 0..<O { y.data[b * O + k] += model.parameters.b_y[k] }
                let row = y.data[(b * O)..<((b + 1) * O)]
                let w = weights[t][b]
                let l = Loss.step(cfg.loss, y: row, target: targets.target(t: t, b: b, scored: w != 0), grad: &grad)
                losses[b] = l
                if w != 0 && totalWeight > 0 {
                    loss += w * l / totalWeight
                    for k in 0..<O { dy.data[b * O + k] = grad[k] * w / totalWeight }
                }
            }
            outputs.append(y)
            outputGradients.append(dy)
            stepLosses.append(losses)
        }
        return ForwardTrace(config: cfg, batch: B, steps: T, layers: layers, initialState: state0,
                            dropoutMasks: masks, symbols: encoded.symbols, outputs: outputs,
                            attention: attention, attentionContexts: contexts,
                            outputGradients: outputGradients, stepLosses: stepLosses, weights: weights, loss: loss)
    }
}
