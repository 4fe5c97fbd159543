import Foundation
import UnrollDraw
import UnrollLab
import UnrollLessons

/// The outcome of one check of a lesson page: a claim, or a rule every page must keep.
public struct PageCheck: Sendable {
    public var lesson: String
    /// 1-based page.
    public var page: Int
    public var line: Int
    /// The claim as written, or the rule checked (`keys: g`).
    public var source: String
    public var holds: Bool
    public var message: String
}

/// Checks lesson pages the way a student meets them: each page opens as the screen opens it;
/// `claim:` lines are checked on that state, and `after:` lines on the state reached by pressing
/// the page's keys through the same `update` the terminal uses (animations and training played
/// to their end). Every figure a claim reads must be drawn on that state's frame, and every key a
/// page asks for must change the frame.
public enum PageChecker {
    /// The terminal size the checks draw frames at (the size the README recommends).
    public static let size = (width: 100, height: 30)

    /// The app key a lesson key stands for.
    public static func key(_ k: LessonKey) -> Key {
        switch k {
        case .space: return .char(" ")
        case .left: return .left
        case .right: return .right
        case .home: return .home
        case .end: return .end
        case .tab: return .tab
        default: return .char(Character(k.rawValue))
        }
    }

    /// Checks every page of a lesson (pages in parallel).
    public static func check(_ lesson: Lesson, dataDirectory: URL?) -> [PageCheck] {
        parallelMap(lesson.pages.count) { i in check(lesson, page: i, dataDirectory: dataDirectory) }.flatMap { $0 }
    }

    /// Checks every page of these lessons, the costliest pages first, on `threads` threads (the
    /// panels of a page train in parallel as well); the results of each lesson in page order.
    public static func check(_ lessons: [Lesson], dataDirectory: URL?, threads: Int) -> [[PageCheck]] {
        let pages = lessons.indices.flatMap { l in lessons[l].pages.indices.map { (lesson: l, page: $0) } }
        let costs = pages.map { estimatedCost(lessons[$0.lesson], page: $0.page) }
        let order = pages.indices.sorted { costs[$0] > costs[$1] }
        let checked = parallelMap(order: order, threads: threads) { i in
            check(lessons[pages[i].lesson], page: pages[i].page, dataDirectory: dataDirectory)
        }
        var out = Array(repeating: [PageCheck](), count: lessons.count)
        for (i, p) in pages.enumerated() { out[p.lesson] += checked[i] }
        return out
    }

    /// A rough cost of checking a page, to start the costliest first: its panels' updates when
    /// it trains (`t`), each weighed by the size of the model and the sequences; opening a page
    /// costs 1.
    static func estimatedCost(_ lesson: Lesson, page index: Int) -> Double {
        let page = lesson.pages[index]
        var setups = SceneSetup.panels(lesson: lesson, page: index)
        if setups.count == 1 && (page.settings.compare == true || page.playedKeys.contains(.c)) {
            setups = SceneSetup.comparePanels(lesson: lesson, page: index, current: setups[0].settings)
        }
        let trainings = Double(page.playedKeys.filter { $0 == .t }.count)
        return 1 + trainings * setups.map { setup in
            let s = setup.settings
            let gates: Double = s.cell == .lstm ? 4 : s.cell == .gru ? 3 : 1
            let units = Double(s.hidden * s.layers)
            let length = Double(s.taskSettings["length"] ?? "") ?? 30
            return Double(s.steps * max(1, s.batch)) * length * gates * units * units * 1e-6
        }.reduce(0, +)
    }

    /// Checks one page (0-based).
    public static func check(_ lesson: Lesson, page index: Int, dataDirectory: URL?) -> [PageCheck] {
        let page = lesson.pages[index]
        var out: [PageCheck] = []
        func record(_ line: Int, _ source: String, _ holds: Bool, _ message: String) {
            out.append(PageCheck(lesson: lesson.path, page: index + 1, line: line, source: source, holds: holds, message: message))
        }
        let opening = AppState(lessons: [lesson], lessonIndex: 0, page: index, dataDirectory: dataDirectory,
                               width: size.width, height: size.height)
        if let problem = opening.scene.panels.first(where: { $0.problem != nil })?.problem {
            for c in page.claims { record(c.line, c.source, false, "the page's model can't be built: \(problem)") }
            return out
        }
        check(page.openingClaims, on: opening, record: record)
        let played = page.playedKeys
        guard !played.isEmpty else { return out }
        var s = opening
        for k in played {
            let before = frame(s)
            s = update(s, .key(key(k))).0
            let after = frame(s)
            if Array(before.buffer.plainLines().dropLast()) == Array(after.buffer.plainLines().dropLast()) {
                record(page.line, "keys: \(k.rawValue)", false, "pressing \(k.rawValue) changed nothing on the screen (the message line aside)")
            }
            s = Update.finish(s)
        }
        check(page.afterClaims, on: s, record: record)
        return out
    }

    /// Checks claims on one state: each must hold, and read only figures its frame draws.
    static func check(_ claims: [LessonClaim], on state: AppState, record: (Int, String, Bool, String) -> Void) {
        guard !claims.isEmpty else { return }
        let env = SceneClaimEnvironment(state.scene)
        let shown = frame(state)
        for claim in claims {
            var unseen: [String] = []
            for read in claim.expression.reads.sorted(by: { $0.name < $1.name }) {
                guard let i = try? env.panelIndex(read.panel) else { continue }  // evaluation reports it
                if !shown.shows(read.name, panel: i) {
                    let panel = read.panel == .selected ? "" : "\(read.panel)."
                    unseen.append(panel + read.name)
                }
            }
            do {
                let result = try ClaimEvaluator.check(claim.expression, in: env)
                var message = result.message ?? describe(result)
                var holds = result.holds
                if !unseen.isEmpty {
                    holds = false
                    message = "reads \(unseen.joined(separator: ", ")), which the page's \(size.width)×\(size.height) frame does not draw"
                        + (state.isComparing ? " (compare view)" : "") + "; " + message
                }
                record(claim.line, claim.source, holds, message)
            } catch {
                record(claim.line, claim.source, false, "\(error)")
            }
        }
    }

    /// The frame the checks read.
    static func frame(_ s: AppState) -> Frame {
        Screen.frame(s, width: size.width, height: size.height, glyphs: .utf8, mode: .monochrome)
    }

    /// "holds (3.1e-09 vs 1.2e-05)" for a passing comparison.
    static func describe(_ r: ClaimResult) -> String {
        if let l = r.left, let rt = r.right { return "holds (\(l) vs \(rt))" }
        return "holds"
    }
}
