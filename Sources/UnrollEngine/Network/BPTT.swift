/// Backpropagation through time: one reversed loop over the recorded steps, carrying the
/// state gradient dh (and dc) from step t back to step t − 1, and reading off its norm at
/// every step on the way.
public struct BackwardResult: Sendable {
    /// dL/d every parameter.
    public var gradients: Parameters
    /// [layer][t]: ‖dL/dh_t‖₂, the total derivative (read-out, later steps, layer above),
    /// over the whole batch.
    public var hiddenGradientNorms: [[Double]]
    /// [layer][t]: ‖dL/dc_t‖₂ (LSTM only).
    public var cellGradientNorms: [[Double]]?
    /// [layer][t][gate]: ‖dL/d(gate pre-activation)‖, gates in `cell.gateNames` order.
    public var gateGradientNorms: [[[Double]]]
    /// dL/d(initial state), to chain a backward pass into the piece of sequence before it.
    public var initialStateGradient: RecurrentState
    /// The global gradient norm over every parameter.
    public var globalNorm: Double { gradients.globalNorm }
}

extension Network {
    /// Options of a backward pass.
    public struct BackwardOptions: Sendable {
        /// Truncated BPTT: cut the state gradient every k steps (chunks [0,k), [k,2k), …),
        /// as if the state were detached at each chunk boundary. nil or 0: full BPTT.
        public var truncation: Int?
        /// dL/d(final state) arriving from a later piece of the sequence.
        public var finalStateGradient: RecurrentState?

        public init(truncation: Int? = nil, finalStateGradient: RecurrentState? = nil) {
            self.truncation = truncation
            self.finalStateGradient = finalStateGradient
        }
    }

    /// BPTT over a recorded forward pass.
    public static func backward(_ model: Model, _ trace: ForwardTrace, options: BackwardOptions = BackwardOptions()) -> BackwardResult {
        let cfg = trace.config
        let T = trace.steps, B = trace.batch, H = cfg.hiddenSize, L = cfg.layers, O = cfg.outputSize
        let p = model.parameters
        var grads = p.zeroed
        let zeroState = Matrix(rows: B, cols: H)

        // Read-out: dW_hy += dyᵀ h_t, db_y += Σ dy, and dL/dh_t through y_t = dy W_hy.
        var dhFromOutput: [Matrix] = []
        dhFromOutput.reserveCapacity(T)
        for t in 0..<T {
            let dy = trace.outputGradients[t]
            let hTop = trace.layers[L - 1][t].h
            var dh = Matrix(rows: B, cols: H)
            dy.data.withUnsafeBufferPointer { d in
                hTop.data.withUnsafeBufferPointer { hp in
                    grads.W_hy.data.withUnsafeMutableBufferPointer { Kernels.addAtB(d.baseAddress!, hp.baseAddress!, $0.baseAddress!, m: O, n: H, k: B) }
                }
                grads.b_y.withUnsafeMutableBufferPointer { Kernels.addColumnSums(d.baseAddress!, $0.baseAddress!, rows: B, cols: O) }
                p.W_hy.data.withUnsafeBufferPointer { w in
                    dh.data.withUnsafeMutableBufferPointer { Kernels.addAB(d.baseAddress!, w.baseAddress!, $0.baseAddress!, m: B, n: H, k: O) }
                }
            }
            dhFromOutput.append(dh)
        }
        // Attention read-out: dW_ay, and its paths into every h_t of the top layer.
        if let W_ay = p.W_ay, grads.W_ay != nil, let weights = trace.attention, let contexts = trace.attentionContexts {
            Attention.backward(trace.layers[L - 1].map { $0.h }, weights: weights, contexts: contexts,
                               outputGradients: trace.outputGradients, W_ay: W_ay, dW_ay: &grads.W_ay!, dh: &dhFromOutput)
        }

        // The state gradient carried back across steps, per layer.
        var dhNext = options.finalStateGradient?.h ?? Array(repeating: zeroState, count: L)
        var dcNext = options.finalStateGradient?.c ?? (cfg.hasCellState ? Array(repeating: zeroState, count: L) : nil)
        var dhNorms = Array(repeating: [Double](repeating: 0, count: T), count: L)
        var dcNorms: [[Double]]? = cfg.hasCellState ? Array(repeating: [Double](repeating: 0, count: T), count: L) : nil
        var gateNorms = Array(repeating: [[Double]](repeating: [], count: T), count: L)
        let k = options.truncation ?? 0

        for t in stride(from: T - 1, through: 0, by: -1) {
            var dFromAbove: Matrix? = nil
            for l in stride(from: L - 1, through: 0, by: -1) {
                // Total dL/dh_t: from the read-out (top layer) or the layer above, plus from step t+1.
                var dh = dhNext[l]
                let extra = l == L - 1 ? dhFromOutput[t] : dFromAbove!
                for i in 0..<dh.count { dh.data[i] += extra.data[i] }
                dhNorms[l][t] = dh.frobeniusNorm

                let step = trace.layers[l][t]
                let hPrev = t > 0 ? trace.layers[l][t - 1].h : trace.initialState.h[l]
                let g: CellGradient
                switch cfg.cell {
                case .rnn:
                    g = RNNCell.backward(p.layers[l], activation: cfg.activation, step: step, hPrev: hPrev, dh: dh, grads: &grads.layers[l])
                case .lstm:
                    let cPrev = t > 0 ? trace.layers[l][t - 1].c! : trace.initialState.c![l]
                    g = LSTMCell.backward(p.layers[l], step: step, hPrev: hPrev, cPrev: cPrev, dh: dh, dcNext: dcNext![l], grads: &grads.layers[l])
                case .gru:
                    g = GRUCell.backward(p.layers[l], step: step, hPrev: hPrev, dh: dh, grads: &grads.layers[l])
                }
                gateNorms[l][t] = g.gateNorms
                if let dcTotal = g.dcTotal { dcNorms![l][t] = dcTotal.frobeniusNorm }
                dhNext[l] = g.dhPrev
                if cfg.hasCellState { dcNext![l] = g.dcPrev! }

                // Hand dL/dx_t down: through dropout to the layer below, or into the embedding.
                var dx = g.dx
                if l > 0 {
                    if !trace.dropoutMasks.isEmpty, trace.dropoutMasks[l - 1].count == T {
                        let m = trace.dropoutMasks[l - 1][t]
                        for i in 0..<dx.count { dx.data[i] *= m.data[i] }
                    }
                    dFromAbove = dx
                } else if cfg.inputEncoding == .embedding, let symbols = trace.symbols {
                    let E = cfg.embeddingSize
                    for b in 0..<B {
                        let s = symbols[t][b]
                        for j in 0..<E { grads.embedding![s, j] += dx.data[b * E + j] }
                    }
                }
            }
            // Truncated BPTT: the state entering a chunk is treated as a constant.
            if k > 0 && t % k == 0 {
                dhNext = Array(repeating: zeroState, count: L)
                if cfg.hasCellState { dcNext = Array(repeating: zeroState, count: L) }
            }
        }
        // Tensors the model does not have (bias=False, no read-out layer) get no gradient.
        grads.zeroAbsentGradients(cfg)
        return BackwardResult(gradients: grads, hiddenGradientNorms: dhNorms, cellGradientNorms: dcNorms,
                              gateGradientNorms: gateNorms,
                              initialStateGradient: RecurrentState(h: dhNext, c: dcNext))
    }
}
