import Foundation
import UnrollEngine

/// `next-word`: many-to-many next-word prediction on toy sentences such as
/// "i am learning recurrent neural networks .".
///
/// A sentence is subject + matching "to be" + verb + a three-word object + ".": 5 subjects ×
/// 4 verbs × 4 objects = 80 sentences over a 21-word vocabulary, so words in the same slot play
/// the same role (what a learned embedding should discover). An example is `sentences`
/// sentences in a row; input = words 0..<n−1, target = words 1..<n, every step scored (the
/// "." end token is predicted like any other word).
///
/// Held out by construction: the 16 sentences with (subject + verb + object) index sum ≡ 0
/// (mod 5) appear only in the test split; training sentences never include them.
public struct NextWordTask: SequenceTask {
    public static let name = "next-word"
    public static let summary = "predict the next word of toy sentences like 'i am learning recurrent neural networks'"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("sentences", .integer(1...100), default: "1", "sentences per example (T = 7·sentences − 1)"),
    ]

    /// Subjects with their form of "to be".
    public static let subjects: [(subject: String, be: String)] = [
        ("i", "am"), ("we", "are"), ("you", "are"), ("they", "are"), ("she", "is"),
    ]
    /// Verbs (present participles).
    public static let verbs = ["learning", "studying", "training", "building"]
    /// Three-word objects.
    public static let objects: [[String]] = [
        ["recurrent", "neural", "networks"], ["deep", "neural", "networks"],
        ["small", "recurrent", "models"], ["simple", "language", "models"],
    ]
    /// The vocabulary, in slot order: subjects, be-forms, verbs, object words, ".".
    public static let vocabulary: [String] = [
        "i", "we", "you", "they", "she", "am", "are", "is",
        "learning", "studying", "training", "building",
        "recurrent", "neural", "networks", "deep", "small", "models", "simple", "language", ".",
    ]

    /// Sentences per example.
    public let sentences: Int

    /// A next-word task with `sentences` sentences per example (1…100).
    public init(sentences: Int = 1) throws {
        try TaskSettings.check(sentences, "sentences", specs: Self.settingSpecs, task: Self.name)
        self.sentences = sentences
    }

    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        try self.init(sentences: s.int("sentences"))
    }

    public var settings: [String: String] { ["sentences": String(sentences)] }

    public var shape: TaskShape {
        TaskShape(input: .symbols(names: Self.vocabulary), outputSize: Self.vocabulary.count,
                  outputNames: Self.vocabulary, loss: .crossEntropy, scoring: .everyStep,
                  length: 7 * sentences - 1)
    }

    /// Cross-entropy of always predicting uniformly over the vocabulary: ln 21.
    public var baselineLoss: Double? { Foundation.log(Double(Self.vocabulary.count)) }

    /// The words of sentence (subject, verb, object) — indices into the slot lists.
    public static func sentence(subject: Int, verb: Int, object: Int) -> [String] {
        guard let s = subjects.element(at: subject), let v = verbs.element(at: verb),
              let o = objects.element(at: object) else { return [] }
        return [s.subject, s.be, v] + o + ["."]
    }

    /// Whether a sentence is held out for the test split.
    public static func isHeldOut(subject: Int, verb: Int, object: Int) -> Bool {
        (subject + verb + object) % 5 == 0
    }

    /// All sentences of one split, as word lists, in a fixed order.
    public static func sentences(in split: Split) -> [[String]] {
        var result: [[String]] = []
        for s in subjects.indices {
            for v in verbs.indices {
                for o in objects.indices where isHeldOut(subject: s, verb: v, object: o) == (split == .test) {
                    result.append(sentence(subject: s, verb: v, object: o))
                }
            }
        }
        return result
    }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        let pool = Self.sentences(in: split).map { SymbolTools.encode($0, in: Self.vocabulary) }
        return (0..<count).map { _ in
            var words: [Int] = []
            for _ in 0..<sentences { words += rng.pick(pool) }
            let row = ExampleBuilder.nextSymbol(words)
            return Example(input: .symbols(row.input), target: .classes(row.target), mask: row.mask)
        }
    }
}
