import Foundation
import Testing
import TestSupport
import UnrollEngine
import UnrollLab
import UnrollLessons

struct ExperimentTests {
    static let data = LessonLocator.dataDirectory(for: Fixtures.lessonsDirectory)

    func experiment(_ change: (inout ExperimentSettings) -> Void = { _ in }) throws -> Experiment {
        var s = ExperimentSettings()
        s.task = "adding"
        s.taskSettings = ["length": "20"]
        s.hidden = 6
        change(&s)
        return try Experiment(s, dataDirectory: Self.data)
    }

    @Test func togglingTheActivationKeepsTheWeights() throws {
        let e = try experiment()
        let relu = try e.changed { $0.activation = .relu }
        #expect(relu.model.parameters == e.model.parameters)
        #expect(relu.model.config.activation == .relu)
        #expect(try relu.figures().h != e.figures().h)
    }

    @Test func changingTheCellDrawsNewWeightsOfTheRightShape() throws {
        let e = try experiment()
        let lstm = try e.changed { $0.cell = .lstm }
        #expect(lstm.model.parameters.layers[0].W_hh.rows == 4 * 6)
        #expect(lstm.example == e.example, "same inputs")
        #expect(try lstm.figures().c != nil)
    }

    /// A gated cell whose blocks have different radii keeps their proportions: a new ρ is one
    /// factor on all of W_hh, and going back gives back the weights (to rounding).
    @Test func radiusUpAndBackGivesBackAGatedCellsWeights() throws {
        for cell in [CellKind.lstm, .gru] {
            let e = try experiment { $0.cell = cell }
            let w0 = e.model.parameters.layers[0].W_hh
            let rho0 = Spectral.spectralRadius(e.model.radiusBlock())
            let up = try e.changed { $0.radius = rho0 * 1.25 }
            let w1 = up.model.parameters.layers[0].W_hh
            #expect(abs(Spectral.spectralRadius(up.model.radiusBlock()) - rho0 * 1.25) < 1e-9)
            for i in 0..<w0.count { #expect(abs(w1.data[i] - 1.25 * w0.data[i]) <= 1e-12 * max(1, abs(w0.data[i]))) }
            let back = try up.changed { $0.radius = rho0 }
            let w2 = back.model.parameters.layers[0].W_hh
            #expect(zip(w0.data, w2.data).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) }, "\(cell)")
        }
    }

    @Test func radiusChangeRescalesTheRecurrentWeights() throws {
        let e = try experiment()
        let big = try e.changed { $0.radius = 1.7 }
        #expect(abs(Spectral.spectralRadius(big.model.parameters.layers[0].W_hh) - 1.7) < 1e-6)
        #expect(big.model.parameters.layers[0].W_ih == e.model.parameters.layers[0].W_ih)
    }

    @Test func figuresMatchTheEngineDirectly() throws {
        let e = try experiment { $0.cell = .gru }
        let f = try e.figures()
        let trace = try Network.forward(e.model, [e.example])
        let back = Network.backward(e.model, trace)
        #expect(f.dh == back.hiddenGradientNorms[0])
        #expect(f.loss == trace.loss)
        #expect(f.gates.map(\.name) == ["reset", "update", "new"])
        #expect(f.scored.filter { $0 }.count == 1, "the adding problem is scored at the last step only")
    }

    @Test func attentionDrawsNewWeightsAndShowsItsWeights() throws {
        let e = try experiment { $0.cell = .lstm }
        #expect(try e.figures().attention == nil)
        let on = try e.changed { $0.attention = true }
        #expect(on.model.config.attention)
        #expect(on.model.parameters.W_ay?.rows == e.model.config.outputSize)
        #expect(on.settings.modelLabel == "LSTM H=6+attn")
        let alpha = try #require(try on.figures().attention)
        #expect(alpha.count == e.example.length && alpha[1][0] == 1)
        var offSettings = on.settings
        offSettings.attention = false
        let scene = Scene(panels: [Panel(label: "on", settings: on.settings, dataDirectory: nil),
                                   Panel(label: "off", settings: offSettings, dataDirectory: nil)])
        let env = SceneClaimEnvironment(scene)
        guard case .matrix(let m) = try ClaimEvaluator.evaluate("panel(\"off\").attention", in: env) else {
            Issue.record("panel(\"off\") has no attention matrix"); return
        }
        #expect(m.count == e.example.length && m.allSatisfy { $0.allSatisfy { $0 == 0 } })
        #expect(try ClaimEvaluator.evaluate("attention[2, 1]", in: env) == .number(1))
        #expect(throws: (any Error).self) { try ClaimEvaluator.evaluate("panel(\"nowhere\").attention", in: env) }
    }

    @Test func badSettingsAreRefusedWithAMessage() {
        #expect(throws: (any Error).self) { try experiment { $0.hidden = 100_000 } }
        #expect(throws: (any Error).self) { try experiment { $0.taskSettings = ["length": "10000000"] } }
        #expect(throws: (any Error).self) { try experiment { $0.task = "no-such-task" } }
    }

    @Test func bagOfWordsCannotSeparateTheSentimentPairs() throws {
        let e = try experiment { $0.task = "sentiment-order"; $0.taskSettings = [:] }
        let env = SceneClaimEnvironment(Scene(panels: [Panel(label: "p", settings: e.settings, dataDirectory: nil)]))
        let ceiling = try ClaimEvaluator.evaluate("bag_of_words_ceiling()", in: env)
        #expect(ceiling == .number(0.5))
    }

    @Test func claimsSeeTheSameNumbersAsTheScreen() throws {
        let e = try experiment()
        var lstm = e.settings
        lstm.cell = .lstm
        let env = SceneClaimEnvironment(Scene(panels: [Panel(label: "rnn", settings: e.settings, dataDirectory: nil),
                                                       Panel(label: "lstm", settings: lstm, dataDirectory: nil)]))
        let f = try e.figures()
        #expect(try ClaimEvaluator.evaluate("dh[1]", in: env) == .number(f.dh[0]))
        #expect(try ClaimEvaluator.evaluate("T", in: env) == .number(20))
        #expect(try ClaimEvaluator.check("panel(2).dh[-1] > 0 and panel(\"lstm\").dc[1] > 0", in: env).holds)
        // Nothing that is not a panel of the scene can be read.
        #expect(throws: (any Error).self) { try ClaimEvaluator.evaluate("with(cell=lstm).loss", in: env) }
        #expect(throws: (any Error).self) { try ClaimEvaluator.evaluate("panel(3).loss", in: env) }
        #expect(throws: (any Error).self) { try ClaimEvaluator.evaluate("panel(\"rnn\").dc", in: env) }
        #expect(throws: (any Error).self) { try ClaimEvaluator.evaluate("losses", in: env) }
    }

    @Test func trainingLowersTheLossAndIsReproducible() throws {
        let e = try experiment { $0.cell = .lstm; $0.learningRate = 0.01; $0.batch = 8 }
        var a = TrainingRun(e), b = TrainingRun(e)
        for _ in 0..<60 { try a.step(); try b.step() }
        #expect(a.losses == b.losses, "same seed, same run")
        let early = a.losses.prefix(10).reduce(0, +) / 10, late = a.losses.suffix(10).reduce(0, +) / 10
        #expect(late < early)
    }
}

extension ExperimentTests {
    /// Repeated ρ changes (the `[`/`]` keys) land exactly on the requested radius, also after
    /// training replaced the weights (then on the block the header shows, all of W_hh scaled alike).
    @Test func repeatedRadiusChangesStayExact() throws {
        var e = try experiment { $0.cell = .lstm; $0.radius = 0.9 }
        for rho in [1.1, 1.375, 0.5, 2.0] {
            e = try e.changed { $0.radius = rho }
            for g in 0..<4 {
                let block = e.model.parameters.layers[0].W_hh.rowBlock(g * 6, count: 6)
                #expect(abs(Spectral.spectralRadius(block) - rho) < 1e-9 * rho, "block \(g) at ρ = \(rho)")
            }
        }
        var run = TrainingRun(e)
        for _ in 0..<5 { try run.step() }
        let before = run.current
        let trained = try before.changed { $0.radius = 0.7 }
        // The block the header shows lands on ρ; the whole of W_hh scaled by the same factor.
        #expect(abs(Spectral.spectralRadius(trained.model.radiusBlock()) - 0.7) < 1e-9)
        let factor = 0.7 / Spectral.spectralRadius(before.model.radiusBlock())
        let w0 = before.model.parameters.layers[0].W_hh.data, w1 = trained.model.parameters.layers[0].W_hh.data
        #expect(zip(w0, w1).allSatisfy { abs($1 - factor * $0) <= 1e-12 * max(1, abs($0)) })
    }
}
