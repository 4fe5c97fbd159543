import Foundation
import UnrollEngine

/// `temporal-order`: classify the order of two relevant symbols hidden among distractors
/// (Hochreiter & Schmidhuber 1997, task 6a; Pascanu et al. 2013).
///
/// Symbols a, b, c, d (distractors), B (start), E (end), X, Y. A sequence of length T starts
/// with B, ends with E, and is otherwise random distractors except two steps holding X or Y:
/// the first at a uniform step in ⌊T/10⌋…⌊2T/10⌋, the second in ⌊5T/10⌋…⌊6T/10⌋ (T ≥ 10; for
/// T = 100 these are steps 10–20 and 50–60, as in the paper). The class XX, XY, YX or YY is
/// read at the last step; inputs are one-hot symbols.
public struct TemporalOrderTask: LengthOnlyTask {
    public static let name = "temporal-order"
    public static let summary = "which of X/Y came first and second among distractors: 4 classes XX XY YX YY"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("length", .integer(10...10_000), default: "100", "sequence length T"),
    ]
    /// The vocabulary, in index order.
    public static let vocabulary = ["a", "b", "c", "d", "B", "E", "X", "Y"]
    /// Class names, in index order: class = 2·[first is Y] + [second is Y].
    public static let classNames = ["XX", "XY", "YX", "YY"]

    /// Sequence length T.
    public let length: Int

    /// A temporal-order task with sequence length T (10…10000).
    public init(length: Int = 100) throws {
        try TaskSettings.check(length, "length", specs: Self.settingSpecs, task: Self.name)
        self.length = length
    }

    public var shape: TaskShape {
        TaskShape(input: .symbols(names: Self.vocabulary), outputSize: 4, outputNames: Self.classNames,
                  loss: .crossEntropy, scoring: .lastStep, length: length)
    }

    /// Cross-entropy of the uniform class prior: ln 4.
    public var baselineLoss: Double? { Foundation.log(4) }

    /// The window (closed range of steps) for the first relevant symbol.
    public var firstWindow: ClosedRange<Int> { (length / 10)...(2 * length / 10) }
    /// The window for the second relevant symbol.
    public var secondWindow: ClosedRange<Int> { (5 * length / 10)...(6 * length / 10) }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        return (0..<count).map { _ in
            var symbols = (0..<length).map { _ in rng.int(below: 4) }
            symbols[0] = 4
            symbols[length - 1] = 5
            let firstY = rng.bernoulli(0.5), secondY = rng.bernoulli(0.5)
            symbols[rng.int(in: firstWindow)] = firstY ? 7 : 6
            symbols[rng.int(in: secondWindow)] = secondY ? 7 : 6
            return ExampleBuilder.manyToOne(symbols: symbols, label: (firstY ? 2 : 0) + (secondY ? 1 : 0))
        }
    }
}
