import Testing
import UnrollApp
import UnrollDraw

/// Whole screens at fixed sizes, compared with reviewed golden text files.
@Suite struct SnapshotTests {
    @Test func vanillaRNNAt80x24() {
        AppTest.assertSnapshot(AppTest.lines(AppTest.state(width: 80, height: 24)), named: "rnn-80x24")
    }

    @Test func vanillaRNNAt100x30() {
        AppTest.assertSnapshot(AppTest.lines(AppTest.state(width: 100, height: 30)), named: "rnn-100x30")
    }

    @Test func wideLayoutAt200x60() {
        AppTest.assertSnapshot(AppTest.lines(AppTest.state(width: 200, height: 60)), named: "rnn-200x60")
    }

    @Test func lstmWithGatesAt100x30() throws {
        let (s, _) = try AppTest.play("m", on: AppTest.state(width: 100, height: 30, page: 2))
        AppTest.assertSnapshot(AppTest.lines(s), named: "lstm-gates-100x30")
    }

    @Test func compareAt100x30() throws {
        let (s, _) = try AppTest.play("c", on: AppTest.state(width: 100, height: 30))
        AppTest.assertSnapshot(AppTest.lines(s), named: "compare-100x30")
    }

    @Test func helpAt80x24() throws {
        let (s, _) = try AppTest.play("?", on: AppTest.state(width: 80, height: 24))
        AppTest.assertSnapshot(AppTest.lines(s), named: "help-80x24")
    }

    @Test func tooSmall() {
        let s = AppTest.state(width: 50, height: 12)
        let lines = AppTest.lines(s)
        #expect(lines.count == 12)
        #expect(lines.contains { $0.contains("terminal too small: need 60×16, have 50×12") })
        AppTest.assertSnapshot(lines, named: "too-small-50x12")
    }
}
