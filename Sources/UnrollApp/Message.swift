import UnrollDraw

/// Something that happened: a key, a resize, or a clock tick for animation and training.
public enum Message: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// `milliseconds` have passed: advance the animation and training at the state's pace, with
    /// at most `budget` training updates per panel in this tick (the loop lowers it to stay
    /// responsive; tests pass `.max` with a long time to finish what is running).
    case tick(milliseconds: Int, budget: Int)
    /// The loop wrote (or failed to write) a model file asked for by `Effect.save`.
    case saved(path: String, problem: String?)
}

/// Something the loop must do outside the pure update.
public enum Effect: Equatable, Sendable {
    /// Leave the program.
    case quit
    /// Write a model file (safetensors bytes) at `path`, or beside it with `-2`, `-3`, … when
    /// the name is taken; answer with `Message.saved`.
    case save(path: String, bytes: [UInt8])
}
