import Foundation
import Testing
import TestSupport
import UnrollApp
import UnrollDraw
import UnrollEngine
import UnrollLab
import UnrollLessons

/// Issue 5: random keys across every real lesson, and overflow shown on screen and in exports.
@Suite struct HardeningTests {
    static let data = LessonLocator.dataDirectory(for: Fixtures.lessonsDirectory)
    static let lessons = LessonLocator.loader(dataDirectory: data).loadDirectory(Fixtures.lessonsDirectory.path).lessons

    /// 10,000 seeded random keys, clicks, ticks and resizes (1×1 … 300×100) through the same
    /// update and drawing code the terminal uses: always a frame of exactly the requested size.
    @Test func tenThousandRandomKeysAcrossEveryLesson() {
        #expect(Self.lessons.count >= 18)
        var rng = SeededRandom(seed: 5_2026)
        let keys: [Key] = [.left, .right, .up, .down, .home, .end, .pageUp, .pageDown, .enter, .escape, .backspace, .tab,
                           .ctrl("c"), .ctrl("l"), .ctrl("z"), .unknown]
            + "hlabmigcrnpLt?[] qxz0123456789".map { .char($0) }
        var s = AppState(lessons: Self.lessons, lessonIndex: 0, page: 0, dataDirectory: Self.data, width: 100, height: 30)
        var w = 100, h = 30
        var visited = Set<Int>()
        var steps = 0
        for step in 0..<10_000 {
            let r = rng.int(below: 100)
            let message: Message
            if r < 6 {
                w = 1 + rng.int(below: 300); h = 1 + rng.int(below: 100)
                message = .resize(width: w, height: h)
            } else if r < 12 {
                message = .tick(milliseconds: rng.int(below: 200), budget: rng.int(below: 3))
            } else if r < 15 {
                message = .key(.mouseClick(x: rng.int(below: 320) - 10, y: rng.int(below: 110) - 5))
            } else if r < 20 {
                // Jump to another lesson through the menu, so every lesson gets visited.
                message = .key(.char(rng.bernoulli(0.5) ? "n" : "L"))
            } else {
                message = .key(keys[rng.int(below: keys.count)])
            }
            let (next, effects) = update(s, message)
            s = next
            if effects.contains(.quit) {
                // A real session would end here; start again on a random lesson.
                s = AppState(lessons: Self.lessons, lessonIndex: rng.int(below: Self.lessons.count), page: 0,
                             dataDirectory: Self.data, width: w, height: h)
            }
            visited.insert(s.lessonIndex)
            let frame = view(s, width: w, height: h, glyphs: step % 2 == 0 ? .utf8 : .ascii,
                             mode: [ColorMode.monochrome, .eight, .c256][step % 3])
            #expect(frame.width == w && frame.height == h, "step \(step): frame \(frame.width)×\(frame.height) for \(w)×\(h)")
            if frame.plainLines().count != h { break }
            steps += 1
        }
        #expect(steps == 10_000)
        #expect(visited.count >= 10, "random walking should reach most lessons (reached \(visited.count))")
    }

    /// Weights scaled until the numbers overflow: the screen and the export say inf/NaN, and
    /// scaling back down recovers.
    @Test func overflowIsShownAndRecoverable() throws {
        let exploding = try #require(Self.lessons.firstIndex { $0.number == 7 })
        var s = AppState(lessons: Self.lessons, lessonIndex: exploding, page: 0, dataDirectory: Self.data, width: 120, height: 40)
        let startLoss = try #require(s.figures?.loss)
        #expect(startLoss.isFinite)
        var presses = 0
        while (s.figures?.loss.isFinite ?? false) && presses < 300 {
            s = update(s, .key(.char("]"))).0
            presses += 1
        }
        let overflowing = try #require(s.figures)
        #expect(!overflowing.loss.isFinite, "raising ρ should overflow within \(presses) presses")
        #expect(overflowing.hasNonFinite)
        let screen = view(s, width: 120, height: 40, glyphs: .utf8, mode: .monochrome).plainLines().joined(separator: "\n")
        #expect(screen.contains("inf") || screen.contains("NaN") || screen.contains("nan"), "the screen must say so:\n\(screen)")
        let csv = FiguresExport.csv(overflowing)
        #expect(csv.contains("inf") || csv.contains("nan"))
        let json = FiguresExport.json(overflowing)
        #expect(json.contains("null"))
        // Every key still works on a broken model.
        for k in "abmgc?".map({ Key.char($0) }) + [.left, .right, .end, .escape] {
            s = update(s, .key(k)).0
            _ = view(s, width: 120, height: 40, glyphs: .ascii, mode: .eight)
        }
        s = AppState(lessons: Self.lessons, lessonIndex: exploding, page: 0, dataDirectory: Self.data, width: 120, height: 40)
        for _ in 0..<presses { s = update(s, .key(.char("]"))).0 }
        #expect(!(s.figures?.loss.isFinite ?? true))
        for _ in 0..<(presses + 10) { s = update(s, .key(.char("["))).0 }
        let recovered = try #require(s.figures)
        #expect(recovered.loss.isFinite && recovered.dh.allSatisfy(\.isFinite), "scaling back must recover")
    }

