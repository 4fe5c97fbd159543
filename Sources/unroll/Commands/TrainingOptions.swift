import ArgumentParser
import Foundation
import UnrollEngine
import UnrollLab
import UnrollTasks
import UnrollTerminal

/// The model and training flags `unroll train` and `unroll generate` share, with the same
/// defaults, and the training loop they both run (progress on stderr).
struct TrainingOptions: ParsableArguments {
    @Option(help: "The task (see `unroll train --help` or --list).") var task: String?
    @Option(help: "rnn, lstm or gru.") var cell: String = "lstm"
    @Option(help: "tanh, relu, sigmoid or identity (RNN only).") var activation: String = "tanh"
    @Option(help: "default, xavier, orthogonal or identity.") var `init`: String = "default"
    @Option(parsing: .unconditional, help: "Hidden units H.") var hidden: Int = 16
    @Option(parsing: .unconditional, help: "Stacked layers.") var layers: Int = 1
    @Option(parsing: .unconditional, help: "Optimisation steps.") var steps: Int = 500
    @Option(parsing: .unconditional, help: "Sequences per batch.") var batch: Int = 16
    @Option(help: "sgd, adagrad, rmsprop or adam.") var optimizer: String = "adam"
    @Option(parsing: .unconditional, help: "Learning rate.") var lr: Double = 0.01
    @Option(parsing: .unconditional, help: "Clip the global gradient norm to this (default: no clipping).") var clip: Double?
    @Option(parsing: .unconditional, help: "Scale W_hh to this spectral radius (default: as initialised).") var radius: Double?
    @Option(parsing: .unconditional, help: "LSTM forget-gate bias (default: 0).") var forgetBias: Double?
    @Option(parsing: .unconditional, help: "Truncated BPTT window k (default: full BPTT).") var truncate: Int?
    @Option(help: "Task settings, key=value (repeatable).") var set: [String] = []
    @Option(parsing: .unconditional, help: "Seed.") var seed: UInt64 = 1

    /// The experiment settings these flags describe; a bad flag exits with one line.
    func settings(task: String) -> ExperimentSettings {
        var s = ExperimentSettings()
        s.task = task
        guard let c = CellKind(rawValue: cell) else { fail("unknown cell '\(cell)' (rnn, lstm, gru)") }
        guard let a = Activation(rawValue: activation) else { fail("unknown activation '\(activation)' (tanh, relu, sigmoid, identity)") }
        guard let i = InitScheme(rawValue: `init`) else { fail("unknown init '\(`init`)' (default, xavier, orthogonal, identity)") }
        guard let o = OptimizerKind(rawValue: optimizer) else { fail("unknown optimizer '\(optimizer)' (sgd, adagrad, rmsprop, adam)") }
        FlagRange.whole(hidden, "--hidden", 1...EngineLimits.maxHidden)
        FlagRange.whole(layers, "--layers", 1...EngineLimits.maxLayers)
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
        for kv in set {
            let parts = kv.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { fail("--set expects key=value, got '\(kv)'") }
            s.taskSettings[parts[0]] = parts[1]
        }
        return s
    }

    /// Trains `experiment` for `steps` updates, with progress on stderr (see `Progress`).
    func train(_ experiment: Experiment) -> TrainingRun {
        var run = TrainingRun(experiment)
        let interactive = isatty(2) != 0
        var progress = Progress(steps: steps, interactive: interactive, start: Date())
        // Ctrl-C, Ctrl-\\ (SIGQUIT: the runtime would print a backtrace and carry on), TERM, HUP …
        // stop training between two steps.
        Terminal.installSignalHandlers()
        for k in 0..<steps {
            if let signal = Terminal.takePendingSignal() {
                if interactive { Err.write("\n") }
                fail("training stopped by \(Self.signalName(signal)) after \(k) of \(steps) steps", status: 128 + signal)
            }
            do { try run.step() } catch { fail("step \(k + 1): \(error)") }
            progress.report(step: k + 1, losses: run.losses)
        }
        progress.finish()
        return run
    }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [SIGINT: "SIGINT (Ctrl-C)", SIGQUIT: "SIGQUIT (Ctrl-\\)", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP",
                                      SIGUSR1: "SIGUSR1", SIGUSR2: "SIGUSR2", SIGALRM: "SIGALRM", SIGPIPE: "SIGPIPE"]
        return names[signal] ?? "signal \(signal)"
    }
}
