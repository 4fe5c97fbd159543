import UnrollEngine

/// How the lesson's model is trained (`training:`); every field has a default.
public struct TrainingSpec: Sendable, Equatable {
    /// Update rule. Default `sgd`.
    public var optimizer: OptimizerKind = .sgd
    /// Learning rate, 0 < lr ≤ 100. Default 0.01.
    public var lr: Double = 0.01
    /// Training steps (parameter updates), 0…1000000. Default 0 (no training).
    public var steps: Int = 0
    /// Sequences per step, 1…4096. Default 1.
    public var batch: Int = 1
    /// Clip the global gradient norm to this value (nil: no clipping).
    public var clip: Double?
    /// Clip every gradient entry to ±value (nil: no clipping).
    public var clipValue: Double?
    /// Truncated BPTT: back-propagate at most k steps, 1…10000 (nil: full BPTT).
    public var truncate: Int?
    /// Momentum for `sgd`, 0 ≤ m < 1. Default 0.
    public var momentum: Double = 0
    /// Loss on the read-out (nil: the task's choice).
    public var loss: LossKind?
    /// Which steps are scored (nil: the task's choice).
    public var lossAt: LossAt?

    public init() {}

    /// This spec with every field the override sets replaced.
    public func applying(_ o: TrainingOverride) -> TrainingSpec {
        var t = self
        if let v = o.optimizer { t.optimizer = v }
        if let v = o.lr { t.lr = v }
        if let v = o.steps { t.steps = v }
        if let v = o.batch { t.batch = v }
        if let v = o.clip { t.clip = v.value }
        if let v = o.clipValue { t.clipValue = v.value }
        if let v = o.truncate { t.truncate = v.value }
        if let v = o.momentum { t.momentum = v }
        return t
    }
}

/// A setting that is either a value or switched `off` (written `clip=off`).
public enum Switchable<Value: Sendable & Equatable>: Sendable, Equatable {
    case off
    case on(Value)

    /// The value, nil when off.
    public var value: Value? {
        if case .on(let v) = self { return v }
        return nil
    }
}

/// The training fields a page's `set:` or a panel changes (nil = unchanged).
public struct TrainingOverride: Sendable, Equatable {
    public var optimizer: OptimizerKind?
    public var lr: Double?
    public var steps: Int?
    public var batch: Int?
    /// Global-norm clipping threshold, or off.
    public var clip: Switchable<Double>?
    /// Element-wise clipping threshold, or off.
    public var clipValue: Switchable<Double>?
    /// Truncated BPTT window, or off (full BPTT).
    public var truncate: Switchable<Int>?
    public var momentum: Double?

    public init() {}

    /// True when no field is set.
    public var isEmpty: Bool { self == TrainingOverride() }
}

/// What a page changes when it opens (`set:`): model, training and task settings, the example
/// shown, and whether the page opens in compare mode.
public struct PageSettings: Sendable, Equatable {
    /// Model fields to change (every panel of the page gets them).
    public var model = ModelOverride()
    /// Training fields to change (`clip=1`, `truncate=5`, `lr=0.1`, …).
    public var training = TrainingOverride()
    /// Task settings to change (`length=100`): every panel reads the same changed task.
    public var task: [String: LessonScalar] = [:]
    /// Which held-out example the page shows (`example=3`, 1-based).
    public var example: Int?
    /// `compare=on|off`: open with every panel side by side.
    public var compare: Bool?
    /// Line of each `set:` key (for reports made after parsing, e.g. task validation).
    public var lines: [String: Int] = [:]

    public init() {}

    /// True when the page changes nothing.
    public var isEmpty: Bool {
        model.isEmpty && training.isEmpty && task.isEmpty && example == nil && compare == nil
    }
}
