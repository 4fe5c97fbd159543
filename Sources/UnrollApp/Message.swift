import UnrollDraw

/// Something that happened: a key, a resize, or a clock tick for animation and training.
public enum Message: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// `milliseconds` have passed: advance the animation and training at the state's pace, with
    /// at most `budget` training updates per panel in this tick (the loop lowers it to stay
    /// responsive; tests pass `.max` with a long time to finish what is running).
    case tick(milliseconds: Int, budget: Int)
}

/// Something the loop must do outside the pure update.
public enum Effect: Equatable, Sendable {
    /// Leave the program.
    case quit
}
