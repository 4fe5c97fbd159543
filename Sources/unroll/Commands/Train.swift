import ArgumentParser
import Foundation
import UnrollEngine
import UnrollLab
import UnrollTasks
import UnrollTerminal

/// `unroll train`: train a model on a task from the command line.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model on a task, with a progress bar on stderr; --json prints a summary line.")

    @Option(help: "The task (see --list).") var task: String?
    @Option(help: "rnn, lstm or gru.") var cell: String = "lstm"
    @Option(help: "tanh, relu, sigmoid or identity (RNN only).") var activation: String = "tanh"
    @Option(help: "default, xavier, orthogonal or identity.") var `init`: String = "default"
    @Option(parsing: .unconditional, help: "Hidden units H.") var hidden: Int = 16
    @Option(parsing: .unconditional, help: "Stacked layers.") var layers: Int = 1
    @Option(parsing: .unconditional, help: "Sequence length T (tasks that have one).") var length: Int?
    @Option(parsing: .unconditional, help: "Optimisation steps.") var steps: Int = 500
    @Option(parsing: .unconditional, help: "Sequences per batch.") var batch: Int = 16
    @Option(help: "sgd, adagrad, rmsprop or adam.") var optimizer: String = "adam"
    @Option(parsing: .unconditional, help: "Learning rate.") var lr: Double = 0.01
    @Option(parsing: .unconditional, help: "Clip the global gradient norm to this.") var clip: Double?
    @Option(parsing: .unconditional, help: "Scale W_hh to this spectral radius.") var radius: Double?
    @Option(parsing: .unconditional, help: "LSTM forget-gate bias.") var forgetBias: Double?
    @Option(parsing: .unconditional, help: "Truncated BPTT window k.") var truncate: Int?
    @Option(help: "Task settings, key=value (repeatable).") var set: [String] = []
    @Option(parsing: .unconditional, help: "Seed.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Write the trained model as a PyTorch state_dict (safetensors, F64).",
                               discussion: "Names: rnn.weight_ih_l0 … rnn.bias_hh_lN, head.weight, head.bias, and embed.weight for embedded inputs: load it with model.load_state_dict(load_file(FILE)) into a module with submodules embed (nn.Embedding), rnn (nn.RNN/LSTM/GRU) and head (nn.Linear)."))
    var save: String?
    @Flag(help: "Print a JSON summary line at the end.") var json = false
    @Flag(help: "List the tasks and their settings.") var list = false
    @OptionGroup var options: LessonOptions

    func run() throws {
        if list {
            for t in TaskCatalog.all {
                Out.line("\(t.name)  — \(t.summary)")
                for s in t.settingSpecs { Out.line("    \(s.name)=\(s.defaultValue)  \(s.limits)  \(s.summary)") }
            }
            return
        }
        guard let task else { fail("--task is required (see `unroll train --list`)") }
        var s = ExperimentSettings()
        s.task = task
        guard let c = CellKind(rawValue: cell) else { fail("unknown cell '\(cell)' (rnn, lstm, gru)") }
        guard let a = Activation(rawValue: activation) else { fail("unknown activation '\(activation)' (tanh, relu, sigmoid, identity)") }
        guard let i = InitScheme(rawValue: `init`) else { fail("unknown init '\(`init`)' (default, xavier, orthogonal, identity)") }
        guard let o = OptimizerKind(rawValue: optimizer) else { fail("unknown optimizer '\(optimizer)' (sgd, adagrad, rmsprop, adam)") }
        FlagRange.whole(hidden, "--hidden", 1...EngineLimits.maxHidden)
        FlagRange.whole(layers, "--layers", 1...EngineLimits.maxLayers)
        if let length { FlagRange.whole(length, "--length", 1...EngineLimits.maxSteps) }
        FlagRange.whole(steps, "--steps", 0...10_000_000)
        FlagRange.whole(batch, "--batch", 1...EngineLimits.maxBatch)
        FlagRange.real(lr, "--lr", 0, 100, lowerOpen: true)
        if let clip { FlagRange.real(clip, "--clip", 0, 1e6, lowerOpen: true) }
        if let radius { FlagRange.real(radius, "--radius", 0, 100) }
        if let forgetBias { FlagRange.real(forgetBias, "--forget-bias", -100, 100) }
        if let truncate { FlagRange.whole(truncate, "--truncate", 1...10_000) }
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
        do { experiment = try Experiment(s, dataDirectory: options.dataDirectory) } catch { fail("\(error)") }
        if let save {
            // Refuse before training what cannot be saved, or saved there.
            do { try StateDictNames.checkExportable(experiment.model.config) } catch { fail("--save: \(error)") }
            let folder = URL(fileURLWithPath: save).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                fail("--save \(save): the folder \(folder) does not exist")
            }
        }
        var run = TrainingRun(experiment)
        let start = Date()
        let interactive = isatty(2) != 0
        // Ctrl-C, Ctrl-\\ (SIGQUIT: the runtime would print a backtrace and carry on), TERM, HUP …
        // stop training between two steps.
        Terminal.installSignalHandlers()
        for k in 0..<steps {
            if let signal = Terminal.takePendingSignal() {
                if interactive { Err.write("\n") }
                fail("training stopped by \(Self.signalName(signal)) after \(k) of \(steps) steps", status: 128 + signal)
            }
            do { try run.step() } catch { fail("step \(k + 1): \(error)") }
            if k % max(1, steps / 100) == 0 || k == steps - 1 {
                let recent = run.losses.suffix(20)
                let mean = recent.reduce(0, +) / Double(max(recent.count, 1))
                let filled = Int(Double(k + 1) / Double(max(steps, 1)) * 30)
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
                let line = String(format: "[%@] %d/%d  loss %.5f", bar, k + 1, steps, mean)
                Err.write((interactive ? "\r" + line : line + "\n"))
            }
        }
        if interactive { Err.write("\n") }
        let eval: TrainingRun.Evaluation
        do { eval = try run.evaluate() } catch { fail("evaluation: \(error)") }
        let seconds = Date().timeIntervalSince(start)
        if let save {
            let model = run.current.model
            do {
                try StateDictNames.file(model.parameters, config: model.config, bindings: StateDictNames.standard(for: model.config))
                    .write(to: save)
            } catch let e as ImportError {
                fail(e.description)
            } catch {
                fail("--save \(save): \(error)")
            }
        }
        if json {
            func num(_ v: Double?) -> String { v.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
            Out.line("{\"task\": \"\(task)\", \"cell\": \"\(cell)\", \"final_loss\": \(num(eval.loss)), \"baseline_loss\": \(num(eval.baseline)), \"accuracy\": \(num(eval.accuracy)), \"seconds\": \(num(seconds)), \"steps\": \(steps)}")
        } else {
            Out.line(String(format: "held-out loss %.5f", eval.loss) + (eval.baseline.map { String(format: " (baseline %.5f)", $0) } ?? "")
                  + (eval.accuracy.map { String(format: ", accuracy %.1f%%", $0 * 100) } ?? "") + String(format: ", %.1fs", seconds))
        }
    }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [SIGINT: "SIGINT (Ctrl-C)", SIGQUIT: "SIGQUIT (Ctrl-\\)", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP",
                                      SIGUSR1: "SIGUSR1", SIGUSR2: "SIGUSR2", SIGALRM: "SIGALRM", SIGPIPE: "SIGPIPE"]
        return names[signal] ?? "signal \(signal)"
    }
}
