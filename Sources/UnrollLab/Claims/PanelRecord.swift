import Foundation
import UnrollEngine
import UnrollLessons
import UnrollTasks

/// The figures of a panel as claim values, named as `lessons/README.md` documents them.
public enum PanelRecord {
    /// Everything a claim can read of a panel: the figures of its current weights on the example
    /// on screen, its held-out figures, and its training run once it has one.
    public static func record(_ panel: Panel) throws -> [String: ClaimValue] {
        guard let e = panel.experiment, let f = panel.figures else {
            throw EngineError("panel '\(panel.label)' has no model: \(panel.problem ?? "it could not be built")")
        }
        var r = record(f, experiment: e)
        if !f.reachComputed { r["reach"] = nil }
        r["update_norm"] = .number(panel.updateNorm ?? updateNorm(f, experiment: e))
        if let h = panel.heldOut {
            r["heldout_loss"] = .number(h.loss)
            r["accuracy"] = .number(h.accuracy ?? .nan)
            r["baseline_loss"] = .number(h.baseline ?? .nan)
        } else {
            r["baseline_loss"] = .number(e.task.baselineLoss ?? .nan)
        }
        if let t = panel.training {
            let run = t.run
            let tail = run.losses.suffix(max(1, run.losses.count / 10))
            r["losses"] = .vector(run.losses)
            r["grad_norms"] = .vector(run.gradientNorms)
            r["update_norms"] = .vector(run.updateNorms)
            r["dh_first"] = .vector(run.firstStepGradients)
            r["iteration"] = .number(Double(run.iteration))
            r["train_loss"] = .number(tail.isEmpty ? .nan : tail.reduce(0, +) / Double(tail.count))
        }
        if let emb = e.model.parameters.embedding { r["embedding"] = .matrix(emb.rowArrays) }
        // The sequence itself: inputs (dense: steps × inputs; symbols: 1-based indices), targets
        // (values, or 1-based classes with nan where a step is not scored) and predictions.
        switch f.example.input {
        case .vectors(let v): r["x"] = .matrix(v)
        case .symbols(let s): r["x"] = .vector(s.map { Double($0 + 1) })
        }
        switch f.example.target {
        case .values(let v): r["target"] = .matrix(v)
        case .classes(let c): r["target"] = .vector(zip(c, f.scored).map { $1 && $0 >= 0 ? Double($0 + 1) : .nan })
        }
        // Softmax probabilities (steps × outputs), the legal next symbols (Reber, 1/0), right or
        // wrong per scored step, and the embedding's cosine similarities.
        if let p = f.probabilities {
            r["p"] = .matrix(p.p)
            if let legal = p.legal {
                r["legal"] = .matrix(legal.map { set in (0..<p.names.count).map { k in set.map { $0.contains(k) ? 1 : 0 } ?? .nan } })
            }
        }
        r["correct"] = .vector(f.correct.map { $0.map { $0 ? 1 : 0 } ?? .nan })
        if let emb = e.embeddings { r["similarity"] = .matrix(emb.cosine) }
        if let g = panel.generation {
            r["generated"] = .vector(g.kind == .values ? g.values : g.symbols.map { Double($0 + 1) })
            if let truth = g.truth { r["truth"] = .vector(truth) }
            if let err = g.error { r["gen_error"] = .vector(err) }
            r["first_generated"] = .number(Double(g.firstGeneratedStep + 1))
        }
        if f.predictions != nil {
            r["prediction"] = .vector(f.y.map { row in Double((row.indices.max { row[$0] < row[$1] } ?? 0) + 1) })
        }
        return r
    }

    /// The figures as claim values, named as `lessons/README.md` documents them.
    public static func record(_ f: Figures, experiment e: Experiment) -> [String: ClaimValue] {
        var r: [String: ClaimValue] = [
            "loss": .number(f.loss),
            "dh": .vector(f.dh),
            "gain": .vector(f.gain),
            "reach": .vector(f.reach),
            "bound": .vector(f.bound),
            "sigma_max": .number(f.sigmaMax),
            "radius": .number(f.spectralRadius),
            "gamma": .number(f.gamma),
            "T": .number(Double(f.steps)),
            "H": .number(Double(f.config.hiddenSize)),
            "h": .matrix(f.h),
            "y": .matrix(f.y),
            "step_loss": .vector(f.stepLoss),
            "grad_norm": .number(f.gradientNorm),
            "scored": .vector(f.scored.map { $0 ? 1 : 0 }),
        ]
        // T × T attention weights; all zeros when the model has no attention read-out.
        r["attention"] = .matrix(f.attention ?? Array(repeating: Array(repeating: 0, count: f.steps), count: f.steps))
        if let dc = f.dc { r["dc"] = .vector(dc) }
        if let c = f.c { r["c"] = .matrix(c) }
        let gateNames: [String: String] = ["input": "input_gate", "forget": "forget_gate", "candidate": "candidate",
                                           "output": "output_gate", "reset": "reset", "update": "update", "new": "new"]
        for (name, values) in f.gates { r[gateNames[name] ?? name] = .matrix(values) }
        return r
    }

    /// The size ‖Δθ‖ of one update with the experiment's optimizer (fresh state) and clipping,
    /// on the gradient of the sequence on screen.
    public static func updateNorm(_ f: Figures, experiment e: Experiment) -> Double {
        var grads = f.gradients
        let s = e.settings
        s.clipping.apply(&grads)
        var trial = e.model.parameters
        var optimizer = Optimizer(s.optimizerSettings)
        let before = trial
        optimizer.step(&trial, gradients: grads)
        trial.forEachTensor(pairedWith: before) { a, b in for i in 0..<a.count { a[i] -= b[i] } }
        return trial.globalNorm
    }

    /// The best accuracy any classifier that sees only the bag of input symbols (counts,
    /// not order) can reach on held-out examples: for each distinct bag, the commonest answer.
    public static func bagOfWordsCeiling(_ e: Experiment) throws -> Double {
        let examples = try e.task.examples(count: 400, seed: e.settings.dataSeed &+ 99, split: .test)
        var groups: [String: [String: Int]] = [:]
        var total = 0
        for ex in examples {
            guard case .symbols(let s) = ex.input else { throw EngineError("bag_of_words_ceiling() needs a task with symbol inputs") }
            let mask = ex.mask ?? Array(repeating: 1, count: ex.length)
            var bag: [Int: Int] = [:]
            for (t, sym) in s.enumerated() where t < mask.count { bag[sym, default: 0] += 1 }
            let key = bag.keys.sorted().map { "\($0):\(bag[$0]!)" }.joined(separator: ",")
            var answers: [String] = []
            switch ex.target {
            case .classes(let c): answers = zip(c, mask).filter { $0.1 != 0 }.map { "\($0.0)" }
            case .values(let v): answers = zip(v, mask).filter { $0.1 != 0 }.map { "\($0.0)" }
            }
            for a in answers { groups[key, default: [:]][a, default: 0] += 1; total += 1 }
        }
        guard total > 0 else { return .nan }
        let best = groups.values.reduce(0) { $0 + ($1.values.max() ?? 0) }
        return Double(best) / Double(total)
    }

}
