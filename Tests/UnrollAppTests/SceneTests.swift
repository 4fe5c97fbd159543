import Foundation
import Testing
import UnrollApp
import UnrollDraw
import UnrollEngine
import UnrollLab
import UnrollLessons
import UnrollLab

/// The scene a page shows, changed only through `update`: panels, compare training, the
/// student's example and seed, the pace, and pages that keep their trained models.
struct SceneTests {
    /// A lesson with a short training budget on the adding task (no data files needed).
    static let lesson: Lesson = {
        let text = """
        ---
        title: Scenes
        model: {cell: rnn, hidden: 6, seed: 3}
        task: {name: adding, length: 12}
        training: {optimizer: adam, lr: 0.01, steps: 20, batch: 4}
        compare:
          - {label: "tanh", cell: rnn, activation: tanh}
          - {label: "LSTM", cell: lstm}
        ---

        ## One model

        Text.

        set: peepholes=on
        claim: T == 12

        ## Two seeds

        Text.

        panel: seed 3 | seed=3
        panel: seed 4 | seed=4
        set: compare=on
        claim: T == 12
        """
        return try! LessonLoader().load(text: text, path: "scenes.md")
    }()

    func state(page: Int = 0) -> AppState {
        AppState(lessons: [Self.lesson], lessonIndex: 0, page: page, dataDirectory: nil, width: 100, height: 30)
    }

    func press(_ keys: String, _ s: AppState) throws -> AppState { try AppTest.play(keys, on: s).0 }

    @Test func compareTrainsEveryPanelOnTheSameBatches() throws {
        var s = try press("t", state(page: 1))
        #expect(s.scene.panels.allSatisfy { $0.training?.status == .running })
        s = Update.finish(s)
        let runs = s.scene.panels.compactMap(\.training)
        #expect(runs.count == 2 && runs.allSatisfy { $0.status == .finished && $0.run.iteration == 20 })
        // Different weights, same data: the first batch's loss differs, the batches do not.
        let a = runs[0].run, b = runs[1].run
        #expect(a.losses[0] != b.losses[0])
        #expect(a.experiment.example == b.experiment.example)
        // Finished, the curves stay on screen and t trains further.
        #expect(AppTest.lines(s).contains { $0.contains("trained 20") })
        s = try press("t", s)
        #expect(s.message?.contains("20 more updates") == true)
        s = Update.finish(s)
        #expect(s.scene.panels.allSatisfy { $0.training?.run.iteration == 40 })
    }

    @Test func compareVariantsDoNotInheritThePagesModelChanges() throws {
        let single = state(page: 0)
        #expect(single.settings.peepholes == false, "peepholes belong to LSTMs; the RNN page model drops them")
        let s = try press("c", single)
        let lstm = try #require(s.scene.panels.first { $0.label == "LSTM" })
        #expect(lstm.settings.peepholes == false, "the variant is the lesson's LSTM, not the page's")
        #expect(s.scene.panels.count == 2, "the page's model is the tanh variant, shown once")
    }

    @Test func anotherExampleKeepsTheTrainedWeights() throws {
        var s = Update.finish(try press("t", state()))
        let trained = try #require(s.experiment?.model)
        let before = try #require(s.experiment?.example)
        s = try press("e", s)
        #expect(s.experiment?.model == trained)
        #expect(s.experiment?.example != before)
        #expect(s.training?.run.iteration == 20, "the run is kept")
        #expect(AppTest.lines(s)[0].contains("example 2"))
        s = try press("E", s)
        #expect(s.experiment?.example == before)
    }

    @Test func anotherSeedDrawsNewWeightsOnTheSameData() throws {
        let s0 = state()
        let s1 = try press("s", s0)
        #expect(s1.settings.seed == s0.settings.seed + 1)
        #expect(s1.experiment?.model != s0.experiment?.model)
        #expect(s1.experiment?.example == s0.experiment?.example)
        #expect(AppTest.lines(s1)[0].contains("seed 4"))
    }

    @Test func theModelChangingDiscardsTrainingAndSaysSo() throws {
        var s = Update.finish(try press("t", state()))
        s = try press("m", s)
        #expect(s.training == nil)
        #expect(s.message?.contains("training was discarded") == true)
    }

