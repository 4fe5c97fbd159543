import Foundation
import Testing
import TestSupport
import UnrollEngine
import UnrollLab
import UnrollLessons
import UnrollTasks

/// The numbers behind the probability row, accuracy, truncation cuts, embeddings and attention.
struct ViewFiguresTests {
    static let data = LessonLocator.dataDirectory(for: Fixtures.lessonsDirectory)

    func experiment(_ change: (inout ExperimentSettings) -> Void) throws -> Experiment {
        var s = ExperimentSettings()
        s.hidden = 6
        change(&s)
        return try Experiment(s, dataDirectory: Self.data)
    }

    @Test func probabilitiesAreTheSoftmaxAndGiveTheLossByHand() throws {
        let e = try experiment { $0.task = "hello" }
        let f = try e.figures()
        let p = try #require(f.probabilities)
        #expect(p.names == ["h", "e", "l", "o"])
        #expect(p.p.count == 4 && p.p.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 })
        #expect(p.targets == [1, 2, 2, 3])
        // ℓ_t = −log p_t[target_t], the engine's per-step loss.
        for t in 0..<4 { #expect(abs(-log(p.targetProbability[t]!) - f.stepLoss[t]) < 1e-12) }
        let top = p.top(4, at: 2)
        #expect(top.map(\.probability) == top.map(\.probability).sorted(by: >))
        #expect(top.filter(\.isTarget).map(\.name) == ["l"])
        #expect(top.allSatisfy { $0.isLegal == nil }, "hello has no grammar")
        #expect(p.top(2, at: 99).isEmpty)
        let sine = try experiment { $0.task = "sine" }
        #expect(try sine.figures().probabilities == nil, "no softmax for a regression")
    }

    @Test func correctnessPerStepFollowsTheTaskRuleAndAddsUpToTheAccuracy() throws {
        let e = try experiment { $0.task = "adding"; $0.taskSettings = ["length": "10"] }
        let f = try e.figures()
        let correct = f.correct
        #expect(correct.prefix(9).allSatisfy { $0 == nil }, "only the last step is scored")
        #expect(correct[9] != nil)
        let s = e.task.score(readouts: f.y, example: e.example)
        #expect(correct.compactMap { $0 }.filter { $0 }.count == s.correct)
    }

    @Test func reberShowsLegalSetsAndTheThresholdRule() throws {
        let e = try experiment { $0.task = "reber" }
        let f = try e.figures()
        let p = try #require(f.probabilities)
        let legal = try #require(p.legal)
        #expect(legal.count == f.steps)
        #expect(legal[0] == [1, 2], "after B: T or P")
        let reber = try #require(e.task as? any ReberSequenceTask)
        #expect(legal.compactMap { $0 } == reber.legalNextSets(for: e.example))
        let threshold = try #require(p.correctByThreshold)
        // Untrained, near-uniform over 7 symbols: nothing passes 0.3, so the threshold rule says wrong.
        #expect(threshold.compactMap { $0 }.allSatisfy { !$0 })
        let ranked = p.top(7, at: 0)
        #expect(ranked.filter { $0.isLegal == true }.map(\.name).sorted() == ["P", "T"])
    }

    @Test func truncationCutsAreWhereTheEngineStopsTheGradient() throws {
        #expect(TruncationCuts.steps(length: 20, window: 5) == [5, 10, 15])
        #expect(TruncationCuts.steps(length: 20, window: nil).isEmpty)
        #expect(TruncationCuts.steps(length: 20, window: 0).isEmpty)
        #expect(TruncationCuts.steps(length: 5, window: 5).isEmpty)
        #expect(TruncationCuts.steps(length: 6, window: 5) == [5])
        // The adding problem reads the loss at the last step only: with k = 5 the gradient reaches
        // the last chunk [15, 20) and nothing before its cut, so dh drops to exactly zero there.
        let full = try experiment { $0.task = "adding"; $0.taskSettings = ["length": "20"]; $0.cell = .lstm }
        let cut = try full.changed { $0.truncation = 5 }
        #expect(cut.truncationCuts(length: 20) == [5, 10, 15])
        let f = try cut.figures(), g = try full.figures()
        #expect(f.dh[15...].allSatisfy { $0 > 0 })
        #expect(f.dh[..<15].allSatisfy { $0 == 0 }, "no gradient crosses the cut at t = 15: \(f.dh)")
        #expect(f.dc![..<15].allSatisfy { $0 == 0 })
        #expect(g.dh[14] > 0, "without truncation it does")
        #expect(Array(f.dh[15...]) == Array(g.dh[15...]), "inside the last chunk nothing changes")
        // A loss at every step: each chunk keeps its own read-out gradients, but the recurrent
        // part stops at the cut, so dh just before a cut is the read-out's gradient alone.
        let sine = try experiment { $0.task = "sine"; $0.taskSettings = ["length": "12"]; $0.truncation = 4 }
        let s = try sine.figures()
        let trace = try Network.forward(sine.model, [sine.example])
        let back = Network.backward(sine.model, trace, options: .init(truncation: 4))
        #expect(s.dh == back.hiddenGradientNorms[0])
        for t in s.truncationCuts(window: 4) {
            // dL/dh_{t−1} = W_hyᵀ dy_{t−1} only.
            let dy = trace.outputGradients[t - 1].row(0)
            let W = sine.model.parameters.W_hy
            let readout = (0..<W.cols).map { j in (0..<W.rows).reduce(0.0) { $0 + W[$1, j] * dy[$1] } }
            #expect(abs(s.dh[t - 1] - Vector.norm(readout)) < 1e-12, "step \(t - 1) before the cut at \(t)")
        }
    }

    @Test func embeddingsAndTheirCosineMatrix() throws {
        let oneHot = try experiment { $0.task = "next-word" }
        #expect(oneHot.embeddings == nil)
        let e = try experiment { $0.task = "next-word"; $0.embeddingSize = 3 }
        let emb = try #require(e.embeddings)
        #expect(emb.names == NextWordTask.vocabulary)
        #expect(emb.vectors.count == 21 && emb.vectors.allSatisfy { $0.count == 3 })
        #expect(emb.cosine.count == 21)
        for i in 0..<21 {
            #expect(abs(emb.cosine[i][i] - 1) < 1e-12)
            for j in 0..<21 { #expect(emb.cosine[i][j] == emb.cosine[j][i]) }
        }
        // The claim language's cosine(a, b) = a·b / (‖a‖ ‖b‖), on the model's own table.
        let table = try #require(e.model.parameters.embedding).rowArrays
        let a = table[8], b = table[9]
        #expect(emb.cosine[8][9] == Vector.dot(a, b) / (Vector.norm(a) * Vector.norm(b)))
        #expect(EmbeddingFigures.cosine([0, 0], [1, 0]).isNaN)
    }

    @Test func attentionAsALabelledBlock() throws {
        let plain = try experiment { $0.task = "seq2seq"; $0.cell = .lstm }
        #expect(try plain.figures().attentionFigures == nil)
        let e = try plain.changed { $0.attention = true }
        let f = try e.figures()
        let a = try #require(f.attentionFigures)
        let encoder = f.scored.firstIndex(of: true)!
        #expect(a.rowSteps == Array(encoder..<f.steps).filter { f.scored[$0] })
        #expect(a.rowLabels.first == "<go>")
        #expect(a.columnSteps == Array(0..<a.rowSteps.last!))
        for (r, t) in a.rowSteps.enumerated() {
            #expect(abs(a.weights[r].reduce(0, +) - 1) < 1e-12, "row \(t) sums to 1")
            for (c, s) in a.columnSteps.enumerated() { #expect(a.weights[r][c] == f.attention![t][s]) }
        }
    }
}

extension ViewFiguresTests {
    @Test func denseSeriesForPlotsAndPictures() throws {
        let digits = try experiment { $0.task = "digits" }.figures()
        let image = try #require(digits.denseInputs)
        #expect(image.count == 8 && image.allSatisfy { $0.count == 8 && $0.allSatisfy { (0...1).contains($0) } })
        #expect(digits.denseTargets == nil)
        let adding = try experiment { $0.task = "adding"; $0.taskSettings = ["length": "5"] }.figures()
        let targets = try #require(adding.denseTargets)
        #expect(targets.prefix(4).allSatisfy { $0[0].isNaN } && targets[4][0].isFinite, "a gap where nothing is scored")
        #expect(try experiment { $0.task = "hello" }.figures().denseInputs == nil)
    }
}
