import Testing
import UnrollApp
import UnrollDraw
import UnrollEngine
import UnrollLab

/// Scripted key sequences through `update`.
@Suite struct UpdateTests {
    @Test func activationToggleKeepsWeightsAndChangesOnlyTheActivation() throws {
        let s0 = AppTest.state()
        let (s1, _) = try AppTest.play("a", on: s0)
        #expect(s0.settings.activation == .tanh)
        #expect(s1.settings.activation == .relu)
        var expected = s0.settings
        expected.activation = .relu
        #expect(s1.settings == expected)
        #expect(s1.experiment?.model.parameters == s0.experiment?.model.parameters)
        let (s2, _) = try AppTest.play("a", on: s1)
        #expect(s2.settings.activation == .tanh)
        #expect(s2.experiment?.model.parameters == s0.experiment?.model.parameters)
    }

    @Test func mCyclesCells() throws {
        var s = AppTest.state()
        var seen: [CellKind] = [s.settings.cell]
        for _ in 0..<3 {
            s = try AppTest.play("m", on: s).0
            seen.append(s.settings.cell)
        }
        #expect(seen == [.rnn, .lstm, .gru, .rnn])
        #expect(s.figures != nil)
    }

    @Test func iCyclesInit() throws {
        var s = AppTest.state()
        var seen: [InitScheme] = [s.settings.initScheme]
        for _ in 0..<3 { s = try AppTest.play("i", on: s).0; seen.append(s.settings.initScheme) }
        #expect(seen == [.default, .orthogonal, .identity, .default])
    }

    @Test func bracketRaisesAndLowersTheSpectralRadius() throws {
        let s0 = AppTest.state()
        let rho0 = try #require(s0.figures?.spectralRadius)
        let s1 = try AppTest.play("]", on: s0).0
        let rho1 = try #require(s1.figures?.spectralRadius)
        #expect(abs(rho1 - rho0 * 1.25) < 1e-6 * max(1, rho0))
        let s2 = try AppTest.play("[", on: s1).0
        #expect(abs((s2.figures?.spectralRadius ?? 0) - rho0) < 1e-6 * max(1, rho0))
        #expect(AppTest.lines(s1)[1].contains("ρ=" + NumberFormat.short(rho1)))
    }

    /// A key that changes the weights answers with their frame at once; the held-out figures of
    /// 200 sequences follow on the next tick (ρ under 10 ms is a benchmark, `unroll bench ui`).
    @Test func newWeightsDrawFirstAndTheirHeldOutFiguresFollowOnTheNextTick() throws {
        let s0 = AppTest.state(width: 100, height: 30)
        let before = try #require(s0.scene.panel.heldOut)
        let s1 = update(s0, .key(.char("]"))).0
        #expect(s1.scene.hasPendingHeldOut && s1.isBusy)
        #expect(s1.scene.panel.heldOut == nil, "no held-out figure of the old weights beside the new ones")
        #expect(!AppTest.lines(s1)[1].contains("held-out"), "\(AppTest.lines(s1)[1])")
        let s2 = update(s1, .tick(milliseconds: 0, budget: 0)).0
        #expect(!s2.scene.hasPendingHeldOut && !s2.isBusy)
        let after = try #require(s2.scene.panel.heldOut)
        #expect(after.loss != before.loss)
        #expect(AppTest.lines(s2)[1].contains("held-out L \(NumberFormat.short(after.loss))"), "\(AppTest.lines(s2)[1])")
        // Training starts from the new weights' figures ("was …"), pending or not.
        let s3 = update(update(s0, .key(.char("]"))).0, .key(.char("t"))).0
        #expect(s3.scene.panel.training?.heldOutBefore == after)
    }

    @Test func clippingToggles() throws {
        let s0 = AppTest.state()
        #expect(s0.clipping)
        let s1 = try AppTest.play("g", on: s0).0
        #expect(!s1.clipping)
        #expect(AppTest.lines(s1)[1].contains("no clip"))
        let s2 = try AppTest.play("g", on: s1).0
        #expect(s2.settings.clipNorm == 1.0)
    }

