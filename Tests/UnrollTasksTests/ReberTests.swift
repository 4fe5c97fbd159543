import Foundation
import Testing
import UnrollEngine
@testable import UnrollTasks

@Suite("Reber grammars")
struct ReberTests {
    let reber = ReberGrammar.reber
    let embedded = ReberGrammar.embeddedReber

    func set(_ letters: String) -> Set<Int> { Set(ReberGrammar.encode(letters) ?? []) }

    @Test func handCheckedStringsAreAcceptedOrRejected() {
        for good in ["BTXSE", "BPVVE", "BTSSXXTVVE", "BPTVPSE", "BPVPXVVE", "BTXXVPSE"] {
            #expect(reber.isValid(good), "\(good) is a Reber string")
        }
        for bad in ["", "B", "BTXS", "BTXSEE", "BPE", "TXSE", "BTXSQ", "BTSXE", "BPVVVE", "BTTXSE", "btxse"] {
            #expect(!reber.isValid(bad), "\(bad) is not a Reber string")
        }
        for good in ["BTBTXSETE", "BPBPVVEPE", "BTBTSSXXTVVETE"] {
            #expect(embedded.isValid(good), "\(good) is an embedded Reber string")
        }
        for bad in ["BTXSE", "BTBTXSEPE", "BPBTXSETE", "BTBTXSET", "BTBTXSTE", "BBTXSETE"] {
            #expect(!embedded.isValid(bad), "\(bad) is not an embedded Reber string")
        }
    }

    @Test func legalNextSetsAndStatesOnAHandCheckedString() throws {
        let s = try #require(ReberGrammar.encode("BTSSXXTVVE"))
        let legal = try #require(reber.legalNextSets(after: s))
        // After the 2nd V the state is 5, where only E may follow.
        #expect(legal == ["TP", "SX", "SX", "SX", "SX", "TV", "TV", "PV", "E", ""].map(set))
        #expect(reber.states(after: s) == [0, 1, 1, 1, 3, 2, 2, 4, 5, 6])
        #expect(reber.legalNext(afterPrefix: []) == set("B"))
        #expect(reber.legalNext(afterPrefix: ReberGrammar.encode("BPV") ?? []) == set("PV"))
        #expect(reber.legalNext(afterPrefix: ReberGrammar.encode("BPX") ?? []) == nil)
    }

    @Test func embeddedLegalSetsRememberTheBranch() throws {
        #expect(embedded.legalNext(afterPrefix: ReberGrammar.encode("B") ?? []) == set("TP"))
        #expect(embedded.legalNext(afterPrefix: ReberGrammar.encode("BT") ?? []) == set("B"))
        #expect(embedded.legalNext(afterPrefix: ReberGrammar.encode("BTB") ?? []) == set("TP"))
        #expect(embedded.legalNext(afterPrefix: ReberGrammar.encode("BTBTXSE") ?? []) == set("T"))
        #expect(embedded.legalNext(afterPrefix: ReberGrammar.encode("BPBTXSE") ?? []) == set("P"))
        #expect(embedded.legalNext(afterPrefix: ReberGrammar.encode("BPBTXSEP") ?? []) == set("E"))
        #expect(embedded.legalNext(afterPrefix: ReberGrammar.encode("BPBTXSEPE") ?? []) == [])
        let states = try #require(embedded.states(after: ReberGrammar.encode("BPBTXSEPE") ?? []))
        #expect(states.map(embedded.stateName) == ["B", "P", "P:0", "P:1", "P:3", "P:5", "P:end", "PP", "end"])
    }

    @Test func everyGeneratedStringIsValidAndUsesBothBranches() throws {
        for task in [try ReberTask() as any ReberSequenceTask, try EmbeddedReberTask()] {
            let strings = try task.strings(count: 1_000, seed: 8, split: .train)
            #expect(strings.allSatisfy { task.grammar.isValid(symbols: $0) })
            #expect(strings.allSatisfy { $0.count <= (task.grammar.embedded ? 50 : 40) })
            #expect(strings.allSatisfy { $0.count >= task.grammar.minimumLength })
            if task.grammar.embedded {
                #expect(strings.allSatisfy { $0.count >= 2 && $0[1] == $0[$0.count - 2] })
                let branches = Dictionary(grouping: strings, by: { $0[1] }).mapValues(\.count)
                #expect(branches.count == 2 && branches.values.allSatisfy { $0 > 400 })
            } else {
                let second = Dictionary(grouping: strings, by: { $0[1] }).mapValues(\.count)
                #expect(second.keys.sorted() == [1, 2] && second.values.allSatisfy { $0 > 400 })
            }
        }
    }

    @Test func examplesArePaddedAndEveryTargetIsLegal() throws {
        let task = try EmbeddedReberTask()
        let strings = try task.strings(count: 30, seed: 3, split: .train)
        let batch = try task.examples(count: 30, seed: 3, split: .train)
        let longest = (strings.map(\.count).max() ?? 0) - 1
        for (s, e) in zip(strings, batch) {
            #expect(e.length == longest)
            let mask = try #require(e.mask)
            #expect(mask == Array(repeating: 1.0, count: s.count - 1) + Array(repeating: 0.0, count: longest - s.count + 1))
            #expect(Array(symbols(e).prefix(s.count - 1)) == Array(s.dropLast()))
            #expect(Array(classes(e).prefix(s.count - 1)) == Array(s.dropFirst()))
            let legal = task.legalNextSets(for: e)
            #expect(legal.count == s.count - 1)
            for (t, allowed) in legal.enumerated() { #expect(allowed.contains(classes(e)[t])) }
            #expect(task.states(for: e).count == s.count - 1)
            #expect(task.inputLabels(for: e).suffix(longest - s.count + 1).allSatisfy { $0 == "·" })
        }
    }

    @Test func accuracyJudgesTheLegalSet() throws {
        let task = try ReberTask()
        let threshold = try ReberTask(rule: .threshold, threshold: 0.3)
        let e = try #require(try task.examples(count: 1, seed: 12, split: .test).first)
        let T = e.length
        let actual = confident(classes(e), size: 7)
        #expect(counts(task.score(readouts: actual, example: e)) == [T, T])
        #expect(task.stringCorrect(readouts: actual, example: e))
        // Always predicting B is never legal after the first symbol.
        let alwaysB = confident(Array(repeating: 0, count: T), size: 7)
        #expect(counts(task.score(readouts: alwaysB, example: e)) == [0, T])
        // Equal scores on exactly the legal symbols: every step right under the threshold rule,
        // and still right when given as probabilities.
        let legal = task.legalNextSets(for: e)
        let spread = legal.map { allowed in (0..<7).map { allowed.contains($0) ? 3.0 : -3.0 } }
        #expect(counts(threshold.score(readouts: spread, example: e)) == [T, T])
        let probabilities = legal.map { allowed in (0..<7).map { allowed.contains($0) ? 1.0 / Double(allowed.count) : 0 } }
        #expect(counts(threshold.score(readouts: probabilities, example: e)) == [T, T])
        // Only the actual next symbol confident: wrong wherever two symbols were legal.
        let twoWay = legal.filter { $0.count == 2 }.count
        #expect(twoWay > 0)
        #expect(counts(threshold.score(readouts: actual, example: e)) == [T - twoWay, T])
    }
}
