import Foundation
import UnrollEngine

/// How a Reber read-out is judged correct at one step.
public enum ReberAccuracyRule: String, Sendable, Equatable {
    /// Correct when the argmax of the read-out is a legal next symbol.
    case argmax
    /// Correct when every symbol whose softmax probability is above the threshold is legal and
    /// every legal symbol is above it (the literature's rule). Read-outs that already are a
    /// probability vector (non-negative, summing to 1 ± 1e-6) are used as they are.
    case threshold
}

/// Shared implementation of `reber` and `embedded-reber`.
///
/// Next-symbol prediction: for a string s of length n, input s[0..<n−1], target s[1..<n],
/// cross-entropy at every real step. A batch is padded to its longest string: padding steps
/// have input and target E and mask 0. Scoring uses the set of legal next symbols, not just the
/// one that happened to follow.
struct ReberCore: Sendable {
    let grammar: ReberGrammar
    let task: String
    let maxLength: Int
    let rule: ReberAccuracyRule
    let threshold: Double

    static func specs(minLength: Int, defaultMax: Int) -> [SettingSpec] {
        [
            SettingSpec("max_length", .integer(minLength...1_000), default: String(defaultMax),
                        "longest string kept (longer draws are discarded)"),
            SettingSpec("rule", .choice(["argmax", "threshold"]), default: "argmax",
                        "accuracy rule: argmax is legal, or the above-threshold set equals the legal set"),
            SettingSpec("threshold", .number(0.01...0.99), default: "0.3", "probability threshold for rule=threshold"),
        ]
    }

    var settings: [String: String] {
        ["max_length": String(maxLength), "rule": rule.rawValue, "threshold": TaskSettings.plain(threshold)]
    }

    func strings(count: Int, seed: UInt64, split: Split) throws -> [[Int]] {
        try ExampleBuilder.checkCount(count, task: task)
        var rng = TaskStreams.random(seed: seed, split: split, salt: task)
        var result: [[Int]] = []
        result.reserveCapacity(count)
        var attempts = 0
        while result.count < count {
            attempts += 1
            if attempts > 1_000 * (count + 10) {
                throw TaskError.badRequest(task: task, reason: "could not draw strings of at most \(maxLength) symbols")
            }
            if let s = grammar.generate(using: &rng, maxLength: maxLength) { result.append(s) }
        }
        return result
    }

    func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        let rows = try strings(count: count, seed: seed, split: split).map(ExampleBuilder.nextSymbol)
        return ExampleBuilder.padded(rows, padSymbol: ReberGrammar.Symbol.E.rawValue)
    }

    /// The real (unpadded) input symbols of an example.
    func realInput(_ example: Example) -> [Int] {
        guard case .symbols(let symbols) = example.input else { return [] }
        let mask = example.mask ?? Array(repeating: 1, count: symbols.count)
        return Array(symbols.enumerated().prefix { (mask.element(at: $0.offset) ?? 0) > 0 }.map(\.element))
    }

    func score(readouts: [[Double]], example: Example) -> (correct: Int, total: Int) {
        let input = realInput(example)
        guard let legal = grammar.legalNextSets(after: input) else { return (0, input.count) }
        var correct = 0
        for (t, allowed) in legal.enumerated() {
            guard let row = readouts.element(at: t), row.count == ReberGrammar.symbols.count else { continue }
            if isCorrect(row: row, legal: allowed) { correct += 1 }
        }
        return (correct, legal.count)
    }

    /// Per real step: right or wrong under `rule` (all wrong when the string leaves the grammar);
    /// `nil` on padding. Agrees with `score(readouts:example:)` step by step.
    func stepCorrectness(readouts: [[Double]], example: Example) -> [Bool?] {
        let input = realInput(example)
        let legal = grammar.legalNextSets(after: input)
        return (0..<example.target.length).map { t -> Bool? in
            guard t < input.count else { return nil }
            guard let allowed = legal?.element(at: t), let row = readouts.element(at: t),
                  row.count == ReberGrammar.symbols.count else { return false }
            return isCorrect(row: row, legal: allowed)
        }
    }

    func isCorrect(row: [Double], legal: Set<Int>, rule: ReberAccuracyRule? = nil) -> Bool {
        switch rule ?? self.rule {
        case .argmax:
            guard let top = TaskScoring.argmax(row) else { return false }
            return legal.contains(top)
        case .threshold:
            let sum = row.reduce(0, +)
            let isProbability = row.allSatisfy { $0 >= 0 && $0.isFinite } && abs(sum - 1) < 1e-6
            let p = isProbability ? row : TaskScoring.softmax(row)
            let above = Set(p.indices.filter { p[$0] > threshold })
            return above == legal
        }
    }

    func stringCorrect(readouts: [[Double]], example: Example) -> Bool {
        let s = score(readouts: readouts, example: example)
        return s.total > 0 && s.correct == s.total
    }

    func labels(_ example: Example) -> [String] {
        guard case .symbols(let symbols) = example.input else { return [] }
        let mask = example.mask ?? []
        return symbols.enumerated().map { t, s in
            (mask.element(at: t) ?? 1) > 0 ? (ReberGrammar.symbols.element(at: s) ?? "?") : "·"
        }
    }
}

