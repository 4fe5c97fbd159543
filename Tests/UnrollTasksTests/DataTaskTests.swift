import Foundation
import Testing
import UnrollEngine
@testable import UnrollTasks

@Suite("Digits and text, read from lessons/data")
struct DataTaskTests {
    @Test func digitsLoadAllRowsWithPixelRangeAndLabelCounts() throws {
        let data = try DigitsDataset.load(from: lessonsDataDirectory())
        #expect(data.count == 1797)
        #expect(data.images.allSatisfy { $0.count == 64 && $0.allSatisfy { (0...16).contains($0) } })
        #expect(data.images.flatMap { $0 }.max() == 16)
        #expect(data.labelCounts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        // First image of the UCI file is a zero.
        #expect(data.labels.first == 0)
        #expect(data.images.first?.prefix(8) == [0, 0, 5, 13, 9, 1, 0, 0])
    }

    @Test func digitsSplitIsFixedDisjointAndComplete() throws {
        let task = try DigitsTask(dataDirectory: lessonsDataDirectory())
        #expect(task.trainIndices.count == 1500 && task.testIndices.count == 297)
        #expect(Set(task.trainIndices).isDisjoint(with: task.testIndices))
        #expect(Set(task.trainIndices + task.testIndices) == Set(0..<1797))
        let again = try DigitsTask(dataDirectory: lessonsDataDirectory())
        #expect(again.testIndices == task.testIndices)
        let otherSplit = try DigitsTask(dataDirectory: lessonsDataDirectory(), splitSeed: 1)
        #expect(otherSplit.testIndices != task.testIndices)
        let test = task.allExamples(split: .test)
        #expect(test.count == 297)
        let e = try #require(test.first)
        #expect(e.length == 8 && vectors(e).allSatisfy { $0.count == 8 && $0.allSatisfy { (0...1).contains($0) } })
        let index = task.testIndices[0]
        #expect(vectors(e)[1][3] == Double(task.dataset.images[index][11]) / 16)
        #expect(classes(e).last == task.dataset.labels[index])
        #expect(task.inputLabels(for: e).allSatisfy { $0.count == 8 })
        // Drawn test examples come only from held-out images.
        let heldOut = Set(test.map { vectors($0) })
        #expect(try task.examples(count: 400, seed: 3, split: .test).allSatisfy { heldOut.contains(vectors($0)) })
        #expect(abs((task.baselineLoss ?? 0) - Foundation.log(10)) < 0.01)
        #expect(throws: TaskError.self) { try DigitsTask(dataset: task.dataset, trainCount: 1797) }
    }

    @Test func digitsFileProblemsGiveClearErrors() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("digits.csv")
        // Missing file.
        do {
            _ = try DigitsDataset.load(from: dir)
            Issue.record("expected an error")
        } catch let error as TaskError {
            #expect(error == .dataFile(path: file.path, line: nil, reason: "file not found"))
            #expect(error.description.contains("digits.csv"))
        }
        let good = (Array(repeating: "0", count: 64) + ["3"]).joined(separator: ",")
        let cases: [(text: String, line: Int, mentions: String)] = [
            ([good, good, "1,2,3"].joined(separator: "\n"), 3, "found 3"),
            ([good, good.replacingOccurrences(of: "0,0,0", with: "0,x,0")].joined(separator: "\n"), 2, "'x'"),
            ([good, "", (Array(repeating: "17", count: 64) + ["3"]).joined(separator: ",")].joined(separator: "\n"), 3, "0…16"),
            ((Array(repeating: "1", count: 64) + ["12"]).joined(separator: ","), 1, "label 12"),
        ]
        for c in cases {
            try c.text.write(to: file, atomically: true, encoding: .utf8)
            do {
                _ = try DigitsDataset.load(from: dir)
                Issue.record("expected an error for line \(c.line)")
            } catch let error as TaskError {
                guard case .dataFile(let path, let line, _) = error else { Issue.record("wrong error \(error)"); continue }
                #expect(path == file.path)
                #expect(line == c.line)
                #expect(error.description.contains("line \(c.line)") && error.description.contains(c.mentions))
            }
        }
        try "".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: TaskError.self) { try DigitsDataset.load(from: dir) }
        try (good + "\r\n" + good + "\r\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try DigitsDataset.load(from: dir).count == 2)
        #expect(throws: TaskError.needsDataDirectory(task: "digits", file: "digits.csv")) {
            try TaskCatalog.make("digits")
        }
    }

    @Test func textWindowsPredictTheNextCharacterAndTestWindowsComeFromTheEnd() throws {
        let task = try TextTask(dataDirectory: lessonsDataDirectory())
        #expect(task.characters.count > 3_000)
        #expect(task.vocabulary.contains("\n") && task.vocabulary.contains(" ") && !task.vocabulary.contains("S"))
        #expect(task.symbolNames.contains("↵"))
        let trainText = String(task.characters[..<task.testStart])
        let testText = String(task.characters[task.testStart...])
        for e in try task.examples(count: 50, seed: 1, split: .train) {
            #expect(e.length == 25)
            #expect(Array(symbols(e).dropFirst()) == Array(classes(e).dropLast()))
            #expect(trainText.contains(task.decode(symbols(e) + [classes(e).last ?? 0])))
        }
        for e in try task.examples(count: 50, seed: 1, split: .test) {
            #expect(testText.contains(task.decode(symbols(e) + [classes(e).last ?? 0])))
        }
        #expect(task.decode(task.encode("Shall I")) == "shall i")
        let baseline = try #require(task.baselineLoss)
        #expect(baseline > 2 && baseline < Foundation.log(Double(task.vocabulary.count)))
        #expect(throws: TaskError.self) { try TextTask(text: "too short", length: 25) }
        #expect(throws: TaskError.self) { try TextTask(settings: [:], dataDirectory: nil) }
        #expect(throws: TaskError.self) { try TextTask(dataDirectory: try temporaryDirectory()) }
    }
}
