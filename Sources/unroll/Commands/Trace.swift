import ArgumentParser
import Foundation
import UnrollEngine

/// `unroll trace CASE.json` or `unroll trace --model FILE.safetensors --input X.csv …`: run a
/// model and print every figure as JSON.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run an unroll-case/1 file, or a PyTorch model saved as safetensors, and print states, gradients and per-step norms as JSON.",
        discussion: """
        With CASE.json: one JSON object with the keys and shapes of the format's `expected` (loss, h, c, \
        y, gates, grads, dh_norms, dc_norms, state_jacobian_norms, and train_losses when the case has a \
        `train` block).

        With --model: loss, y (T × O), the top layer's h, c (LSTM), gates and dh_norms, dc_norms (LSTM), \
        the same for every layer bottom first under `layers`, and `grads`: dL/d every tensor of the file, \
        keyed by its name, in its shape. X.csv holds T rows of I numbers (one symbol index per row for a \
        model with an nn.Embedding); Y.csv T rows of O numbers (mse) or one class index per row \
        (cross_entropy). Without --target, loss, the norms and grads are null.

        Non-finite numbers are written as null. A malformed file gets a one-line error and exit status 2.
        """)

    @Argument(help: "The case file (unroll-case/1 JSON).")
    var file: String?

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        if let model = modelOptions.model {
            if let file { fail("give either a case file or --model, not both (got \(file) and --model \(model))") }
            runModel(model)
            return
        }
        if let flag = modelOptions.strayFlag { fail("\(flag) goes with --model FILE.safetensors") }
        guard let file else { fail("give a case file (CASE.json) or --model FILE.safetensors --input X.csv") }
        let c: ReferenceCase
        do {
            c = try ReferenceCase.load(path: file)
        } catch let e as CaseError {
            fail(e.description)
        }
        do {
            Out.line(try CaseRunner.run(c).serialized())
        } catch let e as EngineError {
            fail("\(file): \(e.message)")
        }
    }

    /// `--model`: the same path as `ModelTrace.run` in the tests.
    func runModel(_ model: String) {
        let run = modelOptions.load()
        Out.line(ModelOptions.orFail(model) { try ModelTrace.run(run).serialized() })
    }
}
