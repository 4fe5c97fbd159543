import Foundation

/// How to initialise a model's weights: a scheme plus the knobs lessons turn.
public struct InitSettings: Equatable, Sendable {
    public var scheme: InitScheme
    /// Seed of the project's own generator: same seed, same weights, everywhere.
    public var seed: UInt64
    /// Rescale every H × H block of W_hh to this spectral radius ρ (nil: leave as drawn).
    public var spectralRadius: Double?
    /// Multiply W_hh by this factor after everything else (1: no change).
    public var recurrentScale: Double
    /// LSTM forget-gate bias b_f (set on b_ih's forget block, b_hh's forget block zeroed); nil: as drawn.
    public var forgetBias: Double?
    /// Standard deviation of W_ih under the identity (IRNN) scheme.
    public var identityInputStd: Double

    public init(scheme: InitScheme = .default, seed: UInt64 = 1, spectralRadius: Double? = nil,
                recurrentScale: Double = 1, forgetBias: Double? = nil, identityInputStd: Double = 0.001) {
        self.scheme = scheme
        self.seed = seed
        self.spectralRadius = spectralRadius
        self.recurrentScale = recurrentScale
        self.forgetBias = forgetBias
        self.identityInputStd = identityInputStd
    }
}

extension Model {
    /// A freshly initialised model.
    ///
    /// - default: every weight and bias uniform in ±1/√H (PyTorch's RNN/LSTM/GRU default); the
    ///   read-out uniform in ±1/√H; an embedding table N(0, 1). With attention, W_ay is uniform in
    ///   ±1/√H under every scheme, drawn last.
    /// - xavier: each gate block of W_ih and W_hh uniform in ±√(6/(fan_in + fan_out)), zero biases.
    /// - orthogonal: each H × H block of W_hh a random orthogonal matrix, W_ih Xavier, zero biases.
    /// - identity (IRNN): each block of W_hh = I, W_ih ~ N(0, σ²) with small σ, zero biases.
    ///
    /// Tensors the configuration does not have (`recurrentBias` false, `readout` without weights
    /// or bias) are drawn like the others, then set to their fixed values.
    public static func initialized(_ config: ModelConfig, _ s: InitSettings = InitSettings()) throws -> Model {
        try config.validate()
        var rng = SeededRandom(seed: s.seed)
        let H = config.hiddenSize, G = config.cell.gateCount
        let k = 1 / Double(H).squareRoot()
        var layers: [LayerParameters] = []
        for l in 0..<config.layers {
            let I = l == 0 ? config.firstLayerInputSize : H
            var wih = Matrix(rows: G * H, cols: I)
            var whh = Matrix(rows: G * H, cols: H)
            var bih = [Double](repeating: 0, count: G * H)
            var bhh = [Double](repeating: 0, count: G * H)
            switch s.scheme {
            case .default:
                for i in 0..<wih.count { wih.data[i] = rng.uniform(-k, k) }
                for i in 0..<whh.count { whh.data[i] = rng.uniform(-k, k) }
                for i in 0..<bih.count { bih[i] = rng.uniform(-k, k) }
                for i in 0..<bhh.count { bhh[i] = rng.uniform(-k, k) }
            case .xavier, .orthogonal:
                let a = (6 / Double(I + H)).squareRoot()
                for i in 0..<wih.count { wih.data[i] = rng.uniform(-a, a) }
                if s.scheme == .xavier {
                    let b = (6 / Double(2 * H)).squareRoot()
                    for i in 0..<whh.count { whh.data[i] = rng.uniform(-b, b) }
                } else {
                    for g in 0..<G {
                        let q = randomOrthogonal(H, &rng)
                        for r in 0..<H { for c in 0..<H { whh[g * H + r, c] = q[r, c] } }
                    }
                }
            case .identity:
                for i in 0..<wih.count { wih.data[i] = rng.normal(mean: 0, std: s.identityInputStd) }
                for g in 0..<G { for r in 0..<H { whh[g * H + r, r] = 1 } }
            }
            if let rho = s.spectralRadius {
                for g in 0..<G {
                    var block = whh.rowBlock(g * H, count: H)
                    let current = Spectral.spectralRadius(block)
                    if current > 0 && current.isFinite {
                        block.scale(by: rho / current)
                        for r in 0..<H { for c in 0..<H { whh[g * H + r, c] = block[r, c] } }
                    }
                }
            }
            if s.recurrentScale != 1 { whh.scale(by: s.recurrentScale) }
            if config.cell == .lstm, let fb = s.forgetBias {
                for j in 0..<H {
                    bih[LSTMCell.forget * H + j] = fb
                    bhh[LSTMCell.forget * H + j] = 0
                }
            }
            var peephole: Matrix? = nil
            if config.peepholes {
                var p = Matrix(rows: 3, cols: H)
                for i in 0..<p.count { p.data[i] = s.scheme == .default ? rng.uniform(-k, k) : 0 }
                peephole = p
            }
            layers.append(LayerParameters(W_ih: wih, W_hh: whh, b_ih: bih, b_hh: bhh, peephole: peephole))
        }
        var embedding: Matrix? = nil
        if config.inputEncoding == .embedding {
            var e = Matrix(rows: config.inputSize, cols: config.embeddingSize)
            for i in 0..<e.count { e.data[i] = rng.normal() }
            embedding = e
        }
        var why = Matrix(rows: config.outputSize, cols: H)
        for i in 0..<why.count { why.data[i] = rng.uniform(-k, k) }
        let by = (0..<config.outputSize).map { _ in rng.uniform(-k, k) }
        // Drawn after everything else, so a model without attention keeps exactly the same weights.
        var way: Matrix? = nil
        if config.attention {
            var a = Matrix(rows: config.outputSize, cols: H)
            for i in 0..<a.count { a.data[i] = rng.uniform(-k, k) }
            way = a
        }
        var parameters = Parameters(layers: layers, embedding: embedding, W_hy: why, b_y: by, W_ay: way)
        // Drawn as usual (the other weights stay the same), then fixed: no biases with bias=False,
        // W_hy = I without a read-out layer.
        parameters.setAbsentTensors(config)
        return Model(config: config, parameters: parameters)
    }

