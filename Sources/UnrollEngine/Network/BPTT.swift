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

        // Layer by layer from the top: each layer's steps need only its own state gradient and what
        // reaches its outputs (the read-out, or the layer above at the same step).
        var dhNext = options.finalStateGradient?.h ?? Array(repeating: zeroState, count: L)
        var dcNext = options.finalStateGradient?.c ?? (cfg.hasCellState ? Array(repeating: zeroState, count: L) : nil)
        var dhNorms = Array(repeating: [Double](), count: L)
        var dcNorms: [[Double]]? = cfg.hasCellState ? Array(repeating: [Double](), count: L) : nil
        var gateNorms = Array(repeating: [[Double]](), count: L)
        let k = options.truncation ?? 0
        let large = LargeLayer.applies(cfg, batch: B)
        var dFromAbove: [Matrix] = []

        for l in stride(from: L - 1, through: 0, by: -1) {
            let extra = l == L - 1 ? dhFromOutput : dFromAbove
            let hPrev0 = trace.initialState.h[l], cPrev0 = trace.initialState.c?[l]
            let needInput = l > 0 || (cfg.inputEncoding == .embedding && trace.symbols != nil)
            let r = large
                ? LargeLayer.backward(cfg, p.layers[l], steps: trace.layers[l], h0: hPrev0, c0: cPrev0, extra: extra,
                                      dhFinal: dhNext[l], dcFinal: dcNext?[l], truncation: k, needInputGradient: needInput,
                                      grads: &grads.layers[l])
                : stepwiseBackward(cfg, p.layers[l], steps: trace.layers[l], h0: hPrev0, c0: cPrev0, extra: extra,
                                   dhFinal: dhNext[l], dcFinal: dcNext?[l], truncation: k, grads: &grads.layers[l])
            dhNorms[l] = r.dhNorms
            if let n = r.dcNorms { dcNorms![l] = n }
            gateNorms[l] = r.gateNorms
            dhNext[l] = r.dh0
            if cfg.hasCellState { dcNext![l] = r.dc0! }

            // Hand dL/dx_t down: through dropout to the layer below, or into the embedding.
            if l > 0 {
                dFromAbove = r.dx
                if !trace.dropoutMasks.isEmpty, trace.dropoutMasks[l - 1].count == T {
                    for t in 0..<T {
                        let m = trace.dropoutMasks[l - 1][t]
                        for i in 0..<dFromAbove[t].count { dFromAbove[t].data[i] *= m.data[i] }
                    }
                }
            } else if cfg.inputEncoding == .embedding, let symbols = trace.symbols {
                let E = cfg.embeddingSize
                for t in stride(from: T - 1, through: 0, by: -1) {
                    let dx = r.dx[t]
                    for b in 0..<B {
                        let s = symbols[t][b]
                        for j in 0..<E { grads.embedding![s, j] += dx.data[b * E + j] }
                    }
                }
            }
        }
        // Tensors the model does not have (bias=False, no read-out layer) get no gradient.
        grads.zeroAbsentGradients(cfg)
        return BackwardResult(gradients: grads, hiddenGradientNorms: dhNorms, cellGradientNorms: dcNorms,
                              gateGradientNorms: gateNorms,
                              initialStateGradient: RecurrentState(h: dhNext, c: dcNext))
    }
}

/// What BPTT through one layer gives besides its weight gradients: per-step norms, dL/dx_t for
/// every step (the layer below's share), and the gradient reaching the initial state.
struct LayerGradients {
    var dhNorms: [Double]
    var dcNorms: [Double]?
    var gateNorms: [[Double]]
    /// [t]: dL/dx_t (B × I); empty when nobody reads it.
    var dx: [Matrix] = []
    var dh0: Matrix
    var dc0: Matrix?

    init(steps T: Int, cellState: Bool) {
        dhNorms = [Double](repeating: 0, count: T)
        dcNorms = cellState ? [Double](repeating: 0, count: T) : nil
        gateNorms = [[Double]](repeating: [], count: T)
        dh0 = Matrix(rows: 0, cols: 0)
    }
}

extension Network {
    /// BPTT through one layer one step at a time, each step's products on its own (the lessons'
    /// sizes): t = T−1 … 0, carrying dh (and dc) back, truncated every k steps when k > 0.
    static func stepwiseBackward(_ cfg: ModelConfig, _ p: LayerParameters, steps: [LayerStep], h0: Matrix, c0: Matrix?,
                                 extra: [Matrix], dhFinal: Matrix, dcFinal: Matrix?, truncation k: Int,
                                 grads gr: inout LayerParameters) -> LayerGradients {
        let T = steps.count
        var out = LayerGradients(steps: T, cellState: cfg.hasCellState)
        out.dx = Array(repeating: Matrix(rows: 0, cols: 0), count: T)
        var dhNext = dhFinal, dcNext = dcFinal
        let zero = Matrix(rows: h0.rows, cols: h0.cols)
        for t in stride(from: T - 1, through: 0, by: -1) {
            // Total dL/dh_t: from the read-out (top layer) or the layer above, plus from step t+1.
            var dh = dhNext
            for i in 0..<dh.count { dh.data[i] += extra[t].data[i] }
            out.dhNorms[t] = dh.frobeniusNorm
            let step = steps[t]
            let hPrev = t > 0 ? steps[t - 1].h : h0
            let g: CellGradient
            switch cfg.cell {
            case .rnn:
                g = RNNCell.backward(p, activation: cfg.activation, step: step, hPrev: hPrev, dh: dh, grads: &gr)
            case .lstm:
                let cPrev = t > 0 ? steps[t - 1].c! : c0!
                g = LSTMCell.backward(p, step: step, hPrev: hPrev, cPrev: cPrev, dh: dh, dcNext: dcNext!, grads: &gr)
            case .gru:
                g = GRUCell.backward(p, step: step, hPrev: hPrev, dh: dh, grads: &gr)
            }
            out.gateNorms[t] = g.gateNorms
            if let dcTotal = g.dcTotal { out.dcNorms![t] = dcTotal.frobeniusNorm }
            dhNext = g.dhPrev
            if cfg.hasCellState { dcNext = g.dcPrev! }
            out.dx[t] = g.dx
            // Truncated BPTT: the state entering a chunk is treated as a constant.
            if k > 0 && t % k == 0 {
                dhNext = zero
                if cfg.hasCellState { dcNext = zero }
            }
        }
        out.dh0 = dhNext
        out.dc0 = dcNext
        return out
    }
}
