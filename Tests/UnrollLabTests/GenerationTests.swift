import Foundation
import Testing
import TestSupport
import UnrollEngine
import UnrollLab
import UnrollLessons
import UnrollTasks

/// Free-running generation: the model's output at each step becomes its next input.
struct GenerationTests {
    static let data = LessonLocator.dataDirectory(for: Fixtures.lessonsDirectory)

    static func trained(_ change: (inout ExperimentSettings) -> Void) throws -> Experiment {
        var s = ExperimentSettings()
        s.cell = .lstm
        s.hidden = 16
        change(&s)
        var run = TrainingRun(try Experiment(s, dataDirectory: data))
        for _ in 0..<s.steps { try run.step() }
        return run.current
    }

    /// Lesson 5's model, trained as the lesson trains it.
    static let hello: Experiment = try! trained {
        $0.cell = .rnn; $0.hidden = 4; $0.task = "hello"; $0.learningRate = 0.05; $0.steps = 300; $0.batch = 1
    }

    @Test func helloFromHWritesEllo() throws {
        let g = try Self.hello.generate(prime: Self.hello.prime(from: "h"), length: 4)
        #expect(g.tokens == ["e", "l", "l", "o"])
        #expect(g.kind == .symbols && g.firstGeneratedStep == 0 && g.generatedSteps == 0..<4)
        // The unrolled sequence is the training word: input h e l l, targets e l l o.
        #expect(g.example.input == .symbols([0, 1, 2, 2]))
        #expect(g.example.target == .classes([1, 2, 2, 3]))
        #expect(g.distributions.count == 4 && g.distributions.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 })
    }

    @Test func theGeneratedSequenceUnrollsLikeAnyOtherAndAgreesWithTheWholeForwardPass() throws {
        let e = Self.hello
        let g = try e.generate(prime: .symbols([0, 1]), length: 6)
        let f = try e.figures(of: g.example)
        #expect(f.steps == 1 + 6)
        #expect(f.dh.allSatisfy { $0.isFinite && $0 > 0 }, "gradients on the generated sequence")
        #expect(f.inputLabels.prefix(2) == ["h", "e"])
        // Step by step and all at once give the same read-outs: argmax of y_t at each generated
        // step is the generated symbol, and the loss is −log p(generated).
        for (k, t) in g.generatedSteps.enumerated() {
            #expect(TaskScoring.argmax(f.y[t]) == g.symbols[k])
            #expect(abs(f.stepLoss[t] + log(g.distributions[k][g.symbols[k]])) < 1e-9)
        }
        #expect(f.correct.allSatisfy { $0 != nil }, "every step scored")
    }

    @Test func temperatureSamplingIsReproducibleAndSeedDependent() throws {
        let e = Self.hello
        let a = try e.generate(prime: .symbols([0]), length: 40, sampling: .temperature(2, seed: 7))
        let b = try e.generate(prime: .symbols([0]), length: 40, sampling: .temperature(2, seed: 7))
        let c = try e.generate(prime: .symbols([0]), length: 40, sampling: .temperature(2, seed: 8))
        #expect(a.symbols == b.symbols)
        #expect(a.symbols != c.symbols)
        #expect(Set(a.symbols).count > 1, "τ = 2 flattens the distribution: more than one letter appears")
        // softmax(y/τ): the recorded distribution is flatter than softmax(y).
        let f = try e.figures(of: a.example)
        let plain = TaskScoring.softmax(f.y[0])
        #expect(a.distributions[0].max()! < plain.max()!)
    }

