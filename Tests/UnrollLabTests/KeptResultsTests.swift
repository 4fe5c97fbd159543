import Foundation
import Testing
import TestSupport
import UnrollEngine
@testable import UnrollLab
import UnrollLessons

/// Panels and training runs are kept by everything that decides them: what a second page (or
/// test) gets from the cache is exactly what it would have computed, and one setting trains once.
struct KeptResultsTests {
    static let data = LessonLocator.dataDirectory(for: Fixtures.lessonsDirectory)

    /// Settings no other test uses (its own weight seed), so the kept results are this test's.
    func settings(seed: UInt64, example: Int = 0) -> ExperimentSettings {
        var s = ExperimentSettings()
        s.task = "adding"
        s.taskSettings = ["length": "12"]
        s.cell = .gru
        s.hidden = 5
        s.batch = 4
        s.seed = seed
        s.exampleIndex = example
        s.steps = 40
        return s
    }

    func started(_ s: ExperimentSettings) -> Panel {
        var p = Panel(label: "p", settings: s, dataDirectory: Self.data)
        _ = p.toggleTraining()
        return p
    }

    @Test func aKeptPanelIsThePanelItsSettingsBuild() throws {
        let s = settings(seed: 7_001)
        let a = Panel(label: "first", settings: s, dataDirectory: Self.data)
        let b = Panel(label: "second", settings: s, dataDirectory: Self.data)
        #expect(a.label == "first" && b.label == "second")
        let kept = try #require(b.experiment), fresh = try Experiment(s, dataDirectory: Self.data)
        #expect(kept.model == fresh.model && kept.example == fresh.example)
        #expect(try b.figures?.h == fresh.figures().h)
        #expect(try b.heldOut == fresh.heldOut())
    }

    @Test func oneSettingTrainsOnceAndEveryPanelGetsTheSameRun() throws {
        let s = settings(seed: 7_002)
        var a = started(s), b = started(s)
        let first = try #require(a.training)
        let start = try #require(TrainedRun.Start(first.run))
        let direct = TrainedRun(first, steps: 40)
        a.train(steps: 40)
        b.train(steps: 40)
        #expect(TrainedRun.runs.kept { $0.start == start }.count == 1, "one run kept for both panels")
        for p in [a, b] {
            let run = try #require(p.training).run
            #expect(run.losses == direct.run.losses && run.current.model == direct.run.current.model)
            #expect(p.training?.status == .finished)
        }
    }

    @Test func anotherExampleSharesTheUpdatesButShowsItsOwnExample() throws {
        var a = started(settings(seed: 7_003, example: 0)), b = started(settings(seed: 7_003, example: 5))
        a.train(steps: 40)
        b.train(steps: 40)
        let ra = try #require(a.training).run, rb = try #require(b.training).run
        #expect(ra.losses == rb.losses && ra.current.model == rb.current.model)
        #expect(rb.current.example == (try Experiment(settings(seed: 7_003, example: 5), dataDirectory: Self.data)).example)
        #expect(ra.current.example != rb.current.example)
    }

    @Test func aLongerRunGoesOnFromAShorterOneWithTheSameNumbers() throws {
        var s = settings(seed: 7_004)
        s.steps = 25
        var short = started(s)
        short.train(steps: 25)
        s.steps = 40
        var long = started(s)
        let begun = try #require(long.training)
        let direct = TrainedRun(begun, steps: 40)
        long.train(steps: 40)
        let run = try #require(long.training).run
        #expect(run.iteration == 40)
        #expect(run.losses == direct.run.losses && run.gradientNorms == direct.run.gradientNorms)
        #expect(run.hiddenGradientHistory == direct.run.hiddenGradientHistory)
        #expect(run.current.model == direct.run.current.model)
        #expect(long.training?.lastReport?.loss == direct.lastReport?.loss)
    }

    @Test func runsUnderWayAreNotKept() throws {
        var p = started(settings(seed: 7_005))
        p.train(steps: 10)
        let run = try #require(p.training).run
        #expect(TrainedRun.Start(run) == nil, "its optimizer state is not in the key")
    }
}

extension KeptResultsTests {
    /// A student's huge model is not held on to: its figures alone are hundreds of megabytes.
    @Test func onlyLessonSizedModelsAreKept() throws {
        var s = settings(seed: 7_006)
        #expect(try Experiment(s, dataDirectory: Self.data).isSmallEnoughToKeep)
        s.hidden = 512
        s.taskSettings = ["length": "2000"]
        #expect(!(try Experiment(s, dataDirectory: Self.data).isSmallEnoughToKeep))
    }
}
