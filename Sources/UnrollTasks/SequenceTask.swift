import Foundation
import UnrollEngine

/// Which of a task's two data streams to draw from.
///
/// The two splits come from different streams of the seeded generator; tasks with a
/// natural held-out set (fixed sentences, strings, digit images, the end of a text) also
/// keep the test data disjoint from the training data by construction.
public enum Split: String, Sendable, CaseIterable {
    case train
    case test
}

/// The loss a task is trained with.
public enum TaskLoss: String, Sendable, Equatable {
    /// Mean squared error on dense targets (`TargetSequence.values`).
    case mse
    /// Softmax cross-entropy on class indices (`TargetSequence.classes`).
    case crossEntropy = "cross_entropy"
}

/// Where the loss is read along the unrolled sequence.
///
/// Every example a task produces carries an explicit `Example.mask` agreeing with this
/// (1 = scored, 0 = not), so a trainer may always rely on the mask alone.
public enum ScoredSteps: String, Sendable, Equatable {
    /// Every step is scored (many-to-many); the mask is all ones.
    case everyStep = "every_step"
    /// Only the last step is scored (many-to-one); the mask is 1 on the last step only.
    case lastStep = "last_step"
    /// A per-step mask decides (padding of variable lengths, or decoder steps only).
    case mask
}

/// What a task feeds the network at each step.
public enum TaskInput: Sendable, Equatable {
    /// Dense vectors of the given size (`InputSequence.vectors`).
    case dense(size: Int)
    /// Symbol indices into the named vocabulary (`InputSequence.symbols`); input size = names.count.
    case symbols(names: [String])

    /// The input size I (vector length or vocabulary size).
    public var size: Int {
        switch self {
        case .dense(let size): return size
        case .symbols(let names): return names.count
        }
    }

    /// The vocabulary, or `nil` for dense inputs.
    public var symbolNames: [String]? {
        if case .symbols(let names) = self { return names }
        return nil
    }
}

/// The shape of network a task needs: input, output size, loss and where it is read.
public struct TaskShape: Sendable, Equatable {
    /// Input encoding and size I.
    public var input: TaskInput
    /// Output size O (number of classes for cross-entropy, regression width for MSE).
    public var outputSize: Int
    /// Display names of the output classes (`nil` for regression outputs).
    public var outputNames: [String]?
    /// The loss.
    public var loss: TaskLoss
    /// Where the loss is read.
    public var scoring: ScoredSteps
    /// The sequence length T when every example has the same length; `nil` when lengths vary
    /// (examples in one `examples(count:seed:split:)` call are padded to the batch maximum).
    public var length: Int?

    public init(input: TaskInput, outputSize: Int, outputNames: [String]?, loss: TaskLoss,
                scoring: ScoredSteps, length: Int?) {
        self.input = input
        self.outputSize = outputSize
        self.outputNames = outputNames
        self.loss = loss
        self.scoring = scoring
        self.length = length
    }
}

/// A sequence task: a seeded generator of examples plus the rules for reading a model's answers.
///
/// Conforming types are plain value types. Build one with its typed initialiser, with
/// `init(settings:dataDirectory:)` from command-line style `key=value` strings, or through
/// `TaskCatalog.make(_:settings:dataDirectory:)`.
///
/// Contract for every task:
/// - `examples(count:seed:split:)` is a pure function of its arguments and the settings.
/// - every example has `mask != nil`, `mask.count == input.length == target.length`.
/// - read-outs passed to `score(readouts:example:)` are the model's per-step outputs
///   y_t = W_hy h_t + b_y (T × O, pre-softmax for cross-entropy tasks).
public protocol SequenceTask: Sendable {
    /// Kebab-case id used on the command line, e.g. `adding`.
    static var name: String { get }
    /// One line saying what the task is.
    static var summary: String { get }
    /// The settings this task accepts, with defaults and limits.
    static var settingSpecs: [SettingSpec] { get }

    /// Builds the task from `key=value` settings (missing keys take their defaults).
    /// `dataDirectory` is the `lessons/data` folder; only file-backed tasks read it.
    init(settings: [String: String], dataDirectory: URL?) throws

    /// The resolved settings (every spec name → its value), for display and reproducibility.
    var settings: [String: String] { get }
    /// The network shape this task needs.
    var shape: TaskShape { get }
    /// The loss of a sensible trivial predictor (documented per task), or `nil`.
    var baselineLoss: Double? { get }