    @Test func badRequestsGetOneClearMessage() throws {
        let e = Self.hello
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { _ = try e.prime(from: "hx") }.contains("not in the vocabulary"))
        #expect(message { _ = try e.prime(from: "   ") }.contains("holds no symbol"))
        #expect(message { _ = try e.generate(length: 0) }.contains("1…10000"))
        #expect(message { _ = try e.generate(sampling: .temperature(0, seed: 1)) }.contains("positive"))
        #expect(message { _ = try e.generate(sampling: .temperature(.nan, seed: 1)) }.contains("positive"))
        #expect(message { _ = try e.generate(prime: .steps(3)) }.contains("symbols"))
        var s = ExperimentSettings()
        s.task = "adding"
        s.taskSettings = ["length": "10"]
        #expect(message { _ = try Experiment(s, dataDirectory: nil).generate() }.contains("cannot generate"))
    }

    @Test func primeTextSplitsByLongestMatch() throws {
        #expect(try PrimeText.symbols("hell o", vocabulary: HelloTask.vocabulary) == [0, 1, 2, 2, 3])
        #expect(try PrimeText.symbols("i am learning", vocabulary: NextWordTask.vocabulary) == [0, 5, 8])
        #expect(try PrimeText.symbols("ab<go>", vocabulary: ["a", "b", "<go>", "<eos>"]) == [0, 1, 2])
        #expect(try PrimeText.symbols("a b", vocabulary: ["a", "b", "␣"]) == [0, 2, 1], "a typed space is the text task's ␣")
    }

    @Test func reberGenerationStopsAtE() throws {
        let e = try Self.trained { $0.task = "reber"; $0.steps = 300; $0.learningRate = 0.02 }
        let g = try e.generate(prime: e.prime(from: "B"), length: 60)
        #expect(g.stoppedAtEnd && g.tokens.last == "E")
        #expect(ReberGrammar.reber.isValid(symbols: [0] + g.symbols), "a trained model writes a legal string: B\(g.tokens.joined())")
    }
}

/// The sine: primed with true steps, then running on its own beside the true continuation.
struct SineGenerationTests {
    /// Lesson 14's model, trained as the lesson trains it.
    static let sine: Experiment = try! GenerationTests.trained {
        $0.task = "sine"; $0.learningRate = 0.01; $0.steps = 500; $0.batch = 8
    }

