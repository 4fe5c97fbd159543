import ArgumentParser
import Foundation
import UnrollEngine
import UnrollLab
import UnrollTasks

/// The model and training flags `unroll train` and `unroll generate` share, with the same
/// defaults, and the training loop they both run (progress on stderr).
struct TrainingOptions: ParsableArguments {
    @Option(help: "The task (see `unroll train --help` or --list).") var task: String?
    @Option(help: "rnn, lstm or gru.") var cell: String = "lstm"
    @Option(help: "tanh, relu, sigmoid or identity (RNN only).") var activation: String = "tanh"
    @Option(help: "default, xavier, orthogonal or identity.") var `init`: String = "default"
    @Option(help: "Hidden units H.") var hidden: Int = 16
    @Option(help: "Stacked layers.") var layers: Int = 1
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

    /// The experiment settings these flags describe; a bad flag exits with one line.
    func settings(task: String) -> ExperimentSettings {
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
        var progress = Progress(steps: steps, interactive: isatty(2) != 0, start: Date())
        for k in 0..<steps {
            do { try run.step() } catch { fail("step \(k + 1): \(error)") }
            progress.report(step: k + 1, losses: run.losses)
        }
        progress.finish()
        return run
    }
}
