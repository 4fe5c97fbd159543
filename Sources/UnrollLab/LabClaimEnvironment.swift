import Foundation
import UnrollEngine
import UnrollLessons
import UnrollTasks

/// Evaluates lesson claims against the engine: the figures of a page's experiment, plus
/// `with(…)` (a variant on the same inputs and seed) and `train(…)` (a training run).
///
/// Training runs are cached by their settings, so several claims about one run train once.
public final class LabClaimEnvironment: ClaimEnvironment, @unchecked Sendable {
    public let experiment: Experiment
    private let figures: Figures
    private var variantCache: [String: ClaimValue] = [:]
    private let lock = NSLock()

    /// Whether the experiment's weights are the freshly initialised ones (then training runs
    /// depend only on the settings and may be shared).
    private let startsFresh: Bool

    public init(_ experiment: Experiment) throws {
        self.experiment = experiment
        self.figures = try experiment.figures()
        self.startsFresh = (try? experiment.reset())?.model == experiment.model
    }

    public var knownNames: [String] { Array(ClaimVocabulary.standard.names) }

    public func value(named name: String) throws -> ClaimValue? {
        LabClaimEnvironment.record(figures, experiment: experiment)[name]
    }

    public func call(_ name: String, arguments: [ClaimValue], keywords: [String: ClaimValue]) throws -> ClaimValue? {
        switch name {
        case "with":
            guard arguments.isEmpty else { throw EngineError("with(…) takes only key=value settings, e.g. with(cell=lstm)") }
            let key = keywords.keys.sorted().map { "\($0)=\(keywords[$0]!)" }.joined(separator: ",")
            if let cached = lock.withLock({ variantCache[key] }) { return cached }
            let variant = try LabClaimEnvironment.variant(experiment, keywords, allowTraining: false)
            let result = ClaimValue.record(LabClaimEnvironment.record(try variant.experiment.figures(), experiment: variant.experiment))
            lock.withLock { variantCache[key] = result }
            return result
        case "cosine":
            guard arguments.count == 2, case .vector(let a) = arguments[0], case .vector(let b) = arguments[1], a.count == b.count else {
                throw EngineError("cosine(a, b) needs two vectors of the same length")
            }
            let d = Vector.dot(a, b), n = Vector.norm(a) * Vector.norm(b)
            return .number(n > 0 ? d / n : .nan)
        case "symbol":
            guard arguments.count == 1, case .text(let word) = arguments[0] else {
                throw EngineError("symbol(\"word\") needs one word of the task's vocabulary")
            }
            guard let names = experiment.task.shape.input.symbolNames, let k = names.firstIndex(of: word) else {
                throw EngineError("'\(word)' is not in the task's vocabulary")
            }
            return .number(Double(k + 1))
        case "bag_of_words_ceiling":
            return .number(try LabClaimEnvironment.bagOfWordsCeiling(experiment))
        case "train":
            guard arguments.isEmpty else { throw EngineError("train(…) takes only key=value settings, e.g. train(steps=500)") }
            let variant = try LabClaimEnvironment.variant(experiment, keywords, allowTraining: true)
            // Runs are a pure function of the settings (fresh weights, seeded batches), so identical
            // runs asked for on different pages, or by different lessons, train once.
            let key = TrainingKey(settings: variant.experiment.settings, steps: variant.steps)
            if startsFresh, let cached = TrainingCache.shared.get(key) { return cached }
            let result = try LabClaimEnvironment.train(variant.experiment, steps: variant.steps)
            if startsFresh { TrainingCache.shared.set(key, result) }
            return result
        default:
            return nil
        }
    }

    /// The figures as claim values, named as `lessons/README.md` documents them.
    static func record(_ f: Figures, experiment e: Experiment) -> [String: ClaimValue] {
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
        // The size of one update with the lesson's optimizer and clipping, on the sequence on screen.
        var grads = f.gradients
        let s = e.settings
        s.clipping.apply(&grads)
        var trial = e.model.parameters
        var optimizer = Optimizer(s.optimizerSettings)
        let before = trial
        optimizer.step(&trial, gradients: grads)
        trial.forEachTensor(pairedWith: before) { a, b in for i in 0..<a.count { a[i] -= b[i] } }
        r["update_norm"] = .number(trial.globalNorm)
        return r
    }