    @Test func compareShowsOneRowPerModelOnASharedAxis() throws {
        let s = try AppTest.play("c", on: AppTest.state(width: 100, height: 30)).0
        #expect(s.scene.panels.count == 4 && s.isComparing)
        let lines = AppTest.lines(s)
        let labels = ["RNN tanh", "RNN ReLU", "LSTM", "GRU"]
        func caption(_ line: String, _ label: String) -> Bool { line.dropFirst(2).hasPrefix(label + " ") }
        for label in labels {
            #expect(lines.contains { caption($0, label) }, "no caption for \(label)")
        }
        #expect(lines.contains { $0.contains("one shared log axis") })
        // Every model's top axis label is the same decade.
        let tops = lines.indices.filter { i in labels.contains { caption(lines[i], $0) } }
            .compactMap { i in lines[(i + 1)...].first { $0.contains("┤") }.map { String($0.prefix(8)) } }
        #expect(tops.count == 4)
        #expect(Set(tops).count == 1)
        let back = try AppTest.play("c", on: s).0
        #expect(!back.isComparing)
    }

    @Test func trainingTicksGrowTheLossCurve() throws {
        var s = try AppTest.play("t", on: AppTest.state(width: 100, height: 30)).0
        #expect(s.training?.status == .running)
        for _ in 0..<3 { s = AppTest.tick(s, updates: 2) }
        #expect(s.training?.run.losses.count == 6)
        #expect(s.training?.run.hiddenGradientHistory.count == 6)
        let lines = AppTest.lines(s)
        #expect(lines.contains { $0.contains("training → update 6/2000") })
        s = try AppTest.play("t", on: s).0
        #expect(s.training?.status == .paused)
        s = AppTest.tick(s, updates: 5)
        #expect(s.training?.run.losses.count == 6)
        // Paused, the curves stay on screen.
        #expect(AppTest.lines(s).contains { $0.contains("loss per update") })
    }

    @Test func helpOpensAndCloses() throws {
        let s1 = try AppTest.play("?", on: AppTest.state()).0
        #expect(s1.overlay == .help(scroll: 0))
        #expect(AppTest.lines(s1).contains { $0.contains("Help") })
        let s2 = try AppTest.play("?", on: s1).0
        #expect(s2.overlay == .none)
    }

    @Test func qQuits() throws {
        let (_, effects) = try AppTest.play("q", on: AppTest.state())
        #expect(effects == [.quit])
        let (_, ctrl) = try AppTest.play("<C-c>", on: AppTest.state())
        #expect(ctrl == [.quit])
    }

    @Test func pagesAndCursorStart() throws {
        let s0 = AppTest.state()
        #expect(s0.cursor == s0.steps - 1)  // the page says `cursor: last`
        let s1 = try AppTest.play("n", on: s0).0
        #expect(s1.page == 1)
        let s2 = try AppTest.play("nnn", on: s0).0
        #expect(s2.page == 2)
        #expect(s2.message?.contains("last page") == true)
        let s3 = try AppTest.play("p", on: s2).0
        #expect(s3.page == 1)
    }

    @Test func animationsRevealStepByStep() throws {
        var s = try AppTest.play("<space>", on: AppTest.state()).0
        #expect(s.animation == .forward(revealed: 1))
        for _ in 0..<100 { s = AppTest.tick(s, steps: 1) }
        #expect(s.animation == .none)
        s = try AppTest.play("b", on: s).0
        #expect(s.animation == .backward(from: s.steps - 1))
        s = AppTest.tick(s, steps: 1)
        #expect(s.animation == .backward(from: s.steps - 2))
        #expect(s.cursor == s.steps - 2)
    }

    @Test func badCombinationShowsAMessage() throws {
        let s = try AppTest.play("ma", on: AppTest.state()).0
        #expect(s.settings.cell == .lstm)
        #expect(s.message?.contains("vanilla RNN") == true)
    }

    @Test func lessonMenuOpensLessons() throws {
        let s = try AppTest.play("L", on: AppTest.state()).0
        #expect(s.overlay == .menu(selection: 0))
        let s2 = try AppTest.play("<enter>", on: s).0
        #expect(s2.overlay == .none)
        #expect(s2.page == 0)
    }
}
