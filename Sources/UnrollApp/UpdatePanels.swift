import Foundation
import UnrollDraw
import UnrollEngine
import UnrollLab
import UnrollLessons

/// The keys that change models: they act on the selected panel (the one the single view draws,
/// highlighted in compare mode).
extension Update {
    /// Changes the selected panel's settings; a failure leaves everything as it was and says why.
    static func change(_ state: AppState, _ note: String, _ edit: (inout ExperimentSettings) -> Void) -> AppState {
        var s = state
        let before = s.scene.panel
        switch before.changed(edit) {
        case .success(let (panel, change)):
            s.scene.panel = panel
            s.message = (s.isComparing ? "\(panel.label): " : "") + note
            if change == .model && before.training != nil {
                s.message! += " — its training was discarded (the model changed)"
            }
        case .failure(let error):
            s.message = "can't do that: " + error.message
            s.messageIsError = true
        }
        s.animation = .none
        return s
    }

    static func toggleActivation(_ s: AppState) -> AppState {
        guard s.settings.cell == .rnn else {
            var s = s
            s.message = "a: the activation belongs to the vanilla RNN; \(s.settings.cell.displayName) gates use fixed sigmoid/tanh (press m for RNN)"
            return s
        }
        let next: Activation = s.settings.activation == .relu ? .tanh : .relu
        return change(s, "activation \(next.rawValue) (same weights)") { $0.activation = next }
    }

    static func scaleRadius(_ s: AppState, up: Bool) -> AppState {
        let factor = up ? 1.25 : 0.8
        let current = s.settings.radius ?? s.figures?.spectralRadius ?? 1
        let base = current.isFinite && current > 0 ? current : 1
        // Far enough up that activations overflow to inf (a lesson in itself); the weights stay finite,
        // so scaling back down always recovers.
        let next = min(1e12, max(1e-6, base * factor))
        return change(s, "ρ(W_hh) = \(NumberFormat.short(next)) (weights rescaled)") { $0.radius = next }
    }

    static func toggleClipping(_ s: AppState) -> AppState {
        let on = !s.clipping
        let threshold = s.clipThreshold
        return change(s, on ? "gradient clipping on: ‖g‖ ≤ \(NumberFormat.short(threshold))" : "gradient clipping off") {
            $0.clipNorm = on ? threshold : nil
        }
    }

