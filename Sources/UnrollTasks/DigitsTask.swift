import Foundation
import UnrollIO
import UnrollEngine

/// The UCI optical-recognition 8×8 handwritten digits, as shipped by scikit-learn.
///
/// File layout (`digits.csv`): one image per line, 65 comma-separated integers — 64 pixel values
/// 0…16 row by row (8 rows of 8), then the label 0…9. Blank lines are ignored.
public struct DigitsDataset: Sendable, Equatable {
    /// The file name inside the data directory.
    public static let fileName = "digits.csv"
    /// Pixels per image (8 × 8).
    public static let pixelCount = 64

    /// Images: 64 pixel values 0…16 each, row-major.
    public let images: [[Int]]
    /// Labels 0…9, one per image.
    public let labels: [Int]

    /// Number of images.
    public var count: Int { images.count }

    /// Reads `digits.csv` from the data directory; a missing or malformed file throws
    /// `TaskError.dataFile` naming the file (and line).
    public static func load(from directory: URL) throws -> DigitsDataset {
        let url = directory.appendingPathComponent(fileName)
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw TaskError.dataFile(path: path, line: nil, reason: "file not found")
        }
        // Parsed once per file version: every model change on screen builds a new task.
        let stamp = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(path)@\(stamp)"
        if let cached = DigitsCache.shared.get(key) { return cached }
        let parsed = try parse(url: url, path: path)
        DigitsCache.shared.set(key, parsed)
        return parsed
    }

    static func parse(url: URL, path: String) throws -> DigitsDataset {
        let data: Data
        switch RegularFile.read(url.path, limit: 64 << 20) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let e): throw TaskError.dataFile(path: path, line: nil, reason: "cannot be read (\(e.message))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TaskError.dataFile(path: path, line: nil, reason: "is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// A field made only of 1…6 ASCII digits, parsed without Foundation (the common case;
    /// anything else goes through the careful path).
    static func plainInteger(_ field: Substring) -> Int? {
        let bytes = field.utf8
        guard !bytes.isEmpty, bytes.count <= 6 else { return nil }
        var v = 0
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }

    /// Parses the CSV text; `path` is only used in error messages.
    public static func parse(_ text: String, path: String) throws -> DigitsDataset {
        var images: [[Int]] = []
        var labels: [Int] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == pixelCount + 1 else {
                throw TaskError.dataFile(path: path, line: lineNumber,
                                         reason: "expected \(pixelCount + 1) comma-separated values (64 pixels and a label), found \(fields.count)")
            }
            var values: [Int] = []
            values.reserveCapacity(fields.count)
            for (column, field) in fields.enumerated() {
                if let v = plainInteger(field) { values.append(v); continue }
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                // scikit-learn's file holds integers; accept "3.0" too, but nothing fractional.
                guard let v = Int(trimmed) ?? Double(trimmed).flatMap({ $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }) else {
                    throw TaskError.dataFile(path: path, line: lineNumber,
                                             reason: "value '\(trimmed)' in column \(column + 1) is not a whole number")
                }
                values.append(v)
            }
            let pixels = Array(values.prefix(pixelCount))
            if let bad = pixels.firstIndex(where: { !(0...16).contains($0) }) {
                throw TaskError.dataFile(path: path, line: lineNumber,
                                         reason: "pixel \(pixels[bad]) in column \(bad + 1) is outside 0…16")
            }
            let label = values.last ?? -1
            guard (0...9).contains(label) else {
                throw TaskError.dataFile(path: path, line: lineNumber, reason: "label \(label) is outside 0…9")
            }
            images.append(pixels)
            labels.append(label)
        }
        guard !images.isEmpty else {
            throw TaskError.dataFile(path: path, line: nil, reason: "contains no images")
        }
        return DigitsDataset(images: images, labels: labels)
    }

    /// How many images carry each label 0…9.
    public var labelCounts: [Int] {
        var counts = Array(repeating: 0, count: 10)
        for l in labels where counts.indices.contains(l) { counts[l] += 1 }
        return counts
    }
}