    /// `count` examples from the given split; the same arguments always give the same examples.
    func examples(count: Int, seed: UInt64, split: Split) throws -> [Example]

    /// Accuracy counts for one example under the task's rule: how many scored steps were
    /// answered correctly, out of how many scored steps.
    func score(readouts: [[Double]], example: Example) -> (correct: Int, total: Int)

    /// For tasks whose answers are numbers: an answer counts as correct when |y − target| is
    /// below this, and the screen says so beside every accuracy ("40% within ±0.05"); `nil` for
    /// class answers (argmax). Must agree with `score(readouts:example:)`.
    var accuracyTolerance: Double? { get }

    /// A short label per step of the example's input (a symbol name, or a number).
    func inputLabels(for example: Example) -> [String]

    /// Per step: whether the read-out is right under the task's rule, `nil` on unscored steps.
    /// Agrees with `score(readouts:example:)`: the `true` entries count `correct`, the non-nil
    /// entries count `total` (default in `StepScoring.swift`).
    func stepCorrectness(readouts: [[Double]], example: Example) -> [Bool?]

    /// Per step: a mark that is part of the task's story rather than of the numbers (the adding
    /// problem's "*" on a marked value), "" where there is none (default: none anywhere).
    func inputMarks(for example: Example) -> [String]
}

extension SequenceTask {
    /// The task's command-line id.
    public var name: String { Self.name }
    /// The task's one-line summary.
    public var summary: String { Self.summary }

    public var baselineLoss: Double? { nil }

    /// Default scoring: argmax class on scored steps (cross-entropy), or |y − target| < 0.04
    /// on every output of scored steps (MSE).
    public func score(readouts: [[Double]], example: Example) -> (correct: Int, total: Int) {
        TaskScoring.defaultScore(readouts: readouts, example: example, tolerance: Self.defaultTolerance)
    }

    /// The tolerance of the default scoring for MSE tasks, `nil` for cross-entropy.
    public var accuracyTolerance: Double? { shape.loss == .mse ? Self.defaultTolerance : nil }

    /// |y − target| below this counts as correct under the default scoring.
    public static var defaultTolerance: Double { 0.04 }

    /// What counts as right, to print beside an accuracy: " within ±0.05" for numeric answers,
    /// "" for class answers.
    public var accuracyRule: String { accuracyTolerance.map { " within ±\($0)" } ?? "" }

    /// Default labels: symbol names for symbolic inputs, the first value (2 decimals) for dense.
    public func inputLabels(for example: Example) -> [String] {
        switch example.input {
        case .symbols(let symbols):
            let names = shape.input.symbolNames ?? []
            return symbols.map { names.element(at: $0) ?? "?\($0)" }
        case .vectors(let vectors):
            return vectors.map { row in
                row.count == 1 ? TaskFormat.number(row[0]) : row.map(TaskFormat.number).joined(separator: " ")
            }
        }
    }

    /// A short label per step of the example's target (class name or number); unscored steps give "".
    public func targetLabels(for example: Example) -> [String] {
        let mask = example.mask ?? Array(repeating: 1, count: example.target.length)
        switch example.target {
        case .classes(let classes):
            let names = shape.outputNames ?? []
            return classes.enumerated().map { t, c in
                (mask.element(at: t) ?? 0) > 0 ? (names.element(at: c) ?? "\(c)") : ""
            }
        case .values(let values):
            return values.enumerated().map { t, row in
                (mask.element(at: t) ?? 0) > 0 ? row.map(TaskFormat.number).joined(separator: " ") : ""
            }
        }
    }

    /// Accuracy over many examples: summed counts, as a fraction (0 when nothing is scored).
    public func accuracy(readouts: [[[Double]]], examples: [Example]) -> Double {
        var correct = 0, total = 0
        for (r, e) in zip(readouts, examples) {
            let s = score(readouts: r, example: e)
            correct += s.correct
            total += s.total
        }
        return total > 0 ? Double(correct) / Double(total) : 0
    }
}

/// Small formatting helpers shared by the display labels.
public enum TaskFormat {
    /// A number with two decimals ("0.42", "-1.00").
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        return String(format: "%.2f", x)
    }
}

extension Array {
    /// The element at `index`, or `nil` when out of range (never traps).
    func element(at index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
