import UnrollDraw

/// Something that happened: a key, a resize, or a clock tick for animation and training.
public enum Message: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Advance the animation one frame and run up to `trainSteps` optimisation steps.
    case tick(trainSteps: Int)
}

/// Something the loop must do outside the pure update.
public enum Effect: Equatable, Sendable {
    /// Leave the program.
    case quit
}
