import Foundation
import UnrollEngine

extension SequenceTask {
    /// Default per-step rule: each scored step is scored on its own by `score(readouts:example:)`,
    /// with the mask reduced to that one step, so every task's own rule (argmax, tolerance) is
    /// used as it is. Tasks whose rule needs the whole prefix (the Reber grammars) override this.
    public func stepCorrectness(readouts: [[Double]], example: Example) -> [Bool?] {
        let length = example.target.length
        // Without a mask every step counts, as in `TaskScoring.defaultScore`.
        let mask = example.mask ?? Array(repeating: 1, count: length)
        return (0..<length).map { t -> Bool? in
            guard (mask.element(at: t) ?? 0) > 0 else { return nil }
            var one = example
            var single = Array(repeating: 0.0, count: length)
            single[t] = mask[t]
            one.mask = single
            let s = score(readouts: readouts, example: one)
            return s.total > 0 && s.correct == s.total
        }
    }

    /// No marks.
    public func inputMarks(for example: Example) -> [String] {
        Array(repeating: "", count: example.length)
    }
}