    /// A click in the lesson menu opens the lesson drawn under it, also when the list has scrolled.
    @Test func menuClickOpensTheLessonUnderTheMouseWhenScrolled() throws {
        var s = AppState(lessons: Self.lessons, lessonIndex: 0, page: 0, dataDirectory: Self.data, width: 80, height: 16)
        s = update(s, .key(.char("L"))).0
        for _ in 0..<15 { s = update(s, .key(.down)).0 }
        let screen = view(s, width: 80, height: 16, glyphs: .utf8, mode: .monochrome).plainLines()
        // Find the row showing lesson 12 and click it.
        let row = try #require(screen.firstIndex { $0.contains("12. ") }, "lesson 12 should be visible:\n\(screen.joined(separator: "\n"))")
        s = update(s, .key(.mouseClick(x: 10, y: row))).0
        #expect(s.lesson.number == 12, "opened \(s.lesson.number ?? -1)")
    }

    /// Clipping switched on during live training applies to the run in progress (lesson 7:
    /// a diverging run, then clip) instead of throwing the run away.
    @Test func clippingDuringTrainingKeepsTheRunAndClipsItsUpdates() throws {
        let exploding = try #require(Self.lessons.firstIndex { $0.number == 7 })
        var s = AppState(lessons: Self.lessons, lessonIndex: exploding, page: 0, dataDirectory: Self.data, width: 120, height: 40)
        s = update(s, .key(.char("t"))).0
        // One unclipped update (this run is NaN after two, and no clipping rescues NaN).
        s = AppTest.tick(s, updates: 1)
        let before = try #require(s.training?.run.iteration)
        let figures = s.figures?.loss
        s = update(s, .key(.char("g"))).0
        #expect(s.training != nil, "the run goes on: \(s.message ?? "")")
        #expect(s.clipping)
        #expect(s.figures?.loss == figures || s.figures?.loss.isNaN == true)
        for _ in 0..<3 { s = AppTest.tick(s, updates: 1) }
        let after = try #require(s.training)
        #expect(after.run.iteration > before)
        let report = try #require(after.lastReport)
        #expect(report.clippedNorm <= s.clipThreshold * (1 + 1e-9), "updates are clipped now: \(report.clippedNorm)")
    }

    /// A run that blows up stops at the first non-finite loss and says what to do, instead of
    /// running its whole budget on NaN.
    @Test func divergingTrainingStopsAndSaysWhy() throws {
        let exploding = try #require(Self.lessons.firstIndex { $0.number == 7 })
        var s = AppState(lessons: Self.lessons, lessonIndex: exploding, page: 0, dataDirectory: Self.data, width: 120, height: 40)
        s = update(s, .key(.char("t"))).0
        for _ in 0..<20 { s = AppTest.tick(s, updates: 5) }
        let t = try #require(s.training)
        #expect(t.status == .diverged)
        #expect(t.run.iteration < 10, "stopped early, at update \(t.run.iteration)")
        #expect(s.messageIsError)
        #expect(s.message?.contains("g turns clipping on") == true, "\(s.message ?? "")")
        let screen = view(s, width: 120, height: 40, glyphs: .utf8, mode: .monochrome).plainLines().joined(separator: "\n")
        #expect(screen.contains("exploded"))
    }
}
