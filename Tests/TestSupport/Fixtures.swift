import Foundation
import UnrollEngine

/// Paths to the data the tests read: the PyTorch reference cases and the repository's lessons.
public enum Fixtures {
    /// The folder of `unroll-case/1` reference files copied from the PyTorch oracle.
    public static var casesDirectory: URL {
        if let url = Bundle.module.url(forResource: "Fixtures/cases", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cases")
    }

    /// Every reference case file, sorted by name.
    public static var caseFiles: [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: casesDirectory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The folder of PyTorch models (safetensors) with their sequences and PyTorch's answers.
    public static var modelsDirectory: URL {
        if let url = Bundle.module.url(forResource: "Fixtures/models", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/models")
    }

    /// The model fixtures' names (NAME.safetensors, NAME.input.csv, NAME.target.csv, NAME.json), sorted.
    public static var modelNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(at: modelsDirectory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "safetensors" }.map { $0.deletingPathExtension().lastPathComponent }.sorted()
    }

    /// One model fixture: its files and the `trace --model` flags its JSON names.
    public struct Model: Sendable {
        public let name: String
        public var model: URL { Fixtures.modelsDirectory.appendingPathComponent("\(name).safetensors") }
        public var input: URL { Fixtures.modelsDirectory.appendingPathComponent("\(name).input.csv") }
        public var target: URL { Fixtures.modelsDirectory.appendingPathComponent("\(name).target.csv") }
        public var json: URL { Fixtures.modelsDirectory.appendingPathComponent("\(name).json") }
        public init(_ name: String) { self.name = name }

        /// The JSON's `flags` and `expected`.
        public func answers() throws -> (flags: [String], expected: [String: Any]) {
            let root = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any] ?? [:]
            return (root["flags"] as? [String] ?? [], root["expected"] as? [String: Any] ?? [:])
        }

        /// The flags as engine options (the same meaning `trace --model` gives them).
        public func options() throws -> ImportOptions {
            let flags = try answers().flags
            var o = ImportOptions()
            var i = 0
            while i + 1 < flags.count {
                let v = flags[i + 1]
                switch flags[i] {
                case "--loss": o.loss = LossKind(rawValue: v)
                case "--loss-at": o.lossAt = LossAt(rawValue: v)
                case "--activation": o.activation = Activation(rawValue: v)
                case "--cell": o.cell = CellKind(rawValue: v)
                case "--readout": o.readout = v
                case "--embedding": o.embedding = v
                default: break
                }
                i += 2
            }
            return o
        }
    }

    /// The repository root (found from this file's path).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The repository's `lessons/` folder.
    public static var lessonsDirectory: URL { repositoryRoot.appendingPathComponent("lessons") }
}
