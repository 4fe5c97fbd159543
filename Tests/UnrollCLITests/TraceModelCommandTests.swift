import Foundation
import Testing
import TestSupport

/// `unroll trace --model` and `unroll train --save` end to end, through the real binary.
struct TraceModelCommandTests {
    static func trace(_ name: String, extra: [String] = [], target: Bool = true) throws -> CLI.Result {
        let f = Fixtures.Model(name)
        return try CLI.run(["trace", "--model", f.model.path, "--input", f.input.path]
                           + (target ? ["--target", f.target.path] : []) + (try f.answers().flags) + extra)
    }

    @Test(arguments: Fixtures.modelNames)
    func reproducesPyTorch(name: String) throws {
        let r = try Self.trace(name)
        #expect(r.status == 0, "\(r.stderr)")
        let produced = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        let expected = try Fixtures.Model(name).answers().expected
        for leaf in ExpectedAnswers.compare(produced: produced, expected: expected) where leaf.problem != nil {
            Issue.record("\(name) \(leaf.path): \(leaf.problem!)")
        }
    }

    @Test func withoutATargetTheGradientsAreNull() throws {
        let r = try Self.trace("lstm_stacked", target: false)
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(out["loss"] is NSNull && out["grads"] is NSNull && out["dh_norms"] is NSNull)
        #expect((out["y"] as? [Any])?.count == 12 && (out["layers"] as? [Any])?.count == 2)
    }

    /// Each broken run gets one line on stderr naming the file (and line), status 2, nothing on stdout.
    @Test func badFilesAndFlagsGetOneLineAndStatus2() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = Fixtures.Model("lstm_stacked")
        let bytes = try Data(contentsOf: good.model)
        func file(_ name: String, _ data: Data) throws -> String {
            let url = dir.appendingPathComponent(name)
            try data.write(to: url)
            return url.path
        }
        let truncated = try file("truncated.safetensors", bytes.prefix(300))
        var hugeLength = bytes
        hugeLength.replaceSubrange(0..<8, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        let huge = try file("huge.safetensors", hugeLength)
        // The same file with one tensor renamed as a bidirectional stack names it (length field updated).
        let n = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        let header = String(decoding: bytes[8..<(8 + n)], as: UTF8.self)
            .replacingOccurrences(of: "model.rnn.weight_ih_l1", with: "model.rnn.weight_ih_l0_reverse")
        let renamed = Data((0..<8).map { UInt8(truncatingIfNeeded: header.utf8.count >> (8 * $0)) }) + Data(header.utf8) + bytes[(8 + n)...]
        let bidirectional = try file("bi.safetensors", renamed)
        let badInput = try file("x.csv", Data("0.1,0.2\n0.3,oops\n".utf8))
        let shortTarget = try file("y.csv", Data("0.1,0.2\n".utf8))
        let m = good.model.path, x = good.input.path, y = good.target.path
        let cases: [(String, [String], [String])] = [
            ("truncated", ["trace", "--model", truncated, "--input", x], ["truncated.safetensors: ", "bytes"]),
            ("huge length", ["trace", "--model", huge, "--input", x], ["huge.safetensors: ", "header length"]),
            ("bidirectional", ["trace", "--model", bidirectional, "--input", x], ["bi.safetensors: ", "bidirectional"]),
            ("bad CSV value", ["trace", "--model", m, "--input", badInput], ["x.csv:2: ", "'oops'"]),
            ("short target", ["trace", "--model", m, "--input", x, "--target", shortTarget], ["y.csv: ", "1 row of targets for 12 input steps"]),
            ("missing model", ["trace", "--model", dir.appendingPathComponent("nope.safetensors").path, "--input", x], ["nope.safetensors: no such file"]),
            ("no input", ["trace", "--model", m], ["--input"]),
            ("case and model", ["trace", Fixtures.caseFiles[0].path, "--model", m, "--input", x], ["not both"]),
            ("input without model", ["trace", Fixtures.caseFiles[0].path, "--input", x], ["--input goes with --model"]),
            ("sigmoid", ["trace", "--model", m, "--input", x, "--activation", "sigmoid"], ["--activation sigmoid", "tanh, relu"]),
            ("activation on an LSTM", ["trace", "--model", m, "--input", x, "--target", y, "--activation", "relu"], ["lstm_stacked.safetensors: ", "nn.RNN"]),
            ("wrong cell", ["trace", "--model", m, "--input", x, "--cell", "gru"], ["--cell gru", "lstm"]),
            ("unknown read-out", ["trace", "--model", m, "--input", x, "--readout", "fc"], ["--readout 'fc'", "'model.head'"]),
            ("classes for mse", ["trace", "--model", Fixtures.Model("gru_ce_last").model.path, "--input", Fixtures.Model("gru_ce_last").input.path,
                                 "--target", Fixtures.Model("gru_ce_last").target.path], ["gru_ce_last.target.csv:1: ", "cross-entropy"]),
        ]
        for (what, args, mentions) in cases {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(what): status \(r.status) \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(what): \(r.stderr)")
            for mention in mentions { #expect(r.stderr.contains(mention), "\(what): \(r.stderr)") }
            #expect(r.stdout.isEmpty, "\(what)")
        }
    }

    @Test func aModelTrainedAndSavedByUnrollTracesUnderPyTorchsNames() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let saved = dir.appendingPathComponent("adding.safetensors").path
        let train = try CLI.run(["train", "--task", "adding", "--length", "8", "--cell", "gru", "--hidden", "5", "--layers", "2",
                                 "--steps", "3", "--batch", "2", "--save", saved])
        #expect(train.status == 0, "\(train.stderr)")
        let x = dir.appendingPathComponent("x.csv")
        try Data((0..<8).map { t in "\(Double(t) / 8),\(t == 2 || t == 5 ? 1 : 0)\n" }.joined().utf8).write(to: x)
        let y = dir.appendingPathComponent("y.csv")
        try Data("0.875\n".utf8).write(to: y)
        let r = try CLI.run(["trace", "--model", saved, "--input", x.path, "--target", y.path, "--loss-at", "last_step"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let grads = try #require(out["grads"] as? [String: Any])
        #expect(Set(grads.keys) == Set(["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                                        "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
                                        "head.weight", "head.bias"]))
        #expect((grads["rnn.weight_ih_l0"] as? [[Any]])?.count == 15)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["adding.safetensors", "x.csv", "y.csv"])

        let refused = try CLI.run(["train", "--task", "adding", "--cell", "rnn", "--activation", "sigmoid", "--steps", "1",
                                   "--save", dir.appendingPathComponent("s.safetensors").path])
        #expect(refused.status == 2 && refused.stderr.contains("tanh or relu"), "\(refused.stderr)")
        let noFolder = try CLI.run(["train", "--task", "adding", "--steps", "1", "--save", "/nonexistent/dir/m.safetensors"])
        #expect(noFolder.status == 2 && noFolder.stderr.contains("does not exist"), "\(noFolder.stderr)")
    }
}
