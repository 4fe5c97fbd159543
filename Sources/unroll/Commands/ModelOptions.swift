import ArgumentParser
import Foundation
import UnrollEngine

/// `--model FILE.safetensors --input X.csv [--target Y.csv] …`: a PyTorch model and the sequence to
/// run it on, shared by `trace`, `open` and `export`.
struct ModelOptions: ParsableArguments {
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

    /// The first flag given that only makes sense with `--model`, if any.
    var strayFlag: String? {
        let modelOnly: [(String, String?)] = [("--input", input), ("--target", target), ("--loss", loss), ("--loss-at", lossAt),
                                              ("--activation", activation), ("--cell", cell), ("--readout", readout), ("--embedding", embedding)]
        return modelOnly.first(where: { $0.1 != nil })?.0
    }

    /// Loads the model and its sequence; a bad file or flag ends the program with one line and status 2.
    func load() -> ImportedRun {
        guard let model else { fail("give --model FILE.safetensors") }
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
        return Self.orFail(model) { try ImportedRun.load(model: model, input: input, target: target, options: options) }
    }

    /// `body`'s value, or one line naming `model` and what went wrong, and status 2.
    static func orFail<T>(_ model: String, _ body: () throws -> T) -> T {
        do {
            return try body()
        } catch let e as ImportError {
            fail(e.description)
        } catch let e as EngineError {
            fail("\(model): \(e.message)")
        } catch {
            fail("\(model): \(error)")
        }
    }
}
