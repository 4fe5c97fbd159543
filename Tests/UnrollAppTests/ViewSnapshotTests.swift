import Foundation
import Testing
import UnrollApp
import UnrollDraw
import UnrollLessons

/// The views of issue 9 as text at 80×24, 100×30 and 200×60: the probability rows and the
/// inspector's p_t, running free with its plot, the attention row, the digit, the embedding's
/// nearest words. Small models, so the snapshots are quick and exact.
struct ViewSnapshotTests {
    static let sizes = [(80, 24), (100, 30), (200, 60)]

    static func lesson(_ front: String, page: String) -> Lesson {
        try! LessonLoader().load(text: "---\ntitle: Views\n\(front)\n---\n\n## Page\n\nWhat the screen shows.\n\n\(page)\nclaim: T > 0\n", path: "views.md")
    }

    func snapshots(_ lesson: Lesson, keys: String = "", data: URL? = nil, name: String) throws {
        for (w, h) in Self.sizes {
            var s = AppState(lessons: [lesson], lessonIndex: 0, page: 0, dataDirectory: data, width: w, height: h)
            // Each key played to its end (training finishes before the next key).
            for k in try Key.parse(script: keys) { s = Update.finish(update(s, .key(k)).0) }
            AppTest.assertSnapshot(AppTest.lines(s), named: "\(name)-\(w)x\(h)")
        }
    }

    @Test func probabilitiesOfTheReberGrammar() throws {
        try snapshots(Self.lesson("model: {cell: lstm, hidden: 6, seed: 1}\ntask: {name: reber}", page: "focus: probability"), name: "p-reber")
    }

    @Test func helloRunningOnItsOwn() throws {
        let l = Self.lesson("model: {cell: lstm, hidden: 8, seed: 1}\ntask: {name: hello}\ntraining: {optimizer: adam, lr: 0.05, steps: 300}",
                            page: "focus: generation")
        try snapshots(l, keys: "tf", name: "free-hello")
    }

    @Test func theSinePlotted() throws {
        try snapshots(Self.lesson("model: {cell: lstm, hidden: 6, seed: 1}\ntask: {name: sine, length: 30}", page: "focus: output"), name: "plot-sine")
    }

    @Test func attentionAtTheCursor() throws {
        let l = Self.lesson("model: {cell: lstm, hidden: 6, seed: 1, attention: on}\ntask: {name: seq2seq}", page: "focus: attention\ncursor: last")
        try snapshots(l, name: "attention")
    }

    @Test func theDigitBesideTheRowRead() throws {
        let l = Self.lesson("model: {cell: lstm, hidden: 6, seed: 1}\ntask: {name: digits}", page: "cursor: 3")
        try snapshots(l, data: LessonWalkTests.data, name: "digits")
    }

    @Test func paddingStepsSayTheyArePadding() throws {
        // Example 2 of the variable-length adding problem has 10 real steps padded to 11.
        let l = Self.lesson("model: {cell: lstm, hidden: 6, seed: 1}\ntask: {name: adding-hs97, length: 10, variable: true}", page: "cursor: last")
        var s = AppState(lessons: [l], lessonIndex: 0, page: 0, dataDirectory: nil, width: 100, height: 30)
        var padded: [String] = []
        for _ in 0..<6 {
            let f = try #require(s.scene.panels[0].figures)
            if let p = f.paddedFrom {
                #expect(f.scored[p - 1] && !f.scored[p...].contains(true))
                let lines = AppTest.lines(s)
                // The timeline's part of the row (the inspector is right of the │).
                let x = try #require(lines.first { $0.hasPrefix("x_t") }?.split(separator: "│").first.map(String.init))
                #expect(x.components(separatedBy: "pad").count - 1 == f.steps - p, "one pad per padding step: \(x)")
                #expect(lines.contains { $0.contains(f.steps - p == 1 ? "step \(f.steps) is padding" : "are padding") })
                #expect(lines.contains { $0.contains("(padding)") }, "the inspector at the last step says padding")
                padded.append(x)
            } else {
                #expect(!AppTest.lines(s).contains { $0.contains("padding") })
            }
            s = update(s, .key(.char("e"))).0
        }
        #expect(!padded.isEmpty, "some held-out example is shorter than its batch")
    }

    @Test func nearestWordsOfTheEmbedding() throws {
        let l = Self.lesson("model: {cell: rnn, hidden: 6, seed: 1, encoding: embedding, embedding_size: 4}\ntask: {name: next-word, sentences: 2}",
                            page: "focus: embedding\ncursor: 3")
        try snapshots(l, name: "embedding")
    }
}
