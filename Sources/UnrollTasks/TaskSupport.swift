import Foundation
import UnrollEngine

/// Independent, reproducible random streams per task, split and purpose.
public enum TaskStreams {
    /// A generator for (seed, task, split): the train and test streams of one seed differ,
    /// and so do the streams of different tasks.
    public static func random(seed: UInt64, split: Split, salt: String) -> SeededRandom {
        SeededRandom(seed: mix(mix(seed) ^ fnv1a("\(salt)/\(split.rawValue)")))
    }

    /// SplitMix64 finaliser: a bijective scramble of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a 64-bit hash of a string's UTF-8 bytes (stable across runs, unlike `hashValue`).
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}

/// Helpers for building `Example`s.
enum ExampleBuilder {
    /// Limits on `count` in `examples(count:seed:split:)`.
    static let maxCount = 1_000_000

    static func checkCount(_ count: Int, task: String) throws {
        guard (0...maxCount).contains(count) else {
            throw TaskError.badRequest(task: task, reason: "example count must be 0…\(maxCount) (got \(count))")
        }
    }

    /// A mask scoring only the last of `length` steps.
    static func lastStepMask(_ length: Int) -> [Double] {
        guard length > 0 else { return [] }
        var mask = Array(repeating: 0.0, count: length)
        mask[length - 1] = 1
        return mask
    }

    /// A symbolic many-to-one example: the class is repeated on every step, only the last is scored.
    static func manyToOne(symbols: [Int], label: Int) -> Example {
        Example(input: .symbols(symbols), target: .classes(Array(repeating: label, count: symbols.count)),
                mask: lastStepMask(symbols.count))
    }

    /// A dense many-to-one regression example with a single output.
    static func manyToOne(vectors: [[Double]], value: Double) -> Example {
        Example(input: .vectors(vectors), target: .values(Array(repeating: [value], count: vectors.count)),
                mask: lastStepMask(vectors.count))
    }

    /// Next-symbol prediction on one string: input s[0..<n−1], target s[1..<n], every step scored.
    static func nextSymbol(_ string: [Int]) -> (input: [Int], target: [Int], mask: [Double]) {
        guard string.count >= 2 else { return ([], [], []) }
        return (Array(string.dropLast()), Array(string.dropFirst()), Array(repeating: 1, count: string.count - 1))
    }

    /// Pads symbolic sequences to the longest one: padding steps get `padSymbol` input and target
    /// and mask 0, so a trainer ignores them.
    static func padded(_ rows: [(input: [Int], target: [Int], mask: [Double])], padSymbol: Int) -> [Example] {
        let longest = rows.map(\.input.count).max() ?? 0
        return rows.map { row in
            let extra = longest - row.input.count
            return Example(input: .symbols(row.input + Array(repeating: padSymbol, count: extra)),
                           target: .classes(row.target + Array(repeating: padSymbol, count: extra)),
                           mask: row.mask + Array(repeating: 0, count: extra))
        }
    }
}

/// Scoring rules shared by the tasks.
public enum TaskScoring {
    /// Index of the largest finite value (first on ties), or `nil` for an empty / non-finite row.
    public static func argmax(_ row: [Double]) -> Int? {
        var best: Int?
        var bestValue = -Double.infinity
        for (i, v) in row.enumerated() where v.isFinite && (best == nil || v > bestValue) {
            best = i
            bestValue = v
        }
        return best
    }

    /// Softmax of a row (numerically stable); non-finite inputs count as −∞.
    public static func softmax(_ row: [Double]) -> [Double] {
        let finite = row.map { $0.isFinite ? $0 : -Double.infinity }
        guard let top = finite.max(), top.isFinite else {
            return row.isEmpty ? [] : Array(repeating: 1 / Double(row.count), count: row.count)
        }
        let e = finite.map { Foundation.exp($0 - top) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    /// Argmax on scored classification steps, or |y − target| < tolerance (every output of the
    /// step) on scored regression steps. Missing or malformed read-out rows count as wrong.
    public static func defaultScore(readouts: [[Double]], example: Example, tolerance: Double)
        -> (correct: Int, total: Int) {
        let length = example.target.length
        let mask = example.mask ?? Array(repeating: 1, count: length)
        var correct = 0, total = 0
        for t in 0..<length where (mask.element(at: t) ?? 0) > 0 {
            total += 1
            guard let row = readouts.element(at: t) else { continue }
            switch example.target {
            case .classes(let classes):
                if let c = classes.element(at: t), argmax(row) == c { correct += 1 }
            case .values(let values):
                guard let want = values.element(at: t), want.count == row.count, !row.isEmpty else { continue }
                if zip(row, want).allSatisfy({ abs($0 - $1) < tolerance }) { correct += 1 }
            }
        }
        return (correct, total)
    }
}

/// Operations on symbol sequences shared by the word tasks.
public enum SymbolTools {
    /// Counts of each vocabulary symbol in a sequence (a bag of words): index = symbol.
    /// Out-of-range symbols are ignored.
    public static func bagOfWords(_ symbols: [Int], vocabularySize: Int) -> [Int] {
        var counts = Array(repeating: 0, count: max(vocabularySize, 0))
        for s in symbols where counts.indices.contains(s) { counts[s] += 1 }
        return counts
    }

    /// Looks each word up in the vocabulary (every word must be present; used on built-in templates).
    static func encode(_ words: [String], in vocabulary: [String]) -> [Int] {
        words.map { vocabulary.firstIndex(of: $0) ?? 0 }
    }
}

/// A task whose only setting is its sequence length T (the adding and temporal-order problems):
/// the settings plumbing is shared, the typed `init(length:)` checks the limit.
public protocol LengthOnlyTask: SequenceTask {
    /// Sequence length T.
    var length: Int { get }
    init(length: Int) throws
}

extension LengthOnlyTask {
    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        try self.init(length: s.int("length"))
    }

    public var settings: [String: String] { ["length": String(length)] }
}
