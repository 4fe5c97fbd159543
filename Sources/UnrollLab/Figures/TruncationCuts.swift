import UnrollEngine

/// Where truncated BPTT cuts the backward pass, as the engine does it (`Network.backward`): with
/// window k the sequence is split into chunks [0, k), [k, 2k), …, and the state entering each
/// chunk is treated as a constant, so dL/dh_t and dL/dc_t do not flow from step t back into
/// step t − 1 when t is a multiple of k (t counted from 0).
///
/// Only the recurrent path is cut: the read-out still sends its gradient into every step, and
/// attention reaches earlier states directly, so its paths cross the cuts.
public enum TruncationCuts {
    /// The steps t (0-based, 0 < t < T) whose gradient does not reach step t − 1: k, 2k, … below T.
    /// Empty for full BPTT (nil or 0) and for k ≥ T.
    public static func steps(length T: Int, window k: Int?) -> [Int] {
        guard let k, k > 0, T > k else { return [] }
        return Array(stride(from: k, to: T, by: k))
    }
}

extension Experiment {
    /// The truncated-BPTT cut points of this experiment's setting for a sequence of `length` steps.
    public func truncationCuts(length: Int) -> [Int] {
        TruncationCuts.steps(length: length, window: settings.truncation)
    }
}

extension Figures {
    /// The cut points for these figures' length under window `k` (the experiment's `truncation`).
    public func truncationCuts(window k: Int?) -> [Int] {
        TruncationCuts.steps(length: steps, window: k)
    }
}
