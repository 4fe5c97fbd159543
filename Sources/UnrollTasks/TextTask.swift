import Foundation
import UnrollIO
import UnrollEngine

/// `text`: character-level next-character prediction on a short public-domain text
/// (`lessons/data/text.txt`: six of Shakespeare's sonnets).
///
/// Vocabulary = the characters present (after optional lower-casing), sorted by Unicode scalar.
/// An example is a window of T characters: input text[s..<s+T], target text[s+1...s+T],
/// cross-entropy at every step. Held out by construction: training windows lie entirely in the
/// first (1 − `test_fraction`) of the text, test windows entirely in the rest.
public struct TextTask: SequenceTask {
    public static let name = "text"
    public static let summary = "character-level generation on a few Shakespeare sonnets"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("length", .integer(1...1_000), default: "25", "window length T (characters per example)"),
        SettingSpec("lowercase", .flag, default: "true", "lower-case the text first (smaller vocabulary)"),
        SettingSpec("test_fraction", .number(0.05...0.5), default: "0.1", "share of the text (at its end) held out"),
    ]
    /// The file name inside the data directory.
    public static let fileName = "text.txt"

    /// The characters of the (possibly lower-cased) text.
    public let characters: [Character]
    /// The vocabulary, in index order.
    public let vocabulary: [Character]
    /// The text as vocabulary indices.
    public let encoded: [Int]
    public let length: Int
    public let lowercase: Bool
    public let testFraction: Double
    /// Index of the first held-out character.
    public let testStart: Int

    /// A text task over the given text; both parts must hold at least T + 1 characters.
    public init(text: String, length: Int = 25, lowercase: Bool = true, testFraction: Double = 0.1) throws {
        let specs = Self.settingSpecs, task = Self.name
        try TaskSettings.check(length, "length", specs: specs, task: task)
        try TaskSettings.check(testFraction, "test_fraction", specs: specs, task: task)
        let chars = Array(lowercase ? text.lowercased() : text)
        let vocab = Array(Set(chars)).sorted { String($0).unicodeScalars.lexicographicallyPrecedes(String($1).unicodeScalars) }
        var index: [Character: Int] = [:]
        for (i, c) in vocab.enumerated() { index[c] = i }
        let split = Int((Double(chars.count) * (1 - testFraction)).rounded(.down))
        guard split >= length + 1, chars.count - split >= length + 1 else {
            throw TaskError.badSetting(task: task, setting: "length", value: String(length),
                                       reason: "the text has \(chars.count) characters; with test_fraction \(TaskSettings.plain(testFraction)) each part needs at least T + 1 = \(length + 1)")
        }
        characters = chars
        vocabulary = vocab
        encoded = chars.map { index[$0] ?? 0 }
        self.length = length
        self.lowercase = lowercase
        self.testFraction = testFraction
        testStart = split
    }

    /// Reads `text.txt` from the data directory.
    public init(dataDirectory: URL, length: Int = 25, lowercase: Bool = true, testFraction: Double = 0.1) throws {
        let url = dataDirectory.appendingPathComponent(Self.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TaskError.dataFile(path: url.path, line: nil, reason: "file not found")
        }
        if let problem = RegularFile.problem(at: url.path) {
            throw TaskError.dataFile(path: url.path, line: nil, reason: problem)
        }
        guard case .success(let bytes) = RegularFile.read(url.path, limit: 64 << 20),
              let text = String(data: Data(bytes), encoding: .utf8) else {
            throw TaskError.dataFile(path: url.path, line: nil, reason: "cannot be read as UTF-8 text")
        }
        try self.init(text: text, length: length, lowercase: lowercase, testFraction: testFraction)
    }

    public init(settings: [String: String], dataDirectory: URL?) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        guard let directory = dataDirectory else {
            throw TaskError.needsDataDirectory(task: Self.name, file: Self.fileName)
        }
        try self.init(dataDirectory: directory, length: s.int("length"), lowercase: s.bool("lowercase"),
                      testFraction: s.double("test_fraction"))
    }

    public var settings: [String: String] {
        ["length": String(length), "lowercase": String(lowercase), "test_fraction": TaskSettings.plain(testFraction)]
    }

    /// Display names of the vocabulary: newline as "↵", space as "␣", tab as "⇥".
    public var symbolNames: [String] { vocabulary.map(Self.displayName) }

    public var shape: TaskShape {
        TaskShape(input: .symbols(names: symbolNames), outputSize: vocabulary.count, outputNames: symbolNames,
                  loss: .crossEntropy, scoring: .everyStep, length: length)
    }

    /// Cross-entropy of predicting the training part's character frequencies (unigram entropy, nats).
    public var baselineLoss: Double? {
        var counts = Array(repeating: 0.0, count: vocabulary.count)
        for s in encoded.prefix(testStart) where counts.indices.contains(s) { counts[s] += 1 }
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        return -counts.filter { $0 > 0 }.map { ($0 / total) * Foundation.log($0 / total) }.reduce(0, +)
    }

    /// A printable name for one character.
    public static func displayName(_ c: Character) -> String {
        switch c {
        case "\n": return "↵"
        case " ": return "␣"
        case "\t": return "⇥"
        default: return String(c)
        }
    }

    /// The text of a symbol sequence (unknown indices become "?").
    public func decode(_ symbols: [Int]) -> String {
        String(symbols.map { vocabulary.element(at: $0) ?? "?" })
    }

    /// Vocabulary indices of a string; characters outside the vocabulary are dropped.
    public func encode(_ text: String) -> [Int] {
        Array(lowercase ? text.lowercased() : text).compactMap { vocabulary.firstIndex(of: $0) }
    }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        // Window starts s with the whole window s...s+T inside the part.
        let range = split == .train ? 0...(testStart - length - 1) : testStart...(encoded.count - length - 1)
        return (0..<count).map { _ in
            let s = rng.int(in: range)
            return Example(input: .symbols(Array(encoded[s..<(s + length)])),
                           target: .classes(Array(encoded[(s + 1)...(s + length)])),
                           mask: Array(repeating: 1, count: length))
        }
    }
}