    @Test func primedWith20StepsItGenerates30CloseToTheWave() throws {
        let e = Self.sine
        let g = try e.generate(prime: .steps(20), length: 30)
        let truth = try #require(g.truth), errors = try #require(g.error)
        #expect(g.values.count == 30 && truth.count == 30 && errors.count == 30)
        #expect(g.firstGeneratedStep == 19 && g.example.length == 49)
        // The truth is the wave itself, continued: the example's next values x_21 …
        guard case .values(let shown) = e.example.target else { Issue.record("dense targets"); return }
        for k in 0..<29 { #expect(truth[k] == shown[19 + k][0]) }
        // It starts close to the wave (measured: 0.002 0.005 0.007 0.002 0.020, then drifting in
        // phase to ~0.45 by step 12) and keeps producing a wave: it swings and crosses zero.
        let early = errors.prefix(5).max()!
        #expect(early < 0.05, "first 5 generated steps: worst error \(early)")
        #expect(errors.allSatisfy { $0.isFinite })
        #expect(g.values.max()! - g.values.min()! > 1.5)
        #expect(zip(g.values, g.values.dropFirst()).filter { $0 * $1 < 0 }.count >= 2)
        // The first generated value is the one-step prediction after 20 true inputs.
        let teacherForced = try e.figures()
        #expect(abs(g.values[0] - teacherForced.y[19][0]) < 1e-12)
        // Unrolled against the true continuation: finite loss, gradient at every step.
        let f = try e.figures(of: g.example)
        #expect(f.loss.isFinite && f.dh.allSatisfy { $0 > 0 })
        #expect(abs(f.y[19 + 5][0] - g.values[5]) < 1e-12)
    }

    @Test func generationAgreesWithSineTaskFreeRun() throws {
        let e = Self.sine
        guard case .vectors(let x) = e.example.input else { Issue.record("dense inputs"); return }
        var state: RecurrentState? = nil
        let reference = try SineTask.freeRun(prime: x.prefix(12).map { $0[0] }, steps: 15) { v in
            let one = Example(input: .vectors([[v]]), target: .values([[0]]), mask: [0])
            let trace = try Network.forward(e.model, [one], initialState: state)
            state = trace.finalState
            return trace.readouts()[0][0]
        }
        #expect(try e.generate(prime: .steps(12), length: 15).values == reference)
    }

    @Test func aLongRunFollowsTheWavePastTheExample() throws {
        let g = try Self.sine.generate(prime: .steps(40), length: 60)
        #expect(g.truth?.count == 60 && g.error?.allSatisfy { $0.isFinite } == true)
        #expect(g.example.length == 99)
    }
}

/// The encoder–decoder at inference, and lesson 17's reversed vs as-given source.
struct DecoderGenerationTests {
    @Test func theDecoderReadsItsOwnOutputsUntilEos() throws {
        var s = ExperimentSettings()
        s.cell = .lstm; s.hidden = 16; s.task = "seq2seq"; s.learningRate = 0.02; s.steps = 600; s.batch = 16
        let e = try Experiment(s, dataDirectory: nil)
        var run = TrainingRun(e)
        for _ in 0..<s.steps { try run.step() }
        let trained = run.current
        let g = try trained.generate(prime: trained.prime(from: "abc"), length: 10)
        #expect(g.kind == .decoder && g.firstGeneratedStep == 3)
        #expect(g.truthSymbols == [2, 1, 0, 7], "c b a <eos>")
        #expect(g.example.mask == [0, 0, 0] + Array(repeating: 1, count: g.tokens.count))
        guard case .symbols(let input) = g.example.input else { Issue.record("symbols"); return }
        #expect(Array(input.prefix(4)) == [0, 1, 2, 6], "the source, then <go>")
        #expect(Array(input.dropFirst(4)) == Array(g.symbols.dropLast()), "its own outputs fed back")
        if g.stoppedAtEnd { #expect(g.tokens.last == "<eos>") }
        let score = try trained.inferenceAccuracy(count: 100)
        #expect(score.sources == 100)
        #expect(score.stepAccuracy > 0.5 && score.stepAccuracy <= 1)
        #expect(score.stringAccuracy <= score.stepAccuracy + 0.2)
        #expect(score.teacherForcedAccuracy > 0.8)
        // The per-step figure the screen shows on the decoded sequence counts its right letters.
        let f = try trained.figures(of: g.example)
        let right = zip(g.symbols, g.truthSymbols!).filter { $0 == $1 }.count
        #expect(f.correct.compactMap { $0 }.filter { $0 }.count == right)
    }

    @Test func sourceOrderComparisonDecodesTheSameStrings() throws {
        var s = ExperimentSettings()
        s.cell = .lstm; s.hidden = 8; s.task = "seq2seq"; s.learningRate = 0.02; s.batch = 8
        s.taskSettings = ["mode": "copy", "max_length": "4"]
        let e = try Experiment(s, dataDirectory: nil)
        let c = try SourceOrderComparison.train(e, steps: 30, count: 40)
        #expect(c.asGiven.sources == 40 && c.reversed.sources == 40)
        #expect(c.asGiven != c.reversed, "two differently trained models")
        #expect(throws: (any Error).self) {
            var a = ExperimentSettings(); a.task = "hello"
            _ = try SourceOrderComparison.train(try Experiment(a, dataDirectory: nil), steps: 1)
        }
    }
}

extension GenerationTests {
    /// With attention y_t looks at every earlier state, so the stepper re-runs the prefix; the
    /// generated symbols must still be the argmax of the whole sequence's read-outs.
    @Test func generationWithAttentionMatchesTheWholeForwardPass() throws {
        var s = ExperimentSettings()
        s.task = "next-word"; s.cell = .gru; s.hidden = 8; s.attention = true
        let e = try Experiment(s, dataDirectory: nil)
        let g = try e.generate(prime: e.prime(from: "we are"), length: 9)
        let f = try e.figures(of: g.example)
        #expect(f.attention != nil)
        for (k, t) in g.generatedSteps.enumerated() { #expect(TaskScoring.argmax(f.y[t]) == g.symbols[k]) }
    }
}
