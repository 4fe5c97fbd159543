/// The weights of one recurrent layer, in PyTorch's layout (gate blocks stacked by rows).
public struct LayerParameters: Equatable, Sendable {
    /// (G·H) × I_l: input-to-hidden weights.
    public var W_ih: Matrix
    /// (G·H) × H: hidden-to-hidden (recurrent) weights.
    public var W_hh: Matrix
    /// G·H: input bias.
    public var b_ih: [Double]
    /// G·H: recurrent bias (PyTorch keeps two).
    public var b_hh: [Double]
    /// 3 × H peephole weights p_i, p_f, p_o (LSTM with peepholes only), else nil.
    public var peephole: Matrix?

    public init(W_ih: Matrix, W_hh: Matrix, b_ih: [Double], b_hh: [Double], peephole: Matrix? = nil) {
        self.W_ih = W_ih
        self.W_hh = W_hh
        self.b_ih = b_ih
        self.b_hh = b_hh
        self.peephole = peephole
    }

    /// All-zero parameters of the same shapes.
    public var zeroed: LayerParameters {
        LayerParameters(W_ih: Matrix(rows: W_ih.rows, cols: W_ih.cols), W_hh: Matrix(rows: W_hh.rows, cols: W_hh.cols),
                        b_ih: [Double](repeating: 0, count: b_ih.count), b_hh: [Double](repeating: 0, count: b_hh.count),
                        peephole: peephole.map { Matrix(rows: $0.rows, cols: $0.cols) })
    }
}

/// Every trainable parameter of a model; gradients use the same type.
public struct Parameters: Equatable, Sendable {
    public var layers: [LayerParameters]
    /// vocabulary × embedding size, when inputs are embedded.
    public var embedding: Matrix?
    /// O × H read-out weights: y_t = W_hy h_t + b_y.
    public var W_hy: Matrix
    /// O read-out bias.
    public var b_y: [Double]
    /// O × H attention read-out weights (present iff `ModelConfig.attention`):
    /// y_t = W_hy h_t + W_ay c̃_t + b_y, with c̃_t = Σ_{s<t} α_ts h_s the attention context.
    public var W_ay: Matrix?

    public init(layers: [LayerParameters], embedding: Matrix? = nil, W_hy: Matrix, b_y: [Double], W_ay: Matrix? = nil) {
        self.layers = layers
        self.embedding = embedding
        self.W_hy = W_hy
        self.b_y = b_y
        self.W_ay = W_ay
    }

    /// All-zero parameters of the same shapes (a gradient accumulator).
    public var zeroed: Parameters {
        Parameters(layers: layers.map { $0.zeroed }, embedding: embedding.map { Matrix(rows: $0.rows, cols: $0.cols) },
                   W_hy: Matrix(rows: W_hy.rows, cols: W_hy.cols), b_y: [Double](repeating: 0, count: b_y.count),
                   W_ay: W_ay.map { Matrix(rows: $0.rows, cols: $0.cols) })
    }

    /// Every tensor with a stable name (`layer0.W_ih`, …, `W_hy`, `b_y`, then `W_ay` with attention),
    /// in a fixed order.
    public var namedTensors: [(name: String, values: [Double])] {
        var out: [(String, [Double])] = []
        for (l, p) in layers.enumerated() {
            out.append(("layer\(l).W_ih", p.W_ih.data))
            out.append(("layer\(l).W_hh", p.W_hh.data))
            out.append(("layer\(l).b_ih", p.b_ih))
            out.append(("layer\(l).b_hh", p.b_hh))
            if let ph = p.peephole { out.append(("layer\(l).peephole", ph.data)) }
        }
        if let e = embedding { out.append(("embedding", e.data)) }
        out.append(("W_hy", W_hy.data))
        out.append(("b_y", b_y))
        if let a = W_ay { out.append(("W_ay", a.data)) }
        return out
    }

    /// Applies `body` to every tensor's storage in the order of `namedTensors`.
    public mutating func forEachTensor(_ body: (inout [Double]) -> Void) {
        for l in layers.indices {
            body(&layers[l].W_ih.data)
            body(&layers[l].W_hh.data)
            body(&layers[l].b_ih)
            body(&layers[l].b_hh)
            if layers[l].peephole != nil { body(&layers[l].peephole!.data) }
        }
        if embedding != nil { body(&embedding!.data) }
        body(&W_hy.data)
        body(&b_y)
        if W_ay != nil { body(&W_ay!.data) }
    }

    /// Visits this and `other` (same shapes) tensor by tensor.
    public mutating func forEachTensor(pairedWith other: Parameters, _ body: (inout [Double], [Double]) -> Void) {
        var others: [[Double]] = []
        others.reserveCapacity(8)
        var copy = other
        copy.forEachTensor { others.append($0) }
        var index = 0
        forEachTensor { mine in
            body(&mine, others[index])
            index += 1
        }
    }

    /// The global L2 norm over every entry of every tensor.
    public var globalNorm: Double {
        var parts: [Double] = []
        var copy = self
        copy.forEachTensor { parts.append(Vector.norm($0)) }
        return Vector.norm(parts)
    }

    /// Number of scalar parameters.
    public var count: Int {
        var n = 0
        var copy = self
        copy.forEachTensor { n += $0.count }
        return n
    }

    /// True when every entry is finite.
    public var isAllFinite: Bool {
        var ok = true
        var copy = self
        copy.forEachTensor { if ok && !$0.allSatisfy({ $0.isFinite }) { ok = false } }
        return ok
    }
}

extension Parameters {
    /// Gives the tensors a configuration does not have their fixed values: b_ih = b_hh = 0 without
    /// `recurrentBias` (PyTorch's bias=False), b_y = 0 without a read-out bias, and W_hy = I
    /// without a read-out layer (y_t = h_t). The forward pass then computes exactly the model
    /// without those tensors.
    public mutating func setAbsentTensors(_ cfg: ModelConfig) {
        if !cfg.recurrentBias {
            for l in layers.indices {
                for i in layers[l].b_ih.indices { layers[l].b_ih[i] = 0 }
                for i in layers[l].b_hh.indices { layers[l].b_hh[i] = 0 }
            }
        }
        if !cfg.readout.hasBias { for i in b_y.indices { b_y[i] = 0 } }
        if !cfg.readout.hasWeights {
            for r in 0..<W_hy.rows { for c in 0..<W_hy.cols { W_hy[r, c] = r == c ? 1 : 0 } }
        }
    }

    /// Zeroes the gradient of every tensor the configuration does not have, so an optimizer never
    /// moves it, clipping and the global norm do not see it, and no report shows it.
    public mutating func zeroAbsentGradients(_ cfg: ModelConfig) {
        if !cfg.recurrentBias {
            for l in layers.indices {
                for i in layers[l].b_ih.indices { layers[l].b_ih[i] = 0 }
                for i in layers[l].b_hh.indices { layers[l].b_hh[i] = 0 }
            }
        }
        if !cfg.readout.hasBias { for i in b_y.indices { b_y[i] = 0 } }
        if !cfg.readout.hasWeights { for i in W_hy.data.indices { W_hy.data[i] = 0 } }
    }
}

/// A model: its configuration and its weights.
public struct Model: Equatable, Sendable {
    public var config: ModelConfig
    public var parameters: Parameters

    public init(config: ModelConfig, parameters: Parameters) {
        self.config = config
        self.parameters = parameters
    }
}
