import ArgumentParser
import Foundation
import UnrollEngine

/// `unroll trace CASE.json`: run a model from a case file and print every figure as JSON.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run an unroll-case/1 model file and print its states, gradients and per-step norms as JSON.",
        discussion: """
        Prints one JSON object with the keys and shapes of the format's `expected` (loss, h, c, y, \
        gates, grads, dh_norms, dc_norms, state_jacobian_norms, and train_losses when the case has a \
        `train` block). Non-finite numbers are written as null. A malformed file gets a one-line error \
        and exit status 2.
        """)

    @Argument(help: "The case file (unroll-case/1 JSON).")
    var file: String

    func run() throws {
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
}
