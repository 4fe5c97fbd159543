/// Gradient-descent training of a model on batches of examples.
public struct Trainer: Sendable {
    public var model: Model
    public var optimizer: Optimizer
    public var clipping: GradientClipping
    /// Truncated BPTT window (nil: full BPTT).
    public var truncation: Int?
    /// Updates taken so far.
    public private(set) var iteration = 0

    public init(model: Model, optimizer: Optimizer, clipping: GradientClipping = .none, truncation: Int? = nil) {
        self.model = model
        self.optimizer = optimizer
        self.clipping = clipping
        self.truncation = truncation
    }

    /// What one update saw.
    public struct StepReport: Sendable {
        /// L before the update.
        public var loss: Double
        /// Global gradient norm before clipping.
        public var gradientNorm: Double
        /// Global gradient norm after clipping.
        public var clippedNorm: Double
        /// ‖Δθ‖, the size of the update actually applied.
        public var updateNorm: Double
        /// ‖dL/dh_t‖ per step of the (top-most... first) layer, for the history view.
        public var hiddenGradientNorms: [Double]
    }

    /// One forward, BPTT, clip and update on a batch.
    @discardableResult
    public mutating func step(_ batch: [Example], initialState: RecurrentState? = nil, dropoutSeed: UInt64? = nil) throws -> StepReport {
        let trace = try Network.forward(model, batch, initialState: initialState,
                                        options: .init(training: true, dropoutSeed: dropoutSeed ?? UInt64(iteration) &+ 1))
        var back = Network.backward(model, trace, options: .init(truncation: truncation))
        let norm = clipping.apply(&back.gradients)
        let clipped = back.gradients.globalNorm
        let before = model.parameters
        optimizer.step(&model.parameters, gradients: back.gradients)
        iteration += 1
        var delta = model.parameters
        delta.forEachTensor(pairedWith: before) { a, b in for i in 0..<a.count { a[i] -= b[i] } }
        return StepReport(loss: trace.loss, gradientNorm: norm, clippedNorm: clipped, updateNorm: delta.globalNorm,
                          hiddenGradientNorms: back.hiddenGradientNorms[0])
    }

    /// `steps` updates on the same batch; returns L before each update and L after the last.
    public mutating func run(examples: [Example], initialState: RecurrentState? = nil, steps: Int) throws -> [Double] {
        var losses: [Double] = []
        for _ in 0..<steps {
            losses.append(try step(examples, initialState: initialState).loss)
        }
        losses.append(try Network.forward(model, examples, initialState: initialState).loss)
        return losses
    }
}
