import ArgumentParser
import Foundation
import UnrollEngine
import UnrollLab
import UnrollTasks

/// `unroll train`: train a model on a task from the command line.
struct Train: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: "Train a model on a task and report its held-out loss against the task's baseline.",
            discussion: """
            Progress goes to stderr: a bar in a terminal, otherwise a line at most every \(Int(progressInterval)) \
            seconds. The result is one line on stdout (or one JSON object with --json); it says so when the \
            model ends no better than the task's baseline (the loss of its trivial answer).

            The model and training options above apply to every task. Tasks and their settings \
            (change them with --length or --set key=value):

            \(taskList)
            """)
    }

    /// Seconds between progress lines when stderr is not a terminal.
    static let progressInterval = 5.0

    /// Every task with its settings and their defaults, one setting a line.
    static var taskList: String {
        TaskCatalog.all.map { t in
            (["\(t.name): \(t.summary)"] + t.settingSpecs.map { "  \($0.name)=\($0.defaultValue)  (\($0.limits)) \($0.summary)" })
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }

    @Option(help: "The task (see below, or --list).") var task: String?
    @Option(help: "rnn, lstm or gru.") var cell: String = "lstm"
    @Option(help: "tanh, relu, sigmoid or identity (RNN only).") var activation: String = "tanh"
    @Option(help: "default, xavier, orthogonal or identity.") var `init`: String = "default"
    @Option(help: "Hidden units H.") var hidden: Int = 16
    @Option(help: "Stacked layers.") var layers: Int = 1
    @Option(help: "Sequence length T (default: the task's, see below).") var length: Int?
    @Option(help: "Optimisation steps.") var steps: Int = 500
    @Option(help: "Sequences per batch.") var batch: Int = 16
    @Option(help: "sgd, adagrad, rmsprop or adam.") var optimizer: String = "adam"
    @Option(help: "Learning rate.") var lr: Double = 0.01
    @Option(help: "Clip the global gradient norm to this (default: no clipping).") var clip: Double?
    @Option(help: "Scale W_hh to this spectral radius (default: as initialised).") var radius: Double?
    @Option(help: "LSTM forget-gate bias (default: 0).") var forgetBias: Double?
    @Option(help: "Truncated BPTT window k (default: full BPTT).") var truncate: Int?
    @Option(help: "Task settings, key=value (repeatable).") var set: [String] = []
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Flag(help: "Print a JSON summary line at the end.") var json = false
    @Flag(help: "List the tasks and their settings with their defaults.") var list = false
    @OptionGroup var options: LessonOptions

    func run() throws {
        if list {
            print(Self.taskList)
            return
        }
        guard let task else { fail("--task is required (see `unroll train --list`)") }
        var s = ExperimentSettings()
        s.task = task
        guard let c = CellKind(rawValue: cell) else { fail("unknown cell '\(cell)' (rnn, lstm, gru)") }
        guard let a = Activation(rawValue: activation) else { fail("unknown activation '\(activation)' (tanh, relu, sigmoid, identity)") }
        guard let i = InitScheme(rawValue: `init`) else { fail("unknown init '\(`init`)' (default, xavier, orthogonal, identity)") }
        guard let o = OptimizerKind(rawValue: optimizer) else { fail("unknown optimizer '\(optimizer)' (sgd, adagrad, rmsprop, adam)") }
        guard (1...EngineLimits.maxHidden).contains(hidden) else { fail("--hidden \(hidden) is out of range (1…\(EngineLimits.maxHidden))") }
        guard (1...EngineLimits.maxLayers).contains(layers) else { fail("--layers \(layers) is out of range (1…\(EngineLimits.maxLayers))") }
        guard (0...10_000_000).contains(steps) else { fail("--steps \(steps) is out of range (0…10000000)") }
        guard (1...EngineLimits.maxBatch).contains(batch) else { fail("--batch \(batch) is out of range (1…\(EngineLimits.maxBatch))") }
        guard lr.isFinite, lr > 0 else { fail("--lr must be a positive number") }
        s.cell = c; s.activation = a; s.initScheme = i; s.optimizer = o
        s.hidden = hidden; s.layers = layers; s.steps = steps; s.batch = batch; s.learningRate = lr
        s.clipNorm = clip; s.radius = radius; s.truncation = truncate; s.seed = seed
        if c == .lstm { s.forgetBias = forgetBias }
        if let length { s.taskSettings["length"] = String(length) }
        for kv in set {
            let parts = kv.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { fail("--set expects key=value, got '\(kv)'") }
            s.taskSettings[parts[0]] = parts[1]
        }
        let experiment: Experiment
        do { experiment = try Experiment(s, dataDirectory: options.dataDirectoryIfAny) } catch { fail("\(error)") }
        var run = TrainingRun(experiment)
        let start = Date()
        var progress = Progress(steps: steps, interactive: isatty(2) != 0, start: start)
        for k in 0..<steps {
            do { try run.step() } catch { fail("step \(k + 1): \(error)") }
            progress.report(step: k + 1, losses: run.losses)
        }
        progress.finish()
        let eval: TrainingRun.Evaluation
        do { eval = try run.evaluate() } catch { fail("evaluation: \(error)") }
        let seconds = Date().timeIntervalSince(start)
        // "No better": not below the baseline, or not a number at all.
        let beatsBaseline = eval.baseline.map { eval.loss < $0 }
        if json {
            func num(_ v: Double?) -> String { v.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
            let beats = beatsBaseline.map { "\($0)" } ?? "null"
            print("{\"task\": \"\(task)\", \"cell\": \"\(cell)\", \"final_loss\": \(num(eval.loss)), \"baseline_loss\": \(num(eval.baseline)), \"beats_baseline\": \(beats), \"accuracy\": \(num(eval.accuracy)), \"seconds\": \(num(seconds)), \"steps\": \(steps)}")
        } else {
            print(String(format: "held-out loss %.5f", eval.loss) + (eval.baseline.map { String(format: " (baseline %.5f)", $0) } ?? "")
                  + (eval.accuracy.map { String(format: ", accuracy %.1f%%", $0 * 100) } ?? "") + String(format: ", %.1fs", seconds))
            if beatsBaseline == false {
                print("No better than the baseline: after \(steps) steps the model does no better than the task's trivial answer. "
                      + "Try more --steps, another --lr, or a shorter --length.")
            }
        }
    }
}

/// Training progress on stderr: a bar redrawn in place in a terminal; otherwise one short line
/// at most every `Train.progressInterval` seconds (none for a run shorter than that).
struct Progress {
    let steps: Int
    let interactive: Bool
    let start: Date
    var lastLine: Date
    var lastBar = -1

    init(steps: Int, interactive: Bool, start: Date) {
        self.steps = steps
        self.interactive = interactive
        self.start = start
        self.lastLine = start
    }

    static func meanOfRecent(_ losses: [Double]) -> Double {
        let recent = losses.suffix(20)
        return recent.reduce(0, +) / Double(max(recent.count, 1))
    }

    mutating func report(step: Int, losses: [Double]) {
        let now = Date()
        if interactive {
            let percent = Int(Double(step) / Double(max(steps, 1)) * 100)
            guard percent != lastBar || step == steps else { return }
            lastBar = percent
            let filled = Int(Double(step) / Double(max(steps, 1)) * 30)
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
            let line = String(format: "[%@] %d/%d  loss %.5f", bar, step, steps, Self.meanOfRecent(losses))
            FileHandle.standardError.write(Data(("\r" + line).utf8))
        } else if now.timeIntervalSince(lastLine) >= Train.progressInterval && step < steps {
            lastLine = now
            let line = String(format: "step %d/%d  loss %.5f  %.0fs", step, steps, Self.meanOfRecent(losses), now.timeIntervalSince(start))
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    func finish() {
        if interactive && steps > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
