import Foundation
import Testing
import UnrollEngine
@testable import UnrollTasks

@Suite("Adding problems")
struct AddingTests {
    /// Mean of (answer − target)² for a constant answer.
    func meanSquare(_ targets: [Double], around answer: Double) -> Double {
        var sum = 0.0
        for t in targets { sum += (answer - t) * (answer - t) }
        return sum / Double(max(targets.count, 1))
    }

    @Test func twoMarkersOneInEachHalfAndTheTargetIsTheirSum() throws {
        for T in [2, 3, 11, 100] {
            let task = try AddingTask(length: T)
            for e in try task.examples(count: 200, seed: 3, split: .train) {
                let rows = vectors(e)
                #expect(rows.count == T)
                #expect(rows.allSatisfy { (0..<1).contains($0[0]) && ($0[1] == 0 || $0[1] == 1) })
                let marked = rows.indices.filter { rows[$0][1] == 1 }
                #expect(marked.count == 2)
                guard marked.count == 2 else { continue }
                #expect(marked[0] < T / 2 && marked[1] >= T / 2)
                let target = try #require(values(e).last?.first)
                #expect(abs(target - (rows[marked[0]][0] + rows[marked[1]][0])) < 1e-12)
            }
        }
    }

    @Test func alwaysAnsweringOneGivesMSEOneSixth() throws {
        let task = try AddingTask(length: 20)
        let batch = try task.examples(count: 10_000, seed: 2024, split: .train)
        let targets: [Double] = batch.compactMap { values($0).last?.first }
        let mse = meanSquare(targets, around: 1)
        #expect(abs(mse - 1.0 / 6.0) < 0.005)
        #expect(abs((task.baselineLoss ?? 0) - 1.0 / 6.0) < 1e-12)
    }

    @Test func anAnswerIsCorrectWithin004() throws {
        let task = try AddingTask(length: 10)
        let e = try #require(try task.examples(count: 1, seed: 5, split: .test).first)
        let target = try #require(values(e).last?.first)
        let close = Array(repeating: [0.0], count: 9) + [[target + 0.039]]
        let far = Array(repeating: [target], count: 9) + [[target - 0.041]]
        #expect(counts(task.score(readouts: close, example: e)) == [1, 1])
        #expect(counts(task.score(readouts: far, example: e)) == [0, 1])
        #expect(task.inputLabels(for: e).filter { $0.hasSuffix("*") }.count == 2)
    }

    @Test func hs97MarkersTargetAndEndMarkersFollowThePaper() throws {
        let T = 40
        let task = try AddingHS97Task(length: T)
        var sawStepZeroMarked = false
        for e in try task.examples(count: 500, seed: 11, split: .train) {
            let rows = vectors(e)
            #expect(rows.count == T)
            #expect(rows.allSatisfy { $0[0] >= -1 && $0[0] < 1 })
            let marked = rows.indices.filter { rows[$0][1] == 1 }
            #expect(marked.count == 2)
            guard marked.count == 2 else { continue }
            #expect(marked[0] < 10, "one marker among the first ten steps")
            #expect(marked[1] < T / 2, "both markers within the first half")
            if !marked.contains(0) { #expect(rows[0][1] == -1) } else {
                sawStepZeroMarked = true
                #expect(rows[0][0] == 0, "a marked first step has its value set to 0")
            }
            #expect(rows[T - 1][1] == -1)
            #expect(rows.dropFirst().dropLast().allSatisfy { $0[1] != -1 })
            let target = try #require(values(e).last?.first)
            #expect(abs(target - (0.5 + (rows[marked[0]][0] + rows[marked[1]][0]) / 4)) < 1e-12)
            #expect(target >= 0 && target <= 1)
        }
        #expect(sawStepZeroMarked)
    }

    @Test func hs97BaselineMatchesTheMeasuredMSEOfAnsweringOneHalf() throws {
        let task = try AddingHS97Task(length: 100)
        let batch = try task.examples(count: 10_000, seed: 99, split: .train)
        let targets: [Double] = batch.compactMap { values($0).last?.first }
        let mse = meanSquare(targets, around: 0.5)
        let baseline = try #require(task.baselineLoss)
        #expect(abs(mse - baseline) < 0.002)
        #expect(abs(baseline - 0.0396) < 0.001)
    }

    @Test func hs97VariableLengthsArePaddedWithTheMaskOnEachLastRealStep() throws {
        let task = try AddingHS97Task(length: 50, variable: true)
        let batch = try task.examples(count: 60, seed: 4, split: .train)
        let longest = try #require(batch.first?.length)
        var realLengths = Set<Int>()
        for e in batch {
            #expect(e.length == longest)
            let mask = try #require(e.mask)
            #expect(mask.filter { $0 == 1 }.count == 1)
            let last = try #require(mask.firstIndex(of: 1))
            let real = last + 1
            realLengths.insert(real)
            #expect((50...55).contains(real))
            let rows = vectors(e)
            #expect(rows[last][1] == -1 || rows[last][1] == 1)
            #expect(rows[real...].allSatisfy { $0 == [0, 0] })
        }
        #expect(realLengths.count > 1)
        #expect(task.shape.length == nil && task.shape.scoring == .mask)
    }
}
