import Foundation
import Testing
import TestSupport
import UnrollEngine

/// Every PyTorch model fixture through the code `unroll trace --model` runs (ImportedRun.load,
/// then ModelTrace.run), matched against PyTorch's float64 answers to relative 1e-8.
struct ModelFixtureTests {
    static let names = Fixtures.modelNames

    @Test func theFixturesAreThere() {
        for required in ["lstm_stacked", "gru_f32", "rnn_relu_nobias", "embed_lstm_ce", "gru_ce_last", "rnn_tanh_long"] {
            #expect(Self.names.contains(required), "missing fixture \(required)")
        }
    }

    @Test(arguments: names)
    func matchesPyTorch(name: String) throws {
        let fixture = Fixtures.Model(name)
        let run = try ImportedRun.load(model: fixture.model.path, input: fixture.input.path, target: fixture.target.path,
                                       options: try fixture.options())
        let produced = try JSONSerialization.jsonObject(with: Data(ModelTrace.run(run).serialized().utf8))
        let expected = try fixture.answers().expected
        #expect(!expected.isEmpty)
        let leaves = ExpectedAnswers.compare(produced: produced, expected: expected)
        for leaf in leaves where leaf.problem != nil {
            Issue.record("\(name) \(leaf.path): \(leaf.problem!)")
        }
        // Every tensor of the file has a gradient, and nothing else does.
        let file = try SafeTensorsFile.read(path: fixture.model.path)
        let grads = try #require((produced as? [String: Any])?["grads"] as? [String: Any])
        #expect(Set(grads.keys) == Set(file.tensors.map(\.name)))
        let worst = leaves.map(\.worst).max() ?? 0
        print("model fixture \(name): T = \(run.example.length), \(run.source.summary), worst relative error \(worst)")
    }
}
