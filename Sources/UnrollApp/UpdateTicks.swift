import Foundation
import UnrollDraw
import UnrollLab

/// The clock: playback of the forward and backward passes, and training, at the state's pace.
extension Update {
    /// Advances the animation and every running training run by the time that passed.
    static func tick(_ state: AppState, milliseconds: Int, budget: Int) -> AppState {
        var s = state
        // The held-out figures of weights changed by the last key: their frame is already drawn.
        s.scene.settleHeldOut()
        let seconds = Double(max(0, milliseconds)) / 1000
        s = play(s, seconds: seconds)
        if s.scene.isTraining { s = train(s, seconds: seconds, budget: budget) }
        return s
    }

    /// Reveals the forward pass or the backward pass step by step.
    static func play(_ state: AppState, seconds: Double) -> AppState {
        var s = state
        guard s.animation.isPlaying else { return s }
        let n = s.steps
        let credit = s.pace.playCredit + seconds * s.pace.stepRate
        let steps = credit.isFinite ? Int(min(credit, Double(max(1, n)))) : max(1, n)
        s.pace.playCredit = credit.isFinite ? credit - Double(steps) : 0
        guard steps > 0 else { return s }
        switch s.animation {
        case .none: break
        case .forward(let r):
            if r >= n { s.animation = .none } else {
                let next = min(n, r + steps)
                s.animation = .forward(revealed: next)
                s.cursor = max(0, next - 1)
            }
        case .backward(let from):
            if from <= 0 { s.animation = .none } else {
                let next = max(0, from - steps)
                s.animation = .backward(from: next)
                s.cursor = next
            }
        }
        return s
    }

    /// Runs the updates the pace allows (at most `budget` per panel) on every training panel,
    /// side by side, and reports when runs end.
    static func train(_ state: AppState, seconds: Double, budget: Int) -> AppState {
        var s = state
        let credit = s.pace.trainCredit + seconds * s.pace.updateRate
        let wanted = credit.isFinite ? Int(min(credit, Double(Int.max / 2))) : Int.max
        let steps = max(0, min(wanted, budget))
        s.pace.trainCredit = credit.isFinite ? max(0, credit - Double(steps)) : 0
        if s.pace.trainCredit > 10 { s.pace.trainCredit = 10 }  // a slow machine does not build a backlog
        guard steps > 0 else { return s }
        let running = s.scene.panels.indices.filter { s.scene.panels[$0].isTraining }
        let before = s.scene.panels
        let trained = parallelMap(running.count) { k -> Panel in
            var p = before[running[k]]
            p.train(steps: steps)
            return p
        }
        for (k, i) in running.enumerated() { s.scene.panels[i] = trained[k] }
        for i in running {
            let p = s.scene.panels[i]
            guard let t = p.training, !t.status.isRunning else { continue }
            let who = s.scene.panels.count > 1 && s.isComparing ? "\(p.label): " : ""
            switch t.status {
            case .diverged:
                let hint = p.settings.clipNorm != nil ? "lower ρ with [" : "g turns clipping on"
                s.message = "\(who)training stopped at update \(t.run.iteration): the loss is no longer finite — the gradients exploded. r resets the weights; \(hint)"
                s.messageIsError = true
            case .failed(let why):
                s.message = "\(who)training stopped: \(why)"
                s.messageIsError = true
            case .finished where !s.scene.isTraining && !s.messageIsError:
                let counts = s.scene.panels.compactMap { $0.training?.run.iteration }
                let updates = Set(counts).count == 1 ? "\(t.run.iteration) updates" : "updates " + counts.map(String.init).joined(separator: ", ")
                s.message = "training finished: \(updates) — the panels show the trained weights (t trains further, r resets)"
            default: break
            }
        }
        return s
    }

    /// Computes what a change left for the next tick (the held-out figures of new weights), so a
    /// headless frame shows what the student sees a moment after the key.
    public static func settleHeldOut(_ state: AppState) -> AppState {
        var s = state
        s.scene.settleHeldOut()
        return s
    }

    /// Plays every animation and training run to its end (what a student sees after waiting).
    public static func finish(_ state: AppState) -> AppState {
        var s = state
        var guardCount = 0
        while s.isBusy && guardCount < 10_000 {
            s = update(s, .tick(milliseconds: 1_000_000_000, budget: .max)).0
            guardCount += 1
        }
        return s
    }
}
