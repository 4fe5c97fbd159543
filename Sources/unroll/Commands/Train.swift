import ArgumentParser
import Foundation
import UnrollEngine
import UnrollLab
import UnrollTasks

/// `unroll train`: train a model on a task from the command line.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model on a task, with a progress bar on stderr; --json prints a summary line.")

    @OptionGroup var training: TrainingOptions
    @Option(parsing: .unconditional, help: "Sequence length T (tasks that have one).") var length: Int?
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
        guard let task = training.task else { fail("--task is required (see `unroll train --list`)") }
        var s = training.settings(task: task)
        if let length { FlagRange.whole(length, "--length", 1...EngineLimits.maxSteps) }
        if let length { s.taskSettings["length"] = String(length) }
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
        if json {
            func num(_ v: Double?) -> String { v.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
            Out.line("{\"task\": \"\(task)\", \"cell\": \"\(training.cell)\", \"final_loss\": \(num(eval.loss)), \"baseline_loss\": \(num(eval.baseline)), \"accuracy\": \(num(eval.accuracy)), \"seconds\": \(num(seconds)), \"steps\": \(steps)}")
        } else {
            Out.line(String(format: "held-out loss %.5f", eval.loss) + (eval.baseline.map { String(format: " (baseline %.5f)", $0) } ?? "")
                  + (eval.accuracy.map { String(format: ", accuracy %.1f%%", $0 * 100) } ?? "") + String(format: ", %.1fs", seconds))
        }
    }

}
