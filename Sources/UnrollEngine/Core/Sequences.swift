/// What is fed into the network at each step of one sequence.
public enum InputSequence: Equatable, Sendable {
    /// Dense vectors, T × I.
    case vectors([[Double]])
    /// Symbol indices, one per step, consumed as one-hot vectors (vocabulary = input size)
    /// or through the model's embedding table.
    case symbols([Int])

    public var length: Int {
        switch self {
        case .vectors(let v): return v.count
        case .symbols(let s): return s.count
        }
    }
}

/// What the read-out is scored against at each step.
public enum TargetSequence: Equatable, Sendable {
    /// Regression targets, T × O (mean squared error).
    case values([[Double]])
    /// Class indices, one per step (softmax cross-entropy). Unscored steps may hold any index.
    case classes([Int])

    public var length: Int {
        switch self {
        case .values(let v): return v.count
        case .classes(let c): return c.count
        }
    }
}

/// One training or evaluation example: a sequence, its targets and which steps are scored.
public struct Example: Equatable, Sendable {
    public var input: InputSequence
    public var target: TargetSequence
    /// Per-step weights: 1 where the step is scored, 0 where it is not (padding, or steps
    /// before the answer in a many-to-one task). `nil` means the model's `lossAt` decides.
    public var mask: [Double]?

    public init(input: InputSequence, target: TargetSequence, mask: [Double]? = nil) {
        self.input = input
        self.target = target
        self.mask = mask
    }

    public var length: Int { input.length }
}