/// `digits`: classify 8×8 handwritten digits read one pixel row per step.
///
/// T = 8 steps, I = 8 (pixel / 16, in [0, 1]), 10 classes read at the last step. The split is
/// fixed by `split_seed` (independent of the example seed): a seeded shuffle of all images, the
/// first `train` go to the training split and the rest (297 by default) are held out.
/// `examples(count:seed:split:)` returns the split's images in a seed-shuffled order, cycling
/// when `count` exceeds the split; `allExamples(split:)` returns each image once, in file order.
public struct DigitsTask: SequenceTask {
    public static let name = "digits"
    public static let summary = "classify 8x8 handwritten digits (UCI) read one pixel row per step"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("train", .integer(1...100_000), default: "1500", "images in the training split; the rest are held out"),
        SettingSpec("split_seed", .integer(0...Int.max), default: "0", "seed of the fixed train/test split"),
    ]
    /// Class names "0"…"9".
    public static let classNames = (0...9).map(String.init)

    /// The loaded images.
    public let dataset: DigitsDataset
    /// Training-split size.
    public let trainCount: Int
    /// Seed of the fixed split.
    public let splitSeed: UInt64
    /// Image indices of the training split, and of the test split (each ascending).
    public let trainIndices: [Int], testIndices: [Int]

    /// A digits task over a loaded dataset; `trainCount` must leave at least one test image.
    public init(dataset: DigitsDataset, trainCount: Int = 1500, splitSeed: UInt64 = 0) throws {
        guard (1..<dataset.count).contains(trainCount) else {
            throw TaskError.badSetting(task: Self.name, setting: "train", value: String(trainCount),
                                       reason: "train must be 1…\(dataset.count - 1) for \(dataset.count) images")
        }
        self.dataset = dataset
        self.trainCount = trainCount
        self.splitSeed = splitSeed
        var order = Array(0..<dataset.count)
        var rng = SeededRandom(seed: TaskStreams.mix(splitSeed ^ TaskStreams.fnv1a("digits-split")))
        rng.shuffle(&order)
        trainIndices = order.prefix(trainCount).sorted()
        testIndices = order.dropFirst(trainCount).sorted()
    }

    /// Loads `digits.csv` from the data directory, then splits it.
    public init(dataDirectory: URL, trainCount: Int = 1500, splitSeed: UInt64 = 0) throws {
        try self.init(dataset: DigitsDataset.load(from: dataDirectory), trainCount: trainCount, splitSeed: splitSeed)
    }

    public init(settings: [String: String], dataDirectory: URL?) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        guard let directory = dataDirectory else {
            throw TaskError.needsDataDirectory(task: Self.name, file: DigitsDataset.fileName)
        }
        try self.init(dataDirectory: directory, trainCount: s.int("train"), splitSeed: UInt64(max(s.int("split_seed"), 0)))
    }

    public var settings: [String: String] { ["train": String(trainCount), "split_seed": String(splitSeed)] }

    public var shape: TaskShape {
        TaskShape(input: .dense(size: 8), outputSize: 10, outputNames: Self.classNames, loss: .crossEntropy,
                  scoring: .lastStep, length: 8)
    }

    /// Cross-entropy of predicting the training split's class prior (≈ ln 10 ≈ 2.30).
    public var baselineLoss: Double? {
        var counts = Array(repeating: 0.0, count: 10)
        for i in trainIndices { if let l = dataset.labels.element(at: i), counts.indices.contains(l) { counts[l] += 1 } }
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        return -counts.filter { $0 > 0 }.map { ($0 / total) * Foundation.log($0 / total) }.reduce(0, +)
    }

    /// Image indices of a split.
    public func indices(of split: Split) -> [Int] { split == .train ? trainIndices : testIndices }

    /// The example for image `index`: 8 rows of 8 pixels / 16, label at the last step.
    public func example(image index: Int) -> Example? {
        guard let pixels = dataset.images.element(at: index), pixels.count == 64,
              let label = dataset.labels.element(at: index) else { return nil }
        let rows = (0..<8).map { r in (0..<8).map { c in Double(pixels[r * 8 + c]) / 16.0 } }
        return Example(input: .vectors(rows), target: .classes(Array(repeating: label, count: 8)),
                       mask: ExampleBuilder.lastStepMask(8))
    }

    /// Every image of a split once, in file order (for held-out accuracy).
    public func allExamples(split: Split) -> [Example] {
        indices(of: split).compactMap { example(image: $0) }
    }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        let pool = indices(of: split)
        guard !pool.isEmpty else { return [] }
        var result: [Example] = []
        result.reserveCapacity(count)
        while result.count < count {
            var order = pool
            rng.shuffle(&order)
            let before = result.count
            for i in order.prefix(count - result.count) {
                if let e = example(image: i) { result.append(e) }
            }
            if result.count == before { break }
        }
        return result
    }

    /// Each pixel row as 8 shade characters from " .:-=+*#%@" (blank = 0, @ = 16).
    public func inputLabels(for example: Example) -> [String] {
        guard case .vectors(let rows) = example.input else { return [] }
        let ramp = Array(" .:-=+*#%@")
        return rows.map { row in
            String(row.map { x in
                let v = x.isFinite ? x : 0
                return ramp[Swift.min(Swift.max(Int((v * 9).rounded()), 0), ramp.count - 1)]
            })
        }
    }
}


/// Parsed digit files, shared across tasks (loading is the slow part of building the task).
final class DigitsCache: @unchecked Sendable {
    static let shared = DigitsCache()
    private var entries: [String: DigitsDataset] = [:]
    private let lock = NSLock()

    func get(_ key: String) -> DigitsDataset? { lock.withLock { entries[key] } }
    func set(_ key: String, _ value: DigitsDataset) { lock.withLock { entries = [key: value] } }
}
