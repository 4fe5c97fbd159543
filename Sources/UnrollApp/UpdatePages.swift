import Foundation
import UnrollLab
import UnrollLessons

/// Moving between pages and lessons.
extension Update {
    /// Opens a page fresh: its scene (the page's panels, fresh weights), its cursor.
    public static func openPage(_ state: AppState, lesson: Int, page: Int) -> AppState {
        var s = state
        s.lessonIndex = min(max(0, lesson), s.lessons.count - 1)
        let l = s.lesson
        s.page = min(max(0, page), max(0, l.pages.count - 1))
        let p = s.currentPage
        s.clipThreshold = p?.settings.training.clip?.value ?? l.training.clip ?? 1
        s.overlay = .none
        s.animation = .none
        s.textScroll = 0
        s.unitScroll = 0
        s.message = nil
        s.messageIsError = false
        s.pace.trainCredit = 0
        s.pace.playCredit = 0
        s.scene = s.fixedScenes[s.lessonIndex] ?? Scene(lesson: l, page: s.page, dataDirectory: s.dataDirectory)
        if let problem = s.scene.panels.first(where: { $0.problem != nil })?.problem {
            s.message = "this page's model can't be built: " + problem
            s.messageIsError = true
        } else if let cut = s.scene.panels.lazy.compactMap({ $0.figures?.diagnosticsNote }).first {
            s.message = cut     // what the diagnostics budget left out on a big model
        }
        s.cursor = p?.startStep(steps: s.steps) ?? 0
        s.scroll = 0
        return s
    }

    /// Leaves the page for another. A page whose models have trained is kept as it is and
    /// restored when the student comes back (and the message says so), so training is never lost
    /// by turning a page.
    static func leavePage(_ state: AppState, toLesson lesson: Int, page: Int) -> AppState {
        var s = state
        let here = PageKey(lesson: s.lessonIndex, page: s.page)
        let trained = s.scene.panels.contains { ($0.training?.run.iteration ?? 0) > 0 }
        if trained {
            // Training stops while the page is away; `t` resumes it on return.
            var kept = s.scene
            for i in kept.panels.indices where kept.panels[i].isTraining { _ = kept.panels[i].toggleTraining() }
            s.keptScenes[here] = kept
            if s.keptScenes.count > keptLimit, let oldest = s.keptScenes.keys.first(where: { $0 != here }) {
                s.keptScenes[oldest] = nil
            }
        }
        let there = PageKey(lesson: min(max(0, lesson), s.lessons.count - 1), page: page)
        if let kept = s.keptScenes[there] {
            s = openPage(s, lesson: there.lesson, page: there.page)
            s.scene = kept
            s.message = "your trained models of this page are back (r starts the page afresh)"
        } else {
            s = openPage(s, lesson: there.lesson, page: there.page)
            if trained && s.message == nil {
                let name = there.lesson == here.lesson ? "page \(here.page + 1)" : "lesson \(state.lesson.number ?? here.lesson + 1), page \(here.page + 1)"
                s.message = "the models you trained on \(name) are kept: go back to find them as you left them"
            }
        }
        return s
    }

    /// Most pages whose trained models are kept at once.
    static let keptLimit = 8
}
