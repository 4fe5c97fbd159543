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
}

/// A page's `clip=` setting: a global-norm threshold or clipping switched off.
public enum ClipSetting: Sendable, Equatable {
    case off
    case norm(Double)
}

/// What a page changes when it opens (`set:`): model fields plus the app's switches.
public struct PageSettings: Sendable, Equatable {
    /// Model fields to change.
    public var model = ModelOverride()
    /// `compare=on|off`: show the compare variants side by side.
    public var compare: Bool?
    /// `clip=X|off`: gradient clipping threshold.
    public var clip: ClipSetting?
    /// `train=on|off`: run training while the page is open.
    public var train: Bool?

    public init() {}

    /// True when the page changes nothing.
    public var isEmpty: Bool { self == PageSettings() }
}
