import Foundation
import Testing
import UnrollEngine

/// Input and target CSV files: what they may look like, and file:line errors when they are wrong.
struct SequenceCSVTests {
    static let dense = ModelConfig(cell: .rnn, inputSize: 2, hiddenSize: 3, outputSize: 2)
    static let symbols = ModelConfig(cell: .lstm, inputSize: 5, hiddenSize: 3, outputSize: 4, inputEncoding: .embedding,
                                     embeddingSize: 2, loss: .crossEntropy)

    /// Writes `text` to a fresh file named `name` and passes its path.
    static func withFile<T>(_ text: String, name: String = "x.csv", _ body: (String) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    @Test func readsCommasSpacesCRLFHeadersAndComments() throws {
        for text in ["1,2\n3,4\n", "1, 2\r\n3 ,4\r\n", "x1,x2\n1,2\n\n3,4", "# np.savetxt\n1.0e+00 2.0e+00\n3\t4\n", "\u{FEFF}1,2\r3,4"] {
            let input = try Self.withFile(text) { try SequenceCSV.input(path: $0, for: Self.dense) }
            #expect(input == .vectors([[1, 2], [3, 4]]), "\(text.debugDescription)")
        }
        let s = try Self.withFile("2\n0\n4.000000000000000000e+00\n") { try SequenceCSV.input(path: $0, for: Self.symbols) }
        #expect(s == .symbols([2, 0, 4]))
    }

    @Test func targetsFollowTheLoss() throws {
        let values = try Self.withFile("0.5,1\n-1,2\n") { try SequenceCSV.target(path: $0, for: Self.dense, steps: 2) }
        #expect(values == .values([[0.5, 1], [-1, 2]]))
        let classes = try Self.withFile("3\n0\n1\n") { try SequenceCSV.target(path: $0, for: Self.symbols, steps: 3) }
        #expect(classes == .classes([3, 0, 1]))
        var last = Self.symbols
        last.lossAt = .lastStep
        let one = try Self.withFile("2\n") { try SequenceCSV.target(path: $0, for: last, steps: 3) }
        #expect(one == .classes([2, 2, 2]), "one row is the last step's target")
    }

    /// (what, text, model, target steps or nil for an input file, the message's end)
    static let bad: [(String, String, ModelConfig, Int?, String)] = [
        ("too few values", "1,2\n3\n", dense, nil, "x.csv:2: 1 value; the model reads I = 2 per step"),
        ("not a number", "1,2\n3,abc\n", dense, nil, "x.csv:2: column 2 holds 'abc', which is not a number"),
        ("empty value", "1,\n", dense, nil, "x.csv:1: column 2 is empty"),
        ("nan", "1,2\n\n# c\nnan,1\n", dense, nil, "x.csv:4: column 1 holds 'nan', not a finite number"),
        ("overflow", "1,1e999\n", dense, nil, "x.csv:1: column 2 holds '1e999', not a finite number"),
        ("no rows", "a,b\n\n", dense, nil, "x.csv: no rows of numbers (a sequence needs at least one step)"),
        ("empty file", "", dense, nil, "no rows"),
        ("symbol out of range", "1\n5\n", symbols, nil, "x.csv:2: symbol 5 is outside 0…4"),
        ("negative symbol", "-1\n", symbols, nil, "x.csv:1: symbol -1 is outside 0…4"),
        ("fractional symbol", "1.5\n", symbols, nil, "x.csv:1: 1.5 is not a whole number (a symbol index)"),
        ("two symbols on a row", "1,2\n", symbols, nil, "x.csv:1: 2 values; each row holds one symbol index (the model embeds its inputs)"),
        ("class out of range", "0\n4\n", symbols, 2, "x.csv:2: class 4 is outside 0…3"),
        ("wrong number of rows", "0\n1\n", symbols, 3, "x.csv: 2 rows of targets for 3 input steps (one per step)"),
        ("classes for mse", "1\n0\n", dense, 2, "x.csv:1: 1 value; the read-out has O = 2 (one class index per row needs the cross-entropy loss)"),
        ("not UTF-8", "1,2\n\u{FFFD}", dense, nil, "not UTF-8"),
    ]

    @Test(arguments: 0..<bad.count)
    func badFilesNameTheFileAndLine(index: Int) throws {
        let (what, text, cfg, steps, end) = Self.bad[index]
        var bytes = Array(text.utf8)
        if what == "not UTF-8" { bytes = Array("1,2\n".utf8) + [0xFF, 0xFE] }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            if let steps { _ = try SequenceCSV.target(path: path, for: cfg, steps: steps) } else { _ = try SequenceCSV.input(path: path, for: cfg) }
            Issue.record("\(what): loaded")
        } catch let e as ImportError {
            let shown = e.description.replacingOccurrences(of: dir.path + "/", with: "")
            #expect(shown.hasSuffix(end) || shown.contains(end), "\(what): \(shown)")
            #expect(e.file == path)
        }
    }

    @Test func tooManyStepsAreRefusedWhileReading() throws {
        let text = String(repeating: "1\n", count: EngineLimits.maxSteps + 1)
        let cfg = ModelConfig(cell: .rnn, inputSize: 1, hiddenSize: 2, outputSize: 1)
        let message = try Self.withFile(text) { path -> String in
            do { _ = try SequenceCSV.input(path: path, for: cfg); return "loaded" } catch { return "\(error)" }
        }
        #expect(message.contains(":\(EngineLimits.maxSteps + 1): more than \(EngineLimits.maxSteps) rows"), "\(message)")
    }
}
