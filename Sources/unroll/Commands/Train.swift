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

    @OptionGroup var training: TrainingOptions
    @Option(parsing: .unconditional, help: "Sequence length T (default: the task's, see below).") var length: Int?
    @Option(help: ArgumentHelp("Write the trained model as a PyTorch state_dict (safetensors, F64).",
                               discussion: "Names: rnn.weight_ih_l0 … rnn.bias_hh_lN, head.weight, head.bias, and embed.weight for embedded inputs: load it with model.load_state_dict(load_file(FILE)) into a module with submodules embed (nn.Embedding), rnn (nn.RNN/LSTM/GRU) and head (nn.Linear)."))
    var save: String?
    @Flag(help: "Print a JSON summary line at the end.") var json = false
    @Flag(help: "List the tasks and their settings with their defaults.") var list = false
    @OptionGroup var options: LessonOptions

    func run() throws {
        if list {
            Out.line(Self.taskList)
            return
        }
        guard let task = training.task else { fail("--task is required (see `unroll train --list`)") }
        var s = training.settings(task: task)
        if let length { FlagRange.whole(length, "--length", 1...EngineLimits.maxSteps) }
        if let length { s.taskSettings["length"] = String(length) }
        let experiment: Experiment
        do { experiment = try Experiment(s, dataDirectory: options.dataDirectoryIfAny) } catch { fail("\(error)") }
        if let save {
            // Refuse before training what cannot be saved, or saved there.
            do { try StateDictNames.checkExportable(experiment.model.config) } catch { fail("--save: \(error)") }
            let folder = URL(fileURLWithPath: save).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                fail("--save \(save): the folder \(folder) does not exist")
            }
        }
        let start = Date()
        let run = training.train(experiment)
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
        let steps = training.steps
        // "No better": not below the baseline, or not a number at all.
        let beatsBaseline = eval.baseline.map { eval.loss < $0 }
        if json {
            func num(_ v: Double?) -> String { v.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
            let beats = beatsBaseline.map { "\($0)" } ?? "null"
            Out.line("{\"task\": \"\(task)\", \"cell\": \"\(training.cell)\", \"final_loss\": \(num(eval.loss)), \"baseline_loss\": \(num(eval.baseline)), \"beats_baseline\": \(beats), \"accuracy\": \(num(eval.accuracy)), \"seconds\": \(num(seconds)), \"steps\": \(steps)}")
        } else {
            Out.line(String(format: "held-out loss %.5f", eval.loss) + (eval.baseline.map { String(format: " (baseline %.5f)", $0) } ?? "")
                  + (eval.accuracy.map { String(format: ", accuracy %.1f%%", $0 * 100) + experiment.task.accuracyRule } ?? "")
                  + String(format: ", %.1fs", seconds))
            if beatsBaseline == false {
                Out.line("No better than the baseline: after \(steps) steps the model does no better than the task's trivial answer. "
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
            Err.write("\r" + line)
        } else if now.timeIntervalSince(lastLine) >= Train.progressInterval && step < steps {
            lastLine = now
            let line = String(format: "step %d/%d  loss %.5f  %.0fs", step, steps, Self.meanOfRecent(losses), now.timeIntervalSince(start))
            Err.line(line)
        }
    }

    func finish() {
        if interactive && steps > 0 { Err.write("\n") }
    }
}
