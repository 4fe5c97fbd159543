import Foundation
import UnrollEngine
import UnrollTasks

/// What a cross-entropy model says at each step, as probabilities: p_t = softmax(y_t), so
/// ℓ_t = −log p_t[target_t] can be checked by hand.
public struct OutputProbabilities: Sendable {
    /// One of the most likely symbols at a step.
    public struct Ranked: Sendable, Equatable {
        public var index: Int
        public var name: String
        public var probability: Double
        /// Whether this is the step's target (scored steps only).
        public var isTarget: Bool
        /// Whether the grammar allows it next (Reber tasks; nil elsewhere or where unknown).
        public var isLegal: Bool?
    }

    /// Output names, index order.
    public let names: [String]
    /// p_t = softmax(y_t), T × O (non-finite logits count as −∞; all non-finite gives uniform).
    public let p: [[Double]]
    /// The target class of each scored step, nil elsewhere.
    public let targets: [Int?]
    /// Reber tasks: the symbols that may legally come next at each step (nil on padding and after
    /// an illegal symbol); nil for other tasks.
    public let legal: [Set<Int>?]?
    /// Reber tasks: right by the threshold rule (every legal symbol, and nothing else, above the
    /// task's threshold), whatever rule the task scores by; nil on unscored steps.
    public let correctByThreshold: [Bool?]?

    /// The probabilities behind `figures`, or nil when its loss is not cross-entropy.
    public init?(_ figures: Figures) {
        guard figures.config.loss == .crossEntropy else { return nil }
        let O = figures.config.outputSize
        names = figures.task.shape.outputNames ?? (0..<O).map { "\($0 + 1)" }
        p = figures.y.map(TaskScoring.softmax)
        if case .classes(let c) = figures.example.target {
            targets = c.indices.map { t in figures.scored.entry(at: t) == true ? c[t] : nil }
        } else {
            targets = Array(repeating: nil, count: figures.steps)
        }
        if let reber = figures.task as? any ReberSequenceTask {
            let sets = reber.legalNextSymbols(for: figures.example)
            legal = sets
            correctByThreshold = (0..<figures.steps).map { t -> Bool? in
                guard figures.scored.entry(at: t) == true else { return nil }
                guard let allowed = sets.entry(at: t) ?? nil, let row = figures.y.entry(at: t) else { return false }
                return reber.isCorrect(row: row, legal: allowed, rule: .threshold)
            }
        } else {
            legal = nil
            correctByThreshold = nil
        }
    }

    /// The `k` most likely symbols at step t, most likely first (lower index first on ties).
    public func top(_ k: Int, at t: Int) -> [Ranked] {
        guard let row = p.entry(at: t) else { return [] }
        let order = row.indices.sorted { row[$0] > row[$1] || (row[$0] == row[$1] && $0 < $1) }
        let allowed = legal?.entry(at: t) ?? nil
        return order.prefix(max(0, k)).map { i in
            Ranked(index: i, name: names.entry(at: i) ?? "\(i + 1)", probability: row[i],
                   isTarget: targets.entry(at: t) == i, isLegal: legal == nil ? nil : allowed.map { $0.contains(i) })
        }
    }

    /// p_t[target_t] on scored steps (so ℓ_t = −log of it), nil elsewhere.
    public var targetProbability: [Double?] {
        zip(p, targets).map { row, target in target.flatMap { row.entry(at: $0) } }
    }
}

extension Figures {
    /// Softmax probabilities per step (cross-entropy tasks), nil otherwise.
    public var probabilities: OutputProbabilities? { OutputProbabilities(self) }

    /// Per step: right (true) or wrong (false) under the task's own rule, nil where unscored —
    /// argmax class, the Reber legal set, or |y − target| within the task's tolerance.
    public var correct: [Bool?] {
        task.stepCorrectness(readouts: y, example: example)
    }
}
