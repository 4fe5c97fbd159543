import UnrollEngine

/// A panel's training run and where it stands.
public struct PanelTraining: Sendable {
    /// Where the run stands.
    public enum Status: Sendable, Equatable {
        /// Ticks advance it.
        case running
        /// Stopped by the student (`t`); `t` resumes.
        case paused
        /// Reached its budget of updates; `t` trains a further budget.
        case finished
        /// Stopped because the loss or the update is no longer a finite number.
        case diverged
        /// Stopped by an error, with the reason.
        case failed(String)

        public var isRunning: Bool { self == .running }
    }

    public var run: TrainingRun
    public var status: Status
    /// Stop after this many updates in all (0: no limit).
    public var limit: Int
    /// The last update's report.
    public var lastReport: Trainer.StepReport?
    /// Held-out figures of the weights before the first update.
    public var heldOutBefore: Experiment.HeldOut?

    public init(run: TrainingRun, limit: Int, heldOutBefore: Experiment.HeldOut?) {
        self.run = run
        self.status = .running
        self.limit = max(0, limit)
        self.heldOutBefore = heldOutBefore
    }

    /// Updates left before the budget is reached (Int.max without a limit).
    public var remaining: Int { limit > 0 ? max(0, limit - run.iteration) : Int.max }
}

extension Panel {
    /// Starts training the panel, or pauses / resumes / extends its run. Returns what happened.
    public mutating func toggleTraining() -> TrainingToggle {
        guard let e = experiment else { return .cannotTrain(problem ?? "the model could not be built") }
        generation = nil
        if var t = training {
            switch t.status {
            case .running:
                t.status = .paused
                training = t
                refresh(full: true, heldOut: true)
                return .paused
            case .paused:
                t.status = .running
                training = t
                return .resumed
            case .finished:
                t.limit = t.run.iteration + max(1, settings.steps)
                t.status = .running
                training = t
                return .extended(by: max(1, settings.steps))
            case .diverged, .failed:
                return .cannotTrain("the run has stopped; r resets the weights")
            }
        }
        settleHeldOut()  // "(was …)" needs the figures of the weights training starts from
        training = PanelTraining(run: TrainingRun(e), limit: max(0, settings.steps), heldOutBefore: heldOut)
        return .started
    }

    /// Runs up to `steps` updates when the panel is training; returns how the run stands after.
    @discardableResult
    public mutating func train(steps: Int) -> PanelTraining.Status? {
        guard var t = training else { return nil }
        guard t.status.isRunning else { return t.status }
        let n = min(max(0, steps), t.remaining)
        do {
            for _ in 0..<n {
                let report = try t.run.step()
                t.lastReport = report
                // Past a non-finite loss or update every further step is NaN too: stop and say so.
                if !report.loss.isFinite || !report.updateNorm.isFinite { t.status = .diverged; break }
            }
            if t.status.isRunning && t.remaining == 0 { t.status = .finished }
        } catch {
            t.status = .failed(Panel.describe(error))
        }
        training = t
        experiment = t.run.current
        // While running the figures follow the weights cheaply; when the run stops they get the
        // reach diagnostics and the held-out figures as well.
        let stopped = !t.status.isRunning
        if n > 0 || stopped { refresh(full: stopped, heldOut: stopped) }
        return t.status
    }

    /// Whether the panel is training right now.
    public var isTraining: Bool { training?.status.isRunning == true }
}

/// What `t` did to a panel.
public enum TrainingToggle: Sendable, Equatable {
    case started, paused, resumed
    case extended(by: Int)
    case cannotTrain(String)
}
