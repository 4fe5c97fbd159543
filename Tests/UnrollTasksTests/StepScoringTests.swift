import Foundation
import Testing
import UnrollEngine
@testable import UnrollTasks

/// Per-step correctness (what the screen marks and `export` writes as `correct`) must count
/// exactly what `score` counts, for every task's own rule.
@Suite("Per-step correctness and marks")
struct StepScoringTests {
    @Test func stepCorrectnessAgreesWithScoreOnEveryTask() throws {
        let data = lessonsDataDirectory()
        for name in TaskCatalog.names {
            let task = try TaskCatalog.make(name, settings: name == "adding" || name == "adding-hs97" ? ["length": "12"] : [:],
                                            dataDirectory: data)
            var rng = SeededRandom(seed: 5)
            for e in try task.examples(count: 6, seed: 3, split: .test) {
                let O = task.shape.outputSize
                // Random read-outs, and for regression ones close to the target half of the time,
                // so both right and wrong steps occur.
                let readouts: [[Double]] = (0..<e.length).map { t in
                    if case .values(let v) = e.target, rng.bernoulli(0.5) { return v[t].map { $0 + rng.uniform(-0.01, 0.01) } }
                    return (0..<O).map { _ in rng.normal() * 3 }
                }
                let steps = task.stepCorrectness(readouts: readouts, example: e)
                let s = task.score(readouts: readouts, example: e)
                #expect(steps.count == e.length, "\(name)")
                #expect(steps.compactMap { $0 }.count == s.total, "\(name): scored steps")
                #expect(steps.filter { $0 == true }.count == s.correct, "\(name): correct steps")
            }
        }
    }

    @Test func unscoredStepsAreNilAndScoredOnesFollowTheRule() throws {
        let task = try AddingTask(length: 4)
        let e = Example(input: .vectors([[0.5, 1], [0.1, 0], [0.25, 1], [0.3, 0]]), target: .values(Array(repeating: [0.75], count: 4)),
                        mask: [0, 0, 0, 1])
        #expect(task.stepCorrectness(readouts: [[0], [0], [0], [0.76]], example: e) == [nil, nil, nil, true])
        #expect(task.stepCorrectness(readouts: [[0], [0], [0], [0.8]], example: e) == [nil, nil, nil, false], "0.05 off is outside 0.04")
    }

    @Test func addingMarksAreSeparateFromTheValues() throws {
        let e = Example(input: .vectors([[0.95, 1], [0.1, 0], [0.2, -1]]), target: .values([[0], [0], [0]]), mask: [0, 0, 1])
        #expect(try AddingTask(length: 3).inputMarks(for: e) == ["*", "", "|"])
        #expect(try AddingTask(length: 3).inputLabels(for: e) == ["0.95*", "0.10", "0.20|"])
        #expect(try SineTask().inputMarks(for: Example(input: .vectors([[1]]), target: .values([[1]]))) == [""])
    }

    @Test func reberLegalSetsFollowAGeneratedStringUntilItLeavesTheGrammar() throws {
        let task = try ReberTask()
        let (B, T, P, S, X, E) = (0, 1, 2, 3, 4, 6)
        // After B T the grammar allows S or X, so the second T leaves it.
        let legal = task.legalNextSymbols(for: Example(input: .symbols([B, T, T, S]), target: .classes([0, 0, 0, 0])))
        #expect(legal.count == 4)
        #expect(legal[0] == [T, P])
        #expect(legal[1] == [S, X])
        #expect(legal[2] == nil && legal[3] == nil, "from the first illegal symbol on there is no legal set")
        let padded = task.legalNextSymbols(for: Example(input: .symbols([B, T, S, E]), target: .classes([0, 0, 0, 0]), mask: [1, 1, 0, 0]))
        #expect(padded[0] == [T, P] && padded[1] == [S, X] && padded[2] == nil && padded[3] == nil)
    }

    @Test func reberThresholdRuleIsAvailableWhateverTheTaskRule() throws {
        let task: any ReberSequenceTask = try ReberTask(rule: .argmax, threshold: 0.3)
        let coinFlip = [-9.0, 2, 2, -9, -9, -9, -9]  // T and P equally likely
        #expect(task.isCorrect(row: coinFlip, legal: [1, 2], rule: .threshold))
        #expect(!task.isCorrect(row: [-9.0, 4, 0, -9, -9, -9, -9], legal: [1, 2], rule: .threshold), "P below 0.3")
        #expect(task.isCorrect(row: [-9.0, 4, 0, -9, -9, -9, -9], legal: [1, 2], rule: nil), "argmax T is legal")
        #expect(task.threshold == 0.3)
    }
}