    /// A random n × n orthogonal matrix: Gram–Schmidt on a Gaussian matrix (with re-orthogonalisation).
    static func randomOrthogonal(_ n: Int, _ rng: inout SeededRandom) -> Matrix {
        var cols: [[Double]] = []
        while cols.count < n {
            var v = (0..<n).map { _ in rng.normal() }
            for _ in 0..<2 {
                for q in cols {
                    let d = Vector.dot(v, q)
                    for i in 0..<n { v[i] -= d * q[i] }
                }
            }
            let norm = Vector.norm(v)
            if norm < 1e-8 { continue }
            cols.append(v.map { $0 / norm })
        }
        var m = Matrix(rows: n, cols: n)
        for c in 0..<n { for r in 0..<n { m[r, c] = cols[c][r] } }
        return m
    }

    /// The H × H block of W_hh whose spectral radius the screens show as ρ(W_hh): all of W_hh
    /// for an RNN, the candidate block of an LSTM, the new-state block of a GRU.
    public func radiusBlock(layer l: Int = 0) -> Matrix {
        let H = config.hiddenSize, w = parameters.layers[l].W_hh
        switch config.cell {
        case .rnn: return w
        case .lstm: return w.rowBlock(LSTMCell.candidate * H, count: H)
        case .gru: return w.rowBlock(GRUCell.new * H, count: H)
        }
    }

    /// The recurrent weights scaled so the spectral radius of each H × H block is ρ.
    public func withSpectralRadius(_ rho: Double, layer l: Int = 0) -> Model {
        var m = self
        let H = config.hiddenSize
        for g in 0..<config.cell.gateCount {
            var block = m.parameters.layers[l].W_hh.rowBlock(g * H, count: H)
            let current = Spectral.spectralRadius(block)
            guard current > 0 && current.isFinite else { continue }
            block.scale(by: rho / current)
            for r in 0..<H { for c in 0..<H { m.parameters.layers[l].W_hh[g * H + r, c] = block[r, c] } }
        }
        return m
    }
}
