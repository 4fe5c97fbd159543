import Foundation
import Testing
import TestSupport
import UnrollApp
import UnrollEngine
import UnrollLab

/// A PyTorch model opened on the screen (`unroll open --model`): its figures are PyTorch's, the
/// keys work on it, r brings back the file's weights and w writes them back under the file's names.
struct ImportedScreenTests {
    func state(_ name: String, width: Int = 100, height: Int = 30) throws -> AppState {
        let m = Fixtures.Model(name)
        let run = try ImportedRun.load(model: m.model.path, input: m.input.path, target: m.target.path)
        return AppState(imported: run, model: m.model.path, input: m.input.path, target: m.target.path, width: width, height: height)
    }

    @Test func theScreenShowsTheFilesModelAndPyTorchsNumbers() throws {
        let s = try state("lstm_stacked")
        let (_, expected) = try Fixtures.Model("lstm_stacked").answers()
        let loss = try #require(expected["loss"] as? Double)
        let f = try #require(s.figures)
        #expect(abs(f.loss - loss) <= 1e-9 * abs(loss))
        let lines = AppTest.lines(s)
        #expect(lines.contains { $0.contains("nn.LSTM(2, 6, num_layers=2) → nn.Linear(6, 2)") })
        #expect(lines[0].contains("Your model"))
        #expect(!lines.contains { $0.contains("held-out") }, "one sequence is not a held-out set")
    }

    @Test func newWeightsAndResetComeBackToTheFile() throws {
        let s0 = try state("gru_f32")
        let file = try #require(s0.experiment?.model)
        let s1 = try AppTest.play("m", on: s0).0
        #expect(s1.settings.cell == .rnn && s1.experiment?.model != file)
        let s2 = try AppTest.play("r", on: s1).0
        #expect(s2.experiment?.model == file)
        let s3 = try AppTest.play("c", on: s0).0
        #expect(s3.scene.panels.count == 4 && s3.scene.panels.allSatisfy { $0.problem == nil }, "compare builds every cell on the file's sequence")
    }

    @Test func trainingOnTheSequenceAndWritingItBack() throws {
        var s = try state("rnn_relu_nobias")
        s = Update.finish(try AppTest.play("t", on: s).0)
        #expect(s.training?.status == .finished)
        let (_, effects) = try AppTest.play("w", on: s)
        guard case .save(let path, let bytes)? = effects.first else { Issue.record("w wrote nothing"); return }
        #expect(path.hasSuffix("rnn_relu_nobias-unroll.safetensors"))
        let written = try SafeTensorsFile.parse(bytes, fileLabel: path)
        let original = try SafeTensorsFile.read(path: Fixtures.Model("rnn_relu_nobias").model.path)
        #expect(Set(written.tensors.map(\.name)) == Set(original.tensors.map(\.name)), "the file's own names and no more")
        #expect(written.tensors.map(\.values) != original.tensors.map(\.values), "the trained weights, not the file's")
    }
}
