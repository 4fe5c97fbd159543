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

    @Option(help: "A PyTorch state_dict saved with safetensors (nn.RNN/LSTM/GRU, optional nn.Embedding before and nn.Linear after).")
    var model: String?

    @Option(help: "With --model: the input sequence, one CSV row per step.")
    var input: String?

    @Option(help: "With --model: the targets, one CSV row per step.")
    var target: String?

    @Option(help: "With --model: mse or cross_entropy (default mse).")
    var loss: String?

    @Option(name: .customLong("loss-at"), help: "With --model: every_step or last_step (default every_step).")
    var lossAt: String?

    @Option(help: "With --model: nn.RNN's nonlinearity, tanh or relu (default tanh; a state_dict does not say).")
    var activation: String?

    @Option(help: "With --model: rnn, lstm or gru (the shapes decide; this checks them).")
    var cell: String?

    @Option(help: "With --model: the nn.Linear read-out, by module or tensor name, when the roles are ambiguous.")
    var readout: String?

    @Option(help: "With --model: the nn.Embedding, by module or tensor name, when the roles are ambiguous.")
    var embedding: String?

    func run() throws {
        if let model {
            if let file { fail("give either a case file or --model, not both (got \(file) and --model \(model))") }
            runModel(model)
            return
        }
        let modelOnly: [(String, String?)] = [("--input", input), ("--target", target), ("--loss", loss), ("--loss-at", lossAt),
                                              ("--activation", activation), ("--cell", cell), ("--readout", readout), ("--embedding", embedding)]
        if let (flag, _) = modelOnly.first(where: { $0.1 != nil }) { fail("\(flag) goes with --model FILE.safetensors") }
        guard let file else { fail("give a case file (CASE.json) or --model FILE.safetensors --input X.csv") }
        let c: ReferenceCase
        do {
            c = try ReferenceCase.load(path: file)
        } catch let e as CaseError {
            fail(e.description)
        }
        do {
            print(try CaseRunner.run(c).serialized())
        } catch let e as EngineError {
            fail("\(file): \(e.message)")
        }
    }

    /// `--model`: the same path as `ModelTrace.run` in the tests.
    func runModel(_ model: String) {
        guard let input else { fail("--model needs --input X.csv (the sequence to run it on)") }
        func parse<T: RawRepresentable & CaseIterable>(_ flag: String, _ value: String?, _ allowed: [T]) -> T? where T.RawValue == String {
            guard let value else { return nil }
            guard let v = T(rawValue: value), allowed.contains(where: { $0.rawValue == v.rawValue }) else {
                fail("--\(flag) \(value) is not one of \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
            return v
        }
        let options = ImportOptions(cell: parse("cell", cell, CellKind.allCases),
                                    activation: parse("activation", activation, [Activation.tanh, .relu]),
                                    readout: readout, embedding: embedding,
                                    loss: parse("loss", loss, LossKind.allCases),
                                    lossAt: parse("loss-at", lossAt, LossAt.allCases))
        do {
            let run = try ImportedRun.load(model: model, input: input, target: target, options: options)
            print(try ModelTrace.run(run).serialized())
        } catch let e as ImportError {
            fail(e.description)
        } catch let e as EngineError {
            fail("\(model): \(e.message)")
        } catch {
            fail("\(model): \(error)")
        }
    }
}