/// The API both Reber tasks share (see `ReberCore` for the example layout).
public protocol ReberSequenceTask: SequenceTask {
    /// The grammar strings are drawn from.
    var grammar: ReberGrammar { get }
    /// The accuracy rule in force.
    var rule: ReberAccuracyRule { get }
    /// The probability threshold of `ReberAccuracyRule.threshold`.
    var threshold: Double { get }
    /// Whether one read-out row (logits, or already probabilities) is right when `legal` are the
    /// symbols that may come next, under `rule` (the task's own rule when nil).
    func isCorrect(row: [Double], legal: Set<Int>, rule: ReberAccuracyRule?) -> Bool
    /// The raw strings (with B and E) behind `examples(count:seed:split:)` for the same arguments.
    func strings(count: Int, seed: UInt64, split: Split) throws -> [[Int]]
    /// True when every real step of the example is predicted correctly under `rule`.
    func stringCorrect(readouts: [[Double]], example: Example) -> Bool
}

/// What both Reber tasks share: the shape, the baseline and everything `core` (the grammar's
/// sampler and scorer) answers.
protocol ReberCoreBacked: ReberSequenceTask {
    var core: ReberCore { get }
}

extension ReberCoreBacked {
    public var settings: [String: String] { core.settings }
    public var shape: TaskShape {
        TaskShape(input: .symbols(names: ReberGrammar.symbols), outputSize: 7, outputNames: ReberGrammar.symbols,
                  loss: .crossEntropy, scoring: .mask, length: nil)
    }
    /// Cross-entropy of a uniform guess over the 7 symbols: ln 7.
    public var baselineLoss: Double? { Foundation.log(7) }

    public func strings(count: Int, seed: UInt64, split: Split) throws -> [[Int]] {
        try core.strings(count: count, seed: seed, split: split)
    }
    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try core.examples(count: count, seed: seed, split: split)
    }
    /// Legal-next-symbol accuracy under `rule`, over the real steps.
    public func score(readouts: [[Double]], example: Example) -> (correct: Int, total: Int) {
        core.score(readouts: readouts, example: example)
    }
    public func stringCorrect(readouts: [[Double]], example: Example) -> Bool {
        core.stringCorrect(readouts: readouts, example: example)
    }
    /// Legal-next-symbol correctness per real step under `rule` (the prefix decides what is legal).
    public func stepCorrectness(readouts: [[Double]], example: Example) -> [Bool?] {
        core.stepCorrectness(readouts: readouts, example: example)
    }
    public var threshold: Double { core.threshold }
    public func isCorrect(row: [Double], legal: Set<Int>, rule: ReberAccuracyRule? = nil) -> Bool {
        core.isCorrect(row: row, legal: legal, rule: rule)
    }
    public func inputLabels(for example: Example) -> [String] { core.labels(example) }
}

extension ReberSequenceTask {
    /// For each real input step, the set of symbols that may legally come next.
    public func legalNextSets(for example: Example) -> [Set<Int>] {
        grammar.legalNextSets(after: realInputSymbols(example)) ?? []
    }