    @Test func leavingAPageKeepsItsTrainedModels() throws {
        var s = Update.finish(try press("t", state()))
        let trained = try #require(s.experiment?.model)
        s = try press("n", s)
        #expect(s.message?.contains("are kept") == true)
        s = try press("p", s)
        #expect(s.experiment?.model == trained)
        #expect(s.message?.contains("are back") == true)
        s = try press("r", s)
        #expect(s.training == nil)
    }

    @Test func thePaceSetsUpdatesPerSecond() throws {
        var s = try press("t", state())
        s = update(s, .tick(milliseconds: 100, budget: .max)).0
        #expect(s.training?.run.iteration == 10, "100 updates/s for 0.1 s")
        s = try press("-", s)
        s = update(s, .tick(milliseconds: 100, budget: .max)).0
        #expect(s.training?.run.iteration == 12, "25 updates/s for 0.1 s (2.5 carried as 2)")
        s = try press("+++++", s)
        #expect(s.pace.updateRate.isInfinite)
        s = update(s, .tick(milliseconds: 1, budget: 3)).0
        #expect(s.training?.run.iteration == 15, "as fast as possible, within the loop's budget")
    }

    @Test func tabSelectsAndKeysActOnTheSelectedPanel() throws {
        var s = state(page: 1)
        #expect(s.panel.label == "seed 3")
        s = try press("<tab>a", s)
        #expect(s.scene.selected == 1)
        #expect(s.scene.panels[1].settings.activation == .relu)
        #expect(s.scene.panels[0].settings.activation == .tanh)
        #expect(AppTest.lines(s).contains { $0.contains("→ seed 4") })
    }
}

/// `f` lets the model run on its own; `F` samples; `~` adds noise with the same weights.
struct GenerationKeyTests {
    static let hello: Lesson = {
        let text = """
        ---
        title: Hello
        model: {cell: lstm, hidden: 8, seed: 1}
        task: {name: hello}
        training: {optimizer: adam, lr: 0.05, steps: 300, batch: 1}
        ---

        ## Page

        Text.

        focus: generation
        claim: T > 0
        """
        return try! LessonLoader().load(text: text, path: "hello.md")
    }()

    @Test func aTrainedModelWritesHelloOnItsOwn() throws {
        var s = AppState(lessons: [Self.hello], lessonIndex: 0, page: 0, dataDirectory: nil, width: 100, height: 30)
        s = Update.finish(try AppTest.play("t", on: s).0)
        s = try AppTest.play("f", on: s).0
        let g = try #require(s.panel.generation)
        #expect(Array(g.tokens.prefix(4)) == ["e", "l", "l", "o"])
        #expect(AppTest.lines(s).contains { $0.contains("on its own: e l l o") })
        let env = SceneClaimEnvironment(s.scene)
        #expect(try ClaimEvaluator.evaluate("generated[1]", in: env) == .number(2), "e is symbol 2 of h e l o")
        s = try AppTest.play("f", on: s).0
        #expect(s.panel.generation == nil)
        let a = try AppTest.play("F", on: s).0, b = try AppTest.play("FF", on: s).0
        #expect(a.panel.samplesDrawn == 1 && b.panel.samplesDrawn == 2)
    }

    @Test func noiseKeepsTheWeights() throws {
        let text = """
        ---
        title: Sine
        model: {cell: lstm, hidden: 8, seed: 1}
        task: {name: sine, length: 30}
        ---

        ## Page

        Text.

        claim: T > 0
        """
        let lesson = try LessonLoader().load(text: text, path: "sine.md")
        let s0 = AppState(lessons: [lesson], lessonIndex: 0, page: 0, dataDirectory: nil, width: 100, height: 30)
        let s1 = try AppTest.play("~", on: s0).0
        #expect(s1.settings.taskSettings["noise"] == "0.05")
        #expect(s1.experiment?.model == s0.experiment?.model)
        #expect(s1.experiment?.example != s0.experiment?.example)
        #expect(AppTest.lines(s0).contains { $0.contains("x_t") && $0.contains("target") && $0.contains("y_t") }, "a one-number sequence is plotted, its legend naming the three series")
    }
}
