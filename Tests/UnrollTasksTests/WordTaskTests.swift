import Foundation
import Testing
import UnrollEngine
@testable import UnrollTasks

@Suite("Word and character tasks")
struct WordTaskTests {
    @Test func nextWordTargetsAreTheFollowingWordsAndTestSentencesAreHeldOut() throws {
        let task = try NextWordTask()
        let vocab = NextWordTask.vocabulary
        #expect((15...25).contains(vocab.count))
        #expect(Set(vocab).count == vocab.count)
        let all = NextWordTask.sentences(in: .train) + NextWordTask.sentences(in: .test)
        #expect(all.count == 80)
        #expect(all.contains("i am learning recurrent neural networks .".split(separator: " ").map(String.init)))
        #expect(all.allSatisfy { $0.allSatisfy(vocab.contains) })
        func sentenceOf(_ e: Example) -> String {
            (symbols(e) + [classes(e).last ?? 0]).map { vocab[$0] }.joined(separator: " ")
        }
        let train = Set(try task.examples(count: 500, seed: 1, split: .train).map(sentenceOf))
        let test = Set(try task.examples(count: 500, seed: 1, split: .test).map(sentenceOf))
        #expect(train.isDisjoint(with: test))
        #expect(test.count == 16)
        #expect(train.count == 64)
        let two = try NextWordTask(sentences: 3)
        for e in try two.examples(count: 20, seed: 2, split: .train) {
            #expect(e.length == 20)
            #expect(Array(symbols(e).dropFirst()) == Array(classes(e).dropLast()))
            #expect(symbols(e)[6] == vocab.firstIndex(of: "."))
        }
    }

    @Test func helloIsHellToEllo() throws {
        let task = try HelloTask()
        let e = try #require(try task.examples(count: 1, seed: 0, split: .train).first)
        #expect(task.inputLabels(for: e).joined() == "hell")
        #expect(task.targetLabels(for: e).joined() == "ello")
        #expect(e.mask == [1, 1, 1, 1])
        let mixed = try HelloTask(words: ["hello", "hoe"])
        let batch = try mixed.examples(count: 40, seed: 1, split: .train)
        #expect(batch.allSatisfy { $0.length == 4 })
        let short = try #require(batch.first { $0.mask == [1, 1, 0, 0] })
        #expect(mixed.inputLabels(for: short) == ["h", "o", "·", "·"])
        #expect(mixed.shape.scoring == .mask)
        #expect(throws: TaskError.self) { try HelloTask(words: ["h"]) }
        #expect(throws: TaskError.self) { try HelloTask(words: []) }
    }

    @Test func sentimentPairsHaveIdenticalBagsAndOppositeLabels() throws {
        let task = SentimentOrderTask()
        let batch = try task.examples(count: 200, seed: 5, split: .train)
        for k in stride(from: 0, to: batch.count, by: 2) {
            let a = batch[k], b = batch[k + 1]
            #expect(symbols(a) != symbols(b))
            #expect(SentimentOrderTask.bagOfWords(a) == SentimentOrderTask.bagOfWords(b))
            let la = try #require(SentimentOrderTask.label(of: a)), lb = try #require(SentimentOrderTask.label(of: b))
            #expect(la != lb)
        }
        // Hence no classifier of the bag alone can be right on both members of a pair.
        var labelsByBag: [[Int]: Set<Int>] = [:]
        for e in batch { labelsByBag[SentimentOrderTask.bagOfWords(e), default: []].insert(SentimentOrderTask.label(of: e) ?? -1) }
        #expect(labelsByBag.values.allSatisfy { $0 == [0, 1] })
        let words = symbols(batch[0]).map { SentimentOrderTask.vocabulary[$0] }
        #expect(words.count == 9 && words.first == "the")
        #expect(counts(task.score(readouts: confident(classes(batch[0]), size: 2), example: batch[0])) == [1, 1])
    }

    @Test func sentimentLabelFollowsTheAdjectiveThatIsNotNegated() {
        let positive = SentimentOrderTask.sentence(noun: 0, pair: 0, template: 0, positive: true)
        #expect(positive.joined(separator: " ") == "the food was good , not bad at all")
        let negative = SentimentOrderTask.sentence(noun: 0, pair: 0, template: 0, positive: false)
        #expect(negative.joined(separator: " ") == "the food was bad , not good at all")
        let other = SentimentOrderTask.sentence(noun: 1, pair: 1, template: 1, positive: true)
        #expect(other.joined(separator: " ") == "the service was not awful , it was great")
    }

    @Test func sentimentTestCombinationsAreHeldOut() throws {
        let task = SentimentOrderTask()
        func combo(_ e: Example) -> [Int] { symbols(e).filter { s in
            let w = SentimentOrderTask.vocabulary[s]
            return SentimentOrderTask.nouns.contains(w) || ["good", "great", "tasty", "lovely"].contains(w)
        } }
        let train = Set(try task.examples(count: 400, seed: 1, split: .train).map(combo))
        let test = Set(try task.examples(count: 400, seed: 1, split: .test).map(combo))
        #expect(train.isDisjoint(with: test))
        #expect(!test.isEmpty && train.count == 15)
    }

    @Test func longRangeAnswerIsTheLanguageOfTheCountryFarBack() throws {
        for filler in [0, 7, 60] {
            let task = try LongRangeTask(filler: filler, languages: 5)
            #expect(task.shape.length == filler + 9)
            for e in try task.examples(count: 50, seed: 9, split: .train) {
                let words = symbols(e).map { LongRangeTask.vocabulary[$0] }
                #expect(words.count == filler + 9)
                #expect(Array(words.prefix(4)) == ["i", "grew", "up", "in"])
                #expect(Array(words.suffix(3)) == ["i", "speak", "fluent"])
                let label = try #require(classes(e).last)
                #expect(LongRangeTask.countries[label].country == words[4])
                #expect(label < 5)
                #expect(words[6..<(6 + filler)].allSatisfy(LongRangeTask.fillerWords.contains))
            }
        }
        #expect(throws: TaskError.self) { try LongRangeTask(filler: 9_992) }
        #expect(abs((try LongRangeTask(languages: 4).baselineLoss ?? 0) - Foundation.log(4)) < 1e-12)
    }

    @Test func temporalOrderHasTwoRelevantSymbolsInTheirWindows() throws {
        let task = try TemporalOrderTask(length: 100)
        #expect(task.firstWindow == 10...20 && task.secondWindow == 50...60)
        var seen = Set<Int>()
        for e in try task.examples(count: 400, seed: 4, split: .train) {
            let s = symbols(e)
            #expect(s.first == 4 && s.last == 5)
            let relevant = s.indices.filter { s[$0] == 6 || s[$0] == 7 }
            #expect(relevant.count == 2)
            guard relevant.count == 2 else { continue }
            #expect(task.firstWindow.contains(relevant[0]) && task.secondWindow.contains(relevant[1]))
            let expected = (s[relevant[0]] == 7 ? 2 : 0) + (s[relevant[1]] == 7 ? 1 : 0)
            #expect(classes(e).last == expected)
            seen.insert(expected)
        }
        #expect(seen == [0, 1, 2, 3])
    }
}
