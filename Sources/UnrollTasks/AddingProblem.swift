import Foundation
import UnrollEngine

/// `adding`: the adding problem in the form of Le, Jaitly & Hinton (2015).
///
/// Each step has two input channels [value, marker]: value ~ U[0, 1), marker ∈ {0, 1}.
/// Exactly two steps are marked: one uniformly in the first half (steps 0..<⌊T/2⌋) and one
/// in the second half (⌊T/2⌋..<T). Target = the sum of the two marked values, read at the
/// last step only (O = 1, MSE). Always answering 1 gives MSE = Var(x₁ + x₂) = 2 · 1/12 = 1/6.
/// An answer is correct when |y − target| < 0.04.
public struct AddingTask: LengthOnlyTask {
    public static let name = "adding"
    public static let summary = "adding problem (Le et al. 2015): sum the two marked values in [0,1]"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("length", .integer(2...10_000), default: "100", "sequence length T"),
    ]
    /// Tolerance for a correct answer.
    public static let tolerance = 0.04

    /// Sequence length T.
    public let length: Int

    /// An adding task with sequence length T (2…10000).
    public init(length: Int = 100) throws {
        try TaskSettings.check(length, "length", specs: Self.settingSpecs, task: Self.name)
        self.length = length
    }

    public var shape: TaskShape {
        TaskShape(input: .dense(size: 2), outputSize: 1, outputNames: nil, loss: .mse,
                  scoring: .lastStep, length: length)
    }

    /// MSE of always answering 1: 1/6 ≈ 0.1667.
    public var baselineLoss: Double? { 1.0 / 6.0 }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        let half = length / 2
        return (0..<count).map { _ in
            var rows = (0..<length).map { _ in [rng.uniform(), 0.0] }
            let first = rng.int(below: half)
            let second = half + rng.int(below: length - half)
            rows[first][1] = 1
            rows[second][1] = 1
            return ExampleBuilder.manyToOne(vectors: rows, value: rows[first][0] + rows[second][0])
        }
    }

    public func score(readouts: [[Double]], example: Example) -> (correct: Int, total: Int) {
        TaskScoring.defaultScore(readouts: readouts, example: example, tolerance: Self.tolerance)
    }

    public var accuracyTolerance: Double? { Self.tolerance }

    /// The value with a "*" when the step is marked, e.g. "0.42*".
    public func inputLabels(for example: Example) -> [String] {
        AddingLabels.labels(example)
    }

    /// "*" on the two marked steps.
    public func inputMarks(for example: Example) -> [String] {
        AddingLabels.marks(example)
    }
}

/// Labels for the two-channel adding inputs.
enum AddingLabels {
    static func labels(_ example: Example) -> [String] {
        guard case .vectors(let rows) = example.input else { return [] }
        return zip(rows, marks(example)).map { row, mark in TaskFormat.number(row.first ?? 0) + mark }
    }

    /// The marker channel as a mark: "*" for 1 (a value to add), "|" for −1 (an end marker), else "".
    static func marks(_ example: Example) -> [String] {
        guard case .vectors(let rows) = example.input else { return [] }
        return rows.map { row in
            switch row.element(at: 1) ?? 0 {
            case 1: return "*"
            case -1: return "|"
            default: return ""
            }
        }
    }
}