    /// For every step of the example (padding included), the symbols that may legally come next
    /// after reading inputs 0…t: `nil` on padding steps and from the first illegal symbol on
    /// (a generated string may leave the grammar; the steps before still have their sets).
    public func legalNextSymbols(for example: Example) -> [Set<Int>?] {
        guard case .symbols(let symbols) = example.input else { return [] }
        let mask = example.mask ?? Array(repeating: 1, count: symbols.count)
        var state: Int? = grammar.startState
        var inPadding = false
        return symbols.enumerated().map { t, symbol -> Set<Int>? in
            if (mask.element(at: t) ?? 0) <= 0 { inPadding = true }
            guard !inPadding, let current = state, let next = grammar.next(from: current, reading: symbol) else {
                state = nil
                return nil
            }
            state = next
            return grammar.legalSymbols(in: next)
        }
    }

    /// For each real input step, the grammar state after reading that step's symbol.
    public func states(for example: Example) -> [Int] {
        grammar.states(after: realInputSymbols(example)) ?? []
    }

    /// The input symbols on real (mask 1) steps.
    public func realInputSymbols(_ example: Example) -> [Int] {
        guard case .symbols(let symbols) = example.input else { return [] }
        let mask = example.mask ?? Array(repeating: 1, count: symbols.count)
        return Array(symbols.enumerated().prefix { (mask.element(at: $0.offset) ?? 0) > 0 }.map(\.element))
    }

    /// Whether a string such as "BTXSE" is in this task's language.
    public func isValid(_ string: String) -> Bool { grammar.isValid(string) }
}

/// `reber`: next-symbol prediction on strings of the Reber grammar.
public struct ReberTask: ReberCoreBacked {
    public static let name = "reber"
    public static let summary = "predict the next symbol of Reber grammar strings (B T P S X V E)"
    public static let settingSpecs = ReberCore.specs(minLength: 5, defaultMax: 40)

    let core: ReberCore
    public var grammar: ReberGrammar { core.grammar }
    public var rule: ReberAccuracyRule { core.rule }

    /// A Reber task keeping strings of at most `maxLength` symbols (5…1000).
    public init(maxLength: Int = 40, rule: ReberAccuracyRule = .argmax, threshold: Double = 0.3) throws {
        try TaskSettings.check(maxLength, "max_length", specs: Self.settingSpecs, task: Self.name)
        try TaskSettings.check(threshold, "threshold", specs: Self.settingSpecs, task: Self.name)
        core = ReberCore(grammar: .reber, task: Self.name, maxLength: maxLength, rule: rule, threshold: threshold)
    }

    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        try self.init(maxLength: s.int("max_length"), rule: ReberAccuracyRule(rawValue: s.string("rule")) ?? .argmax,
                      threshold: s.double("threshold"))
    }

}

/// `embedded-reber`: next-symbol prediction on embedded Reber strings (B, T|P, Reber, same T|P, E).
public struct EmbeddedReberTask: ReberCoreBacked {
    public static let name = "embedded-reber"
    public static let summary = "predict the next symbol of embedded Reber strings: remember T or P across a whole Reber string"
    public static let settingSpecs = ReberCore.specs(minLength: 9, defaultMax: 50)

    let core: ReberCore
    public var grammar: ReberGrammar { core.grammar }
    public var rule: ReberAccuracyRule { core.rule }

    /// An embedded Reber task keeping strings of at most `maxLength` symbols (9…1000).
    public init(maxLength: Int = 50, rule: ReberAccuracyRule = .argmax, threshold: Double = 0.3) throws {
        try TaskSettings.check(maxLength, "max_length", specs: Self.settingSpecs, task: Self.name)
        try TaskSettings.check(threshold, "threshold", specs: Self.settingSpecs, task: Self.name)
        core = ReberCore(grammar: .embeddedReber, task: Self.name, maxLength: maxLength, rule: rule,
                         threshold: threshold)
    }

    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        try self.init(maxLength: s.int("max_length"), rule: ReberAccuracyRule(rawValue: s.string("rule")) ?? .argmax,
                      threshold: s.double("threshold"))
    }

}
