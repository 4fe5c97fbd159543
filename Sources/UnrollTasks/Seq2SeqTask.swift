import Foundation
import UnrollEngine

/// One encoder–decoder training pair, in symbol indices of `Seq2SeqTask.vocabulary`.
public struct Seq2SeqPair: Sendable, Equatable {
    /// The source string as drawn (letters only).
    public var source: [Int]
    /// What the encoder reads: the source, reversed when `reverse_source` is on.
    public var encoderInput: [Int]
    /// The answer without `<eos>`: the reversed source (`mode=reverse`) or the source (`mode=copy`).
    public var target: [Int]
    /// Decoder input with teacher forcing: `<go>` followed by the target (the target shifted right).
    public var decoderInput: [Int]
    /// Decoder targets: the target followed by `<eos>` (same length as `decoderInput`).
    public var decoderTarget: [Int]
}

/// `seq2seq`: reverse (or copy) a short string of letters, as encoder–decoder data.
///
/// Vocabulary: the first `letters` letters a, b, …, then `<go>` and `<eos>`. A source has
/// `min_length`…`max_length` letters. `pairs(count:seed:split:)` gives the separate encoder and
/// decoder sequences; `examples(count:seed:split:)` packs each pair into one sequence for a plain
/// recurrent network: encoderInput, then `<go>`, then the target letters; the targets are the
/// decoder targets on the `<go>` step and after, and the mask is 0 on the encoder steps and 1 on
/// the decoder steps. A batch is padded to its longest sequence (input and target `<eos>`, mask 0).
///
/// Held out by construction: a fixed, hash-chosen ~20% of all strings (per length) are test
/// strings; the training split never contains them.
public struct Seq2SeqTask: SequenceTask {
    public static let name = "seq2seq"
    public static let summary = "encoder-decoder: reverse (or copy) a short letter string, with <go> and <eos>"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("mode", .choice(["reverse", "copy"]), default: "reverse", "what the decoder must output"),
        SettingSpec("min_length", .integer(1...12), default: "3", "shortest source string"),
        SettingSpec("max_length", .integer(1...12), default: "6", "longest source string"),
        SettingSpec("letters", .integer(2...26), default: "6", "alphabet size (a, b, …)"),
        SettingSpec("reverse_source", .flag, default: "false", "feed the source to the encoder reversed"),
    ]

    /// What the decoder must produce.
    public enum Mode: String, Sendable { case reverse, copy }

    public let mode: Mode
    public let minLength: Int
    public let maxLength: Int
    public let letters: Int
    public let reverseSource: Bool

    /// A seq2seq task; requires minLength ≤ maxLength.
    public init(mode: Mode = .reverse, minLength: Int = 3, maxLength: Int = 6, letters: Int = 6,
                reverseSource: Bool = false) throws {
        let specs = Self.settingSpecs, task = Self.name
        try TaskSettings.check(minLength, "min_length", specs: specs, task: task)
        try TaskSettings.check(maxLength, "max_length", specs: specs, task: task)
        try TaskSettings.check(letters, "letters", specs: specs, task: task)
        guard minLength <= maxLength else {
            throw TaskError.badSetting(task: task, setting: "min_length", value: String(minLength),
                                       reason: "min_length must not exceed max_length (\(maxLength))")
        }
        self.mode = mode
        self.minLength = minLength
        self.maxLength = maxLength
        self.letters = letters
        self.reverseSource = reverseSource
    }

    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        try self.init(mode: Mode(rawValue: s.string("mode")) ?? .reverse, minLength: s.int("min_length"),
                      maxLength: s.int("max_length"), letters: s.int("letters"), reverseSource: s.bool("reverse_source"))
    }

    public var settings: [String: String] {
        ["mode": mode.rawValue, "min_length": String(minLength), "max_length": String(maxLength),
         "letters": String(letters), "reverse_source": String(reverseSource)]
    }

    /// The vocabulary: letters, then "<go>", then "<eos>".
    public var vocabulary: [String] {
        Array("abcdefghijklmnopqrstuvwxyz".prefix(letters)).map(String.init) + ["<go>", "<eos>"]
    }
    /// Index of `<go>`.
    public var goSymbol: Int { letters }
    /// Index of `<eos>`.
    public var eosSymbol: Int { letters + 1 }

    public var shape: TaskShape {
        TaskShape(input: .symbols(names: vocabulary), outputSize: letters + 2, outputNames: vocabulary,
                  loss: .crossEntropy, scoring: .mask, length: minLength == maxLength ? 2 * minLength + 1 : nil)
    }

    /// Cross-entropy of a uniform guess over letters and `<eos>` on the decoder steps: ln(letters + 1).
    public var baselineLoss: Double? { Foundation.log(Double(letters + 1)) }

    /// Whether a source string (letter indices) is a held-out test string.
    public func isHeldOut(_ source: [Int]) -> Bool {
        var code: UInt64 = UInt64(source.count)
        for s in source { code = code &* 31 &+ UInt64(max(s, 0)) }
        return TaskStreams.mix(code ^ 0x5EED_0F_7E57) % 5 == 0
    }

    /// Builds the encoder–decoder pieces for one source string.
    public func pair(source: [Int]) -> Seq2SeqPair {
        let target = mode == .reverse ? Array(source.reversed()) : source
        return Seq2SeqPair(source: source,
                           encoderInput: reverseSource ? Array(source.reversed()) : source,
                           target: target,
                           decoderInput: [goSymbol] + target,
                           decoderTarget: target + [eosSymbol])
    }

    /// `count` pairs from a split (same draws as `examples(count:seed:split:)`).
    public func pairs(count: Int, seed: UInt64, split: Split) throws -> [Seq2SeqPair] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        var result: [Seq2SeqPair] = []
        result.reserveCapacity(count)
        var attempts = 0
        while result.count < count {
            attempts += 1
            if attempts > 1_000 * (result.count + 1) {
                throw TaskError.badRequest(task: Self.name, reason:
                    "no \(split.rawValue) strings exist for letters=\(letters), lengths \(minLength)…\(maxLength); allow more letters or lengths")
            }
            let n = rng.int(in: minLength...maxLength)
            let source = (0..<n).map { _ in rng.int(below: letters) }
            if isHeldOut(source) == (split == .test) { result.append(pair(source: source)) }
        }
        return result
    }

    /// Packs a pair into one sequence: encoderInput, `<go>`, target; mask 1 on the decoder steps only.
    public func packed(_ pair: Seq2SeqPair) -> (input: [Int], target: [Int], mask: [Double]) {
        let encoderSteps = pair.encoderInput.count
        return (pair.encoderInput + pair.decoderInput,
                Array(repeating: eosSymbol, count: encoderSteps) + pair.decoderTarget,
                Array(repeating: 0, count: encoderSteps) + Array(repeating: 1, count: pair.decoderTarget.count))
    }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        let rows = try pairs(count: count, seed: seed, split: split).map(packed)
        return ExampleBuilder.padded(rows, padSymbol: eosSymbol)
    }

    /// Argmax accuracy on the decoder steps (each output symbol, including `<eos>`).
    public func score(readouts: [[Double]], example: Example) -> (correct: Int, total: Int) {
        TaskScoring.defaultScore(readouts: readouts, example: example, tolerance: 0)
    }

    /// True when every decoder step of the packed example is predicted correctly.
    public func exactMatch(readouts: [[Double]], example: Example) -> Bool {
        let s = score(readouts: readouts, example: example)
        return s.total > 0 && s.correct == s.total
    }

    /// The string of symbol indices, e.g. "abc<eos>".
    public func decode(_ symbols: [Int]) -> String {
        let names = vocabulary
        return symbols.map { names.element(at: $0) ?? "?" }.joined()
    }
}
