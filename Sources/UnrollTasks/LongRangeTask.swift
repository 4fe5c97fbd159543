import Foundation
import UnrollEngine

/// `long-range`: "i grew up in spain . <filler words> i speak fluent" → `spanish`.
///
/// The answer depends only on the country named at step 5; `filler` random words from a
/// small neutral list stand between it and the question. Input
/// "i grew up in C ." + filler + "i speak fluent" (T = filler + 9); the class (one of the
/// first `languages` languages) is scored at the last step.
public struct LongRangeTask: SequenceTask {
    public static let name = "long-range"
    public static let summary = "'i grew up in spain … i speak fluent ___': the answer lies many words back"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("filler", .integer(0...9_991), default: "10", "filler words between the country and the question"),
        SettingSpec("languages", .integer(2...6), default: "4", "number of country/language pairs used"),
    ]

    /// Country → language pairs (the first `languages` are used).
    public static let countries: [(country: String, language: String)] = [
        ("spain", "spanish"), ("france", "french"), ("germany", "german"),
        ("italy", "italian"), ("japan", "japanese"), ("brazil", "portuguese"),
    ]
    /// Neutral filler words.
    public static let fillerWords = [
        "and", "then", "we", "walked", "to", "the", "market", "it", "was", "sunny",
        "every", "day", "my", "friends", "liked", "music", "after", "school", "played", "games",
    ]
    /// The input vocabulary: sentence words, countries, then filler words.
    public static let vocabulary: [String] = {
        var words = ["i", "grew", "up", "in", ".", "speak", "fluent"] + countries.map(\.country)
        for w in fillerWords where !words.contains(w) { words.append(w) }
        return words
    }()

    /// Filler words between the country and the question.
    public let filler: Int
    /// Number of country/language pairs (classes).
    public let languages: Int

    /// A long-range task with `filler` filler words (0…9991) and `languages` classes (2…6).
    public init(filler: Int = 10, languages: Int = 4) throws {
        try TaskSettings.check(filler, "filler", specs: Self.settingSpecs, task: Self.name)
        try TaskSettings.check(languages, "languages", specs: Self.settingSpecs, task: Self.name)
        self.filler = filler
        self.languages = languages
    }

    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        try self.init(filler: s.int("filler"), languages: s.int("languages"))
    }

    public var settings: [String: String] { ["filler": String(filler), "languages": String(languages)] }

    /// Class names: the languages in use.
    public var languageNames: [String] { Self.countries.prefix(languages).map(\.language) }

    public var shape: TaskShape {
        TaskShape(input: .symbols(names: Self.vocabulary), outputSize: languages, outputNames: languageNames,
                  loss: .crossEntropy, scoring: .lastStep, length: filler + 9)
    }

    /// Cross-entropy of a uniform guess over the languages: ln(languages).
    public var baselineLoss: Double? { Foundation.log(Double(languages)) }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        let encode = { (words: [String]) in SymbolTools.encode(words, in: Self.vocabulary) }
        let question = encode(["i", "speak", "fluent"])
        let fillers = encode(Self.fillerWords)
        return (0..<count).map { _ in
            let label = rng.int(below: languages)
            let country = Self.countries.element(at: label)?.country ?? "spain"
            var words = encode(["i", "grew", "up", "in", country, "."])
            for _ in 0..<filler { words.append(rng.pick(fillers)) }
            words += question
            return ExampleBuilder.manyToOne(symbols: words, label: label)
        }
    }
}
