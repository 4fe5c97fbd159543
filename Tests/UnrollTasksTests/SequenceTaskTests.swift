import Foundation
import Testing
import UnrollEngine
@testable import UnrollTasks

@Suite("Sine and seq2seq")
struct SequenceTaskTests {
    @Test func sineTargetsAreTheNextValues() throws {
        let task = try SineTask(length: 30, minPeriod: 8, maxPeriod: 16)
        let batch = try task.examples(count: 20, seed: 2, split: .train)
        let waves = try task.waves(count: 20, seed: 2, split: .train)
        for (e, wave) in zip(batch, waves) {
            let x = vectors(e).map { $0[0] }, y = values(e).map { $0[0] }
            #expect(Array(x.dropFirst()) == Array(y.dropLast()))
            #expect((8...16).contains(wave.period))
            #expect(abs(y[29] - wave.value(at: 30)) < 1e-12)
            #expect(x.allSatisfy { abs($0) <= 1 })
        }
        #expect(Set(waves.map(\.period)).count == 20)
        let noisy = try SineTask(length: 30, noise: 0.1)
        let e = try #require(try noisy.examples(count: 1, seed: 2, split: .train).first)
        let x = vectors(e).map { $0[0] }, y = values(e).map { $0[0] }
        #expect(Array(x.dropFirst()) != Array(y.dropLast()), "noise goes on the inputs only")
    }

    @Test func freeRunFeedsPredictionsBackIn() {
        var calls: [Double] = []
        let generated = SineTask.freeRun(prime: [0, 1, 2], steps: 3) { x in calls.append(x); return x + 1 }
        #expect(generated == [3, 4, 5])
        #expect(calls == [0, 1, 2, 3, 4])
        let unprimed = SineTask.freeRun(prime: [], steps: 2) { x in x * 2 + 1 }
        #expect(unprimed == [1, 3])
        #expect(SineTask.freeRun(prime: [1], steps: 0) { $0 }.isEmpty)
    }

    @Test func seq2seqTargetsAreTheReversedSourcesWithGoAndEos() throws {
        let task = try Seq2SeqTask()
        #expect(task.vocabulary == ["a", "b", "c", "d", "e", "f", "<go>", "<eos>"])
        let pairs = try task.pairs(count: 100, seed: 1, split: .train)
        let batch = try task.examples(count: 100, seed: 1, split: .train)
        for (p, e) in zip(pairs, batch) {
            #expect((3...6).contains(p.source.count))
            #expect(p.target == Array(p.source.reversed()))
            #expect(p.encoderInput == p.source)
            #expect(p.decoderInput == [task.goSymbol] + p.target)
            #expect(p.decoderTarget == p.target + [task.eosSymbol])
            let n = p.source.count
            let mask = try #require(e.mask)
            #expect(Array(mask.prefix(n)) == Array(repeating: 0, count: n))
            #expect(Array(mask[n..<(2 * n + 1)]) == Array(repeating: 1, count: n + 1))
            #expect(mask[(2 * n + 1)...].allSatisfy { $0 == 0 })
            #expect(Array(symbols(e).prefix(2 * n + 1)) == p.source + [task.goSymbol] + p.target)
            #expect(Array(classes(e)[n..<(2 * n + 1)]) == p.decoderTarget)
        }
        let e = batch[0]
        #expect(task.exactMatch(readouts: confident(classes(e), size: 8), example: e))
        var wrong = classes(e)
        let n = pairs[0].source.count
        wrong[n] = (wrong[n] + 1) % 8
        #expect(!task.exactMatch(readouts: confident(wrong, size: 8), example: e))
        #expect(counts(task.score(readouts: confident(wrong, size: 8), example: e)) == [n, n + 1])
    }

    @Test func seq2seqReverseSourceCopyModeAndHeldOutStrings() throws {
        let reversed = try Seq2SeqTask(mode: .reverse, reverseSource: true)
        for p in try reversed.pairs(count: 30, seed: 4, split: .train) {
            #expect(p.encoderInput == Array(p.source.reversed()))
            #expect(p.encoderInput == p.target, "reversed source, reversed target: the first word out is the last in")
        }
        let copy = try Seq2SeqTask(mode: .copy, minLength: 2, maxLength: 2, letters: 3)
        #expect(copy.shape.length == 5)
        for p in try copy.pairs(count: 30, seed: 4, split: .train) { #expect(p.target == p.source) }
        let task = try Seq2SeqTask()
        let train = Set(try task.pairs(count: 2_000, seed: 1, split: .train).map(\.source))
        let test = Set(try task.pairs(count: 500, seed: 1, split: .test).map(\.source))
        #expect(train.isDisjoint(with: test))
        #expect(test.count > 100)
        #expect(test.allSatisfy(task.isHeldOut) && !train.contains(where: task.isHeldOut))
        #expect(throws: TaskError.self) { try Seq2SeqTask(minLength: 5, maxLength: 3) }
    }
}
