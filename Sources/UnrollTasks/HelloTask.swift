import Foundation
import UnrollEngine

/// `hello`: the character model on the vocabulary h, e, l, o — input "hell", targets "ello".
///
/// With the default `words=hello` every example is the same single word (the classic demo).
/// `words` may list other words over the same four letters, comma-separated
/// (e.g. `hello,hole,heel`); examples then pick words at random and are padded to the
/// longest word in the batch (padding: symbol `o`, mask 0). Every real step is scored.
public struct HelloTask: SequenceTask {
    public static let name = "hello"
    public static let summary = "character model on h, e, l, o: input 'hell', predict 'ello'"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("words", .text, default: "hello",
                    "comma-separated words over h,e,l,o (2–20 letters each), e.g. hello,hole,heel"),
    ]
    /// The vocabulary, in index order.
    public static let vocabulary = ["h", "e", "l", "o"]

    /// The training words.
    public let words: [String]

    /// A hello task over the given words (each 2–20 letters from h, e, l, o; 1–50 words).
    public init(words: [String] = ["hello"]) throws {
        let cleaned = words.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        let value = words.joined(separator: ",")
        guard (1...50).contains(cleaned.count) else {
            throw TaskError.badSetting(task: Self.name, setting: "words", value: value, reason: "give 1–50 words")
        }
        for w in cleaned {
            guard w.allSatisfy({ Self.vocabulary.contains(String($0)) }) else {
                throw TaskError.badSetting(task: Self.name, setting: "words", value: value,
                                           reason: "'\(w)' uses letters other than h, e, l, o")
            }
            guard (2...20).contains(w.count) else {
                throw TaskError.badSetting(task: Self.name, setting: "words", value: value,
                                           reason: "'\(w)' must have 2–20 letters")
            }
        }
        self.words = cleaned
    }

    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        try self.init(words: s.string("words").split(separator: ",").map(String.init))
    }

    public var settings: [String: String] { ["words": words.joined(separator: ",")] }

    public var shape: TaskShape {
        let lengths = Set(words.map { $0.count - 1 })
        return TaskShape(input: .symbols(names: Self.vocabulary), outputSize: 4, outputNames: Self.vocabulary,
                         loss: .crossEntropy, scoring: lengths.count == 1 ? .everyStep : .mask,
                         length: lengths.count == 1 ? lengths.first : nil)
    }

    /// Cross-entropy of a uniform guess over the 4 letters: ln 4.
    public var baselineLoss: Double? { Foundation.log(4) }

    /// Letter indices of a word (letters outside the vocabulary are dropped).
    public static func encode(_ word: String) -> [Int] {
        word.compactMap { vocabulary.firstIndex(of: String($0)) }
    }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        let encoded = words.map(Self.encode)
        let rows = (0..<count).map { _ in ExampleBuilder.nextSymbol(rng.pick(encoded)) }
        return ExampleBuilder.padded(rows, padSymbol: 3)
    }

    public func inputLabels(for example: Example) -> [String] {
        guard case .symbols(let symbols) = example.input else { return [] }
        let mask = example.mask ?? []
        return symbols.enumerated().map { t, s in
            (mask.element(at: t) ?? 1) > 0 ? (Self.vocabulary.element(at: s) ?? "?") : "·"
        }
    }
}
