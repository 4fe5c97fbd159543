import Foundation
import UnrollEngine

/// `sentiment-order`: many-to-one sentiment where word order alone decides the label.
///
/// Two templates, with a noun N and an adjective pair (positive P, negative Q):
/// - "the N was A , not B at all"
/// - "the N was not B , it was A"
/// where (A, B) is (P, Q) → class `positive` or (Q, P) → class `negative`. Examples come in
/// pairs: example 2k is one order and 2k+1 the same noun, pair and template in the other
/// order, so the two have identical bags of words and opposite labels (see `bagOfWords`).
/// T = 9 for both templates; scored at the last step; 2 classes.
///
/// Held out by construction: (noun, adjective pair) combinations with (noun + pair) ≡ 0 (mod 4)
/// appear only in the test split.
public struct SentimentOrderTask: SequenceTask {
    public static let name = "sentiment-order"
    public static let summary = "many-to-one sentiment where 'good, not bad' and 'bad, not good' swap the label"
    public static let settingSpecs: [SettingSpec] = []

    /// Nouns.
    public static let nouns = ["food", "service", "movie", "room", "music"]
    /// Adjective pairs (positive, negative).
    public static let adjectivePairs: [(positive: String, negative: String)] = [
        ("good", "bad"), ("great", "awful"), ("tasty", "bland"), ("lovely", "terrible"),
    ]
    /// Class names: 0 = negative, 1 = positive.
    public static let classNames = ["negative", "positive"]
    /// The vocabulary.
    public static let vocabulary: [String] = ["the", "was", "not", "at", "all", "it", ","]
        + nouns + adjectivePairs.flatMap { [$0.positive, $0.negative] }

    public init() {}

    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        _ = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
    }

    public var settings: [String: String] { [:] }

    public var shape: TaskShape {
        TaskShape(input: .symbols(names: Self.vocabulary), outputSize: 2, outputNames: Self.classNames,
                  loss: .crossEntropy, scoring: .lastStep, length: 9)
    }

    /// Cross-entropy of predicting the (balanced) class prior: ln 2.
    public var baselineLoss: Double? { Foundation.log(2) }

    /// The words of one sentence; `positive` says whether the positive adjective comes first
    /// (and so decides the label).
    public static func sentence(noun: Int, pair: Int, template: Int, positive: Bool) -> [String] {
        guard let n = nouns.element(at: noun), let p = adjectivePairs.element(at: pair) else { return [] }
        let a = positive ? p.positive : p.negative
        let b = positive ? p.negative : p.positive
        if template % 2 == 0 {
            return ["the", n, "was", a, ",", "not", b, "at", "all"]
        }
        return ["the", n, "was", "not", b, ",", "it", "was", a]
    }

    /// Whether a (noun, pair) combination is held out for the test split.
    public static func isHeldOut(noun: Int, pair: Int) -> Bool { (noun + pair) % 4 == 0 }

    /// Counts of each vocabulary word in the example's input: a bag-of-words classifier sees only this,
    /// so it cannot separate the two members of a pair.
    public static func bagOfWords(_ example: Example) -> [Int] {
        guard case .symbols(let symbols) = example.input else { return [] }
        return SymbolTools.bagOfWords(symbols, vocabularySize: vocabulary.count)
    }

    /// The label (0 negative, 1 positive) of an example.
    public static func label(of example: Example) -> Int? {
        guard case .classes(let c) = example.target else { return nil }
        return c.last
    }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        var combos: [(noun: Int, pair: Int)] = []
        for n in Self.nouns.indices {
            for p in Self.adjectivePairs.indices where Self.isHeldOut(noun: n, pair: p) == (split == .test) {
                combos.append((n, p))
            }
        }
        var result: [Example] = []
        result.reserveCapacity(count)
        while result.count < count {
            let combo = rng.pick(combos)
            let template = rng.int(below: 2)
            let firstPositive = rng.bernoulli(0.5)
            for positive in [firstPositive, !firstPositive] where result.count < count {
                let words = Self.sentence(noun: combo.noun, pair: combo.pair, template: template, positive: positive)
                result.append(ExampleBuilder.manyToOne(symbols: SymbolTools.encode(words, in: Self.vocabulary),
                                                       label: positive ? 1 : 0))
            }
        }
        return result
    }
}