    /// An experiment changed by claim keywords; `steps` (for training) defaults to the lesson's.
    static func variant(_ base: Experiment, _ kw: [String: ClaimValue], allowTraining: Bool) throws -> (experiment: Experiment, steps: Int) {
        var steps = base.settings.steps
        var s = base.settings
        func text(_ v: ClaimValue) -> String {
            switch v {
            case .text(let t): return t
            case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
            case .bool(let b): return b ? "true" : "false"
            default: return v.description
            }
        }
        func number(_ k: String, _ v: ClaimValue) throws -> Double {
            if case .number(let d) = v { return d }
            if case .text(let t) = v, let d = Double(t) { return d }
            throw EngineError("\(k)= needs a number, got \(v.kindDescription)")
        }
        func integer(_ k: String, _ v: ClaimValue, _ range: ClosedRange<Int>) throws -> Int {
            let d = try number(k, v)
            guard d == d.rounded(), d >= Double(range.lowerBound), d <= Double(range.upperBound) else {
                throw EngineError("\(k)= must be a whole number in \(range.lowerBound)…\(range.upperBound)")
            }
            return Int(d)
        }
        func pick<E: RawRepresentable & CaseIterable>(_ k: String, _ v: ClaimValue, _: E.Type) throws -> E where E.RawValue == String {
            guard let e = E(rawValue: text(v)) else {
                throw EngineError("\(k)=\(text(v)) is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return e
        }
        // The task comes first: the other keywords may be settings of the task it names.
        if let t = kw["task"] {
            s.task = text(t)
            s.taskSettings = [:]
        }
        let taskKeys = Set(TaskCatalog.all.first { $0.name == s.task }?.settingSpecs.map(\.name) ?? [])
        for (k, v) in kw.sorted(by: { $0.key < $1.key }) where k != "task" {
            switch k {
            case "cell": s.cell = try pick(k, v, CellKind.self)
            case "activation": s.activation = try pick(k, v, Activation.self)
            case "init": s.initScheme = try pick(k, v, InitScheme.self)
            case "radius": s.radius = try number(k, v)
            case "weight_scale": s.weightScale = try number(k, v)
            case "hidden": s.hidden = try integer(k, v, 1...1024)
            case "layers": s.layers = try integer(k, v, 1...8)
            case "forget_bias": s.forgetBias = try number(k, v)
            case "peepholes": s.peepholes = text(v) == "true" || text(v) == "on" || text(v) == "1"
            case "attention":
                switch text(v).lowercased() {
                case "true", "on", "1", "yes": s.attention = true
                case "false", "off", "0", "no": s.attention = false
                default: throw EngineError("attention=\(text(v)) must be on or off")
                }
            case "dropout": s.dropout = try number(k, v)
            case "seed": s.seed = UInt64(try integer(k, v, 0...Int(Int32.max)))
            case "embedding_size": s.embeddingSize = try integer(k, v, 0...1024)
            case "clip": s.clipNorm = text(v) == "off" ? nil : try number(k, v)
            case "clip_value": s.clipValue = text(v) == "off" ? nil : try number(k, v)
            case "truncate": s.truncation = text(v) == "off" ? nil : try integer(k, v, 1...100_000)
            case "steps" where allowTraining: steps = try integer(k, v, 0...100_000)
            case "batch" where allowTraining: s.batch = try integer(k, v, 1...1024)
            case "lr" where allowTraining: s.learningRate = try number(k, v)
            case "momentum" where allowTraining: s.momentum = try number(k, v)
            case "optimizer" where allowTraining: s.optimizer = try pick(k, v, OptimizerKind.self)
            default:
                if taskKeys.contains(k) || k == "length" { s.taskSettings[k] = text(v); continue }
                let known = ["cell", "activation", "init", "radius", "weight_scale", "hidden", "layers", "forget_bias",
                             "peepholes", "attention", "dropout", "seed", "embedding_size", "clip", "clip_value", "truncate"]
                    + (allowTraining ? ["steps", "batch", "lr", "momentum", "optimizer"] : []) + taskKeys.sorted()
                throw EngineError("unknown setting \(k)= (known: \(known.joined(separator: ", ")))")
            }
        }
        if s.cell != .lstm { s.forgetBias = nil; s.peepholes = false }
        let e = try base.changed { $0 = s }
        return (e, steps)
    }

    /// The best accuracy any classifier that sees only the bag of input symbols (counts,
    /// not order) can reach on held-out examples: for each distinct bag, the commonest answer.
    static func bagOfWordsCeiling(_ e: Experiment) throws -> Double {
        let examples = try e.task.examples(count: 400, seed: e.settings.seed &+ 99, split: .test)
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

    /// Trains and reports what claims may ask about the run.
    static func train(_ e: Experiment, steps: Int) throws -> ClaimValue {
        var run = TrainingRun(e)
        let before = try run.evaluate()
        for _ in 0..<steps { try run.step() }
        let after = try run.evaluate()
        let trained = run.current
        let f = try trained.figures()
        let firstStepHistory = run.hiddenGradientHistory.map { $0.first ?? .nan }
        let tail = run.losses.suffix(max(1, run.losses.count / 10))
        // Every figure of the trained model on the example on screen (h, c, gates, dc, gain, …),
        // then the run's own numbers.
        var r = record(f, experiment: trained)
        let runFigures: [String: ClaimValue] = [
            "final_loss": .number(after.loss),
            "initial_loss": .number(before.loss),
            "train_loss": .number(tail.isEmpty ? .nan : tail.reduce(0, +) / Double(tail.count)),
            "losses": .vector(run.losses),
            "grad_norms": .vector(run.gradientNorms),
            "update_norms": .vector(run.updateNorms),
            "dh": .vector(f.dh),
            "dh_first": .vector(firstStepHistory),
            "loss": .number(f.loss),
            "steps": .number(Double(steps)),
        ]
        r.merge(runFigures) { _, run in run }
        if let e = trained.model.parameters.embedding { r["embedding"] = .matrix(e.rowArrays) }
        r["baseline_loss"] = .number(after.baseline ?? .nan)
        r["accuracy"] = .number(after.accuracy ?? .nan)
        r["initial_accuracy"] = .number(before.accuracy ?? .nan)
        return .record(r)
    }
}

/// Identifies a training run: the settings it starts from and how many updates it takes.
struct TrainingKey: Hashable {
    var settings: ExperimentSettings
    var steps: Int
}

/// Training results shared by every claim environment in the process.
final class TrainingCache: @unchecked Sendable {
    static let shared = TrainingCache()
    private var entries: [TrainingKey: ClaimValue] = [:]
    private let lock = NSLock()
    func get(_ k: TrainingKey) -> ClaimValue? { lock.withLock { entries[k] } }
    func set(_ k: TrainingKey, _ v: ClaimValue) { lock.withLock { entries[k] = v } }
}

/// The outcome of checking every claim of a lesson.
public struct ClaimCheck: Sendable {
    public var lesson: String
    public var page: Int
    public var line: Int
    public var source: String
    public var holds: Bool
    public var message: String
}

/// Checks lessons' claims against the engine.
public enum LessonChecker {
    /// "holds (left 3.1e-09, right 1.2e-05)" for a passing comparison.
    static func describe(_ r: ClaimResult) -> String {
        if let l = r.left, let rt = r.right { return "holds (\(l) vs \(rt))" }
        return "holds"
    }

    /// Evaluates every claim of every page; an error evaluating a claim counts as a failure.
    public static func check(_ lesson: Lesson, dataDirectory: URL?) -> [ClaimCheck] {
        var out: [ClaimCheck] = []
        for (index, page) in lesson.pages.enumerated() where !page.claims.isEmpty {
            let env: LabClaimEnvironment
            do {
                env = try LabClaimEnvironment(Experiment(ExperimentSettings(lesson: lesson, page: index), dataDirectory: dataDirectory))
            } catch {
                for claim in page.claims {
                    out.append(ClaimCheck(lesson: lesson.path, page: index + 1, line: claim.line, source: claim.source,
                                          holds: false, message: "cannot set up the page's model: \(error)"))
                }
                continue
            }
            for claim in page.claims {
                do {
                    let result = try ClaimEvaluator.check(claim.expression, in: env)
                    out.append(ClaimCheck(lesson: lesson.path, page: index + 1, line: claim.line, source: claim.source,
                                          holds: result.holds, message: result.message ?? LessonChecker.describe(result)))
                } catch {
                    out.append(ClaimCheck(lesson: lesson.path, page: index + 1, line: claim.line, source: claim.source,
                                          holds: false, message: "\(error)"))
                }
            }
        }
        return out
    }
}
