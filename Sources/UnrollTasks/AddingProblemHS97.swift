import Foundation
import UnrollEngine

/// `adding-hs97`: the adding problem as set by Hochreiter & Schmidhuber (1997, experiment 4).
///
/// Exactly as implemented here:
/// - each step is [value, marker]; value ~ U[−1, 1); marker is 1 on the two marked steps,
///   −1 on the first and the last step (unless marked), 0 elsewhere;
/// - the first marked step is uniform among steps 0..<10; the second is uniform among the first
///   ⌊T/2⌋ − 1 steps that are still unmarked;
/// - if step 0 is marked its value is set to 0 (the paper's "rare case");
/// - target = 0.5 + (x₁ + x₂) / 4, in [0, 1], read at the last real step only; an answer is
///   correct when |y − target| < 0.04;
/// - length: T by default; with `variable=true` each sequence has a random length in
///   T…T + ⌊T/10⌋ (as in the paper) and a batch is padded to its longest sequence with [0, 0]
///   inputs and mask 0 (the mask is 1 on each sequence's own last step).
public struct AddingHS97Task: SequenceTask {
    public static let name = "adding-hs97"
    public static let summary = "adding problem (Hochreiter & Schmidhuber 1997): values in [-1,1], target 0.5+(x1+x2)/4"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("length", .integer(10...9_000), default: "100", "minimal sequence length T"),
        SettingSpec("variable", .flag, default: "false", "random lengths T…T+T/10, padded with a mask"),
    ]
    /// Tolerance for a correct answer.
    public static let tolerance = 0.04

    /// Minimal sequence length T.
    public let length: Int
    /// Whether lengths vary in T…T+⌊T/10⌋.
    public let variable: Bool

    /// An HS97 adding task (T in 10…9000).
    public init(length: Int = 100, variable: Bool = false) throws {
        try TaskSettings.check(length, "length", specs: Self.settingSpecs, task: Self.name)
        self.length = length
        self.variable = variable
    }

    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        try self.init(length: s.int("length"), variable: s.bool("variable"))
    }

    public var settings: [String: String] { ["length": String(length), "variable": String(variable)] }

    public var shape: TaskShape {
        TaskShape(input: .dense(size: 2), outputSize: 1, outputNames: nil, loss: .mse,
                  scoring: variable ? .mask : .lastStep, length: variable ? nil : length)
    }

    /// MSE of always answering 0.5: E[((x₁ + x₂)/4)²] = ((1 − p)·2/3 + p·1/3)/16, where p is the
    /// chance that step 0 is marked (its value is then 0); ≈ 0.040 for T = 100.
    public var baselineLoss: Double? {
        let candidates = Double(length / 2 - 1)
        let p = 0.1 + 0.9 / candidates
        return ((1 - p) * 2.0 / 3.0 + p / 3.0) / 16.0
    }

    /// One sequence of length `steps` (≥ 10): input rows and the target.
    static func sequence(steps: Int, rng: inout SeededRandom) -> (rows: [[Double]], target: Double) {
        var rows = (0..<steps).map { _ in [rng.uniform(-1, 1), 0.0] }
        let first = rng.int(below: Swift.min(10, steps))
        let pool = (0..<steps).filter { $0 != first }.prefix(Swift.max(steps / 2 - 1, 1))
        let second = pool.isEmpty ? (first == 0 ? 1 : 0) : rng.pick(Array(pool))
        rows[0][1] = -1
        rows[steps - 1][1] = -1
        rows[first][1] = 1
        rows[second][1] = 1
        if first == 0 || second == 0 { rows[0][0] = 0 }
        return (rows, 0.5 + (rows[first][0] + rows[second][0]) / 4.0)
    }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        let sequences = (0..<count).map { _ in
            let steps = variable ? length + rng.int(below: length / 10 + 1) : length
            return Self.sequence(steps: steps, rng: &rng)
        }
        let longest = sequences.map(\.rows.count).max() ?? length
        return sequences.map { s in
            let real = s.rows.count
            let pad = longest - real
            var mask = ExampleBuilder.lastStepMask(real)
            mask += Array(repeating: 0, count: pad)
            return Example(input: .vectors(s.rows + Array(repeating: [0, 0], count: pad)),
                           target: .values(Array(repeating: [s.target], count: longest)),
                           mask: mask)
        }
    }

    public func score(readouts: [[Double]], example: Example) -> (correct: Int, total: Int) {
        TaskScoring.defaultScore(readouts: readouts, example: example, tolerance: Self.tolerance)
    }

    public var accuracyTolerance: Double? { Self.tolerance }

    /// The value with "*" on marked steps and "|" on the −1 end markers.
    public func inputLabels(for example: Example) -> [String] {
        AddingLabels.labels(example)
    }

    /// "*" on the two marked steps, "|" on the end markers.
    public func inputMarks(for example: Example) -> [String] {
        AddingLabels.marks(example)
    }
}