    /// Truncated BPTT windows `<` and `>` step through (off is full BPTT, after the longest).
    static let truncationWindows = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 300, 500, 1000]

    /// `<` / `>`: a shorter / longer truncated-BPTT window k for the selected panel.
    static func changeTruncation(_ s: AppState, longer: Bool) -> AppState {
        let windows = truncationWindows.filter { $0 < max(2, s.steps) }
        let current = s.settings.truncation
        let next: Int?
        if longer {
            guard let k = current else {
                var s = s
                s.message = "full BPTT already (< cuts the gradient every k steps)"
                return s
            }
            next = windows.first { $0 > k }
        } else {
            guard let w = windows.last else { return s }
            next = current.map { k in windows.last { $0 < k } ?? windows[0] } ?? w
        }
        let note = next.map { "truncated BPTT: the gradient is cut every \($0) steps (< shorter, > longer)" } ?? "full BPTT: no cuts"
        return change(s, note) { $0.truncation = next }
    }

    /// A new weight seed for the selected panel (same data, same example).
    static func changeSeed(_ s: AppState, by delta: Int) -> AppState {
        let current = Int(clamping: s.settings.seed)
        let next = UInt64(max(0, min(current + delta, 1 << 53)))
        return change(s, "weight seed \(next) (new weights, same data)") { $0.seed = next }
    }

    /// Another held-out example for every panel (the weights, trained or not, stay).
    static func changeExample(_ state: AppState, by delta: Int) -> AppState {
        var s = state
        let next = max(0, min(s.settings.exampleIndex + delta, Experiment.exampleLimit))
        guard next != s.settings.exampleIndex else {
            s.message = delta < 0 ? "this is the first example" : "no further examples"
            return s
        }
        var panels = s.scene.panels
        for i in panels.indices {
            switch panels[i].changed({ $0.exampleIndex = next }) {
            case .success(let (p, _)): panels[i] = p
            case .failure(let error):
                s.message = "can't show example \(next + 1): " + error.message
                s.messageIsError = true
                return s
            }
        }
        s.scene.panels = panels
        s.animation = .none
        s.message = "example \(next + 1) of the held-out set (e next, E previous)"
        return s
    }

    static func changePace(_ state: AppState, by delta: Int) -> AppState {
        var s = state
        s.pace.level = max(0, min(Pace.updatesPerSecond.count - 1, s.pace.level + delta))
        s.message = "speed \(s.pace.level + 1)/\(Pace.updatesPerSecond.count): \(s.pace.label) (+ faster, - slower)"
        return s
    }

    /// Tab: the next panel becomes the selected one (compare mode).
    static func selectPanel(_ state: AppState, by delta: Int) -> AppState {
        var s = state
        guard s.scene.panels.count > 1 else {
            s.message = "one model on this page: c compares it with others"
            return s
        }
        let n = s.scene.panels.count
        s.scene.selected = ((s.scene.selected + delta) % n + n) % n
        s.message = "selected: \(s.panel.label) — a m i [ ] g s act on it" + (s.isComparing ? "" : "; c shows all side by side")
        return s
    }

    /// `f`: the selected model runs on its own (argmax), or goes back to the example; `F` draws a
    /// sample at temperature 1 (another one at each press).
    static func toggleGeneration(_ state: AppState, sampling: Bool) -> AppState {
        var s = state
        var p = s.scene.panel
        if p.isTraining {
            s.message = "pause training first (t): the model is changing under it"
            return s
        }
        if p.generation != nil && !sampling {
            p.endGeneration()
            s.scene.panel = p
            s.message = "back to the example"
            return s
        }
        let mode: Sampling = sampling ? .temperature(1, seed: p.settings.seed &* 7919 &+ UInt64(p.samplesDrawn + 1)) : .argmax
        if let problem = p.generate(sampling: mode) {
            s.message = "can't run on its own: " + problem
            s.messageIsError = true
            return s
        }
        s.scene.panel = p
        s.animation = .none
        s.cursor = p.generation.map { $0.firstGeneratedStep } ?? 0
        s.message = sampling ? "a sample at temperature 1 (F: another, f: the example)" : "running on its own: each output is the next input (f: the example again)"
        return s
    }

    /// `~`: more noise on the task's data (0 → 0.05 → 0.1 → 0.2 → 0), same weights.
    static func changeNoise(_ s: AppState) -> AppState {
        guard let task = s.experiment?.task, type(of: task).settingSpecs.contains(where: { $0.name == "noise" }) else {
            var s = s
            s.message = "~ sets the noise of tasks that have one (the sine)"
            return s
        }
        let levels = ["0", "0.05", "0.1", "0.2"]
        let current = Double(s.settings.taskSettings["noise"] ?? "0") ?? 0
        let i = levels.firstIndex { (Double($0) ?? 0) > current + 1e-12 } ?? 0
        let next = levels[i]
        return change(s, "noise \(next) on the data (same weights)") { $0.taskSettings["noise"] = next }
    }

    /// `w`: the selected model's weights as a PyTorch state_dict (the file's own names for a model
    /// read from a file whose shape is unchanged; `rnn.*`, `head.*`, `embed.*` otherwise).
    static func saveModel(_ state: AppState) -> (AppState, [Effect]) {
        var s = state
        guard let e = s.experiment else {
            s.message = "nothing to save: the model could not be built"
            s.messageIsError = true
            return (s, [])
        }
        let params = e.model.parameters
        do {
            let file: SafeTensorsFile
            let path: String
            if let source = s.importedModels[s.lessonIndex] {
                let base = (source.file as NSString).deletingPathExtension
                path = base + "-unroll.safetensors"
                file = source.model.config == e.model.config
                    ? try source.file(params)
                    : try StateDictNames.file(params, config: e.model.config, bindings: StateDictNames.standard(for: e.model.config))
            } else {
                let label = s.panel.label.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
                path = "unroll-\(s.lesson.id)-p\(s.page + 1)-\(String(label).prefix(24)).safetensors"
                file = try StateDictNames.file(params, config: e.model.config, bindings: StateDictNames.standard(for: e.model.config))
            }
            s.message = "saving \(path)…"
            return (s, [.save(path: path, bytes: try file.encoded())])
        } catch {
            s.message = "can't save this model as a PyTorch state_dict: " + describe(error)
            s.messageIsError = true
            return (s, [])
        }
    }

    /// `c`: side by side ↔ the selected panel alone. A page with one model builds its comparison
    /// first (the lesson's `compare:` list, or the model as each kind of cell).
    static func toggleCompare(_ state: AppState) -> AppState {
        var s = state
        if s.scene.comparing {
            s.scene.comparing = false
            s.message = "single view: \(s.panel.label) (c: side by side again)"
            return s
        }
        if s.scene.panels.count == 1 {
            let setups = SceneSetup.comparePanels(lesson: s.lesson, page: s.page, current: s.settings)
            let merged = Scene.merge(current: s.panel, into: setups, dataDirectory: s.dataDirectory)
            s.scene = Scene(panels: merged.panels, selected: merged.selected, comparing: true)
        } else {
            s.scene.comparing = true
        }
        s.animation = .none
        s.message = "compare: \(s.scene.panels.count) models, same inputs, one shared axis (Tab selects, t trains them all)"
        return s
    }

    /// `t`: in compare mode every panel trains side by side on the same batches (or pauses,
    /// resumes, trains further); alone, the selected panel does.
    static func toggleTraining(_ state: AppState) -> AppState {
        var s = state
        let targets = s.scene.comparing ? Array(s.scene.panels.indices) : [s.scene.selected]
        let anyRunning = targets.contains { s.scene.panels[$0].isTraining }
        var outcomes: [TrainingToggle] = []
        for i in targets {
            var p = s.scene.panels[i]
            if anyRunning {
                if p.isTraining { outcomes.append(p.toggleTraining()) }
            } else {
                outcomes.append(p.toggleTraining())
            }
            s.scene.panels[i] = p
        }
        s.animation = .none
        s.pace.trainCredit = 0
        let who = targets.count > 1 ? "\(targets.count) models" : s.panel.label
        if let problem = outcomes.compactMap({ if case .cannotTrain(let why) = $0 { return why } else { return nil } }).first,
           outcomes.allSatisfy({ if case .cannotTrain = $0 { return true } else { return false } }) {
            s.message = "can't train: " + problem
            s.messageIsError = true
            return s
        }
        switch outcomes.first {
        case .started?:
            s.message = "training \(who): \(s.settings.steps > 0 ? "\(s.settings.steps) updates" : "no limit") at \(s.pace.label) — t pauses, + - change the speed"
        case .paused?: s.message = "training paused: the panels show the weights trained so far (t resumes)"
        case .resumed?: s.message = "training resumed (t pauses)"
        case .extended(let n)?: s.message = "training \(who) for \(n) more updates (t pauses)"
        default: break
        }
        return s
    }
}
