import Foundation
import Testing
import TestSupport

/// Issue 13, input that should be refused: every flag and case field has a range, and a value
/// outside it is one line naming it and status 2 (before: "Missing value", or accepted and NaN
/// losses, or `true` read as 1).
@Suite(.serialized)
struct InputRangeTests {
    static let flags: [([String], String)] = [
        (["--steps", "-1"], "--steps"), (["--clip", "0"], "--clip"), (["--clip", "nan"], "--clip"),
        (["--radius", "nan"], "--radius"), (["--lr", "1e308"], "--lr"), (["--lr", "-0.1"], "--lr"),
        (["--truncate", "0"], "--truncate"), (["--forget-bias", "nan"], "--forget-bias"),
        (["--hidden", "-3"], "--hidden"), (["--batch", "0"], "--batch"), (["--length", "0"], "--length"),
        (["--seed", "-1"], "--seed"), (["--steps", "ten"], "--steps"),
    ]

    @Test(arguments: flags.map { $0.0.joined(separator: " ") })
    func trainRefusesOutOfRangeFlags(flag: String) throws {
        let entry = try #require(Self.flags.first { $0.0.joined(separator: " ") == flag })
        let r = try CLI.run(["train", "--task", "adding", "--cell", "lstm", "--hidden", "4", "--length", "5", "--steps", "1"] + entry.0, timeout: 60)
        #expect(r.status == 2, "\(flag): status \(r.status)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("unroll: ") && lines[0].contains(entry.1), "\(flag): \(r.stderr)")
        #expect(!r.stderr.contains("Missing value"), "\(flag): \(r.stderr)")
    }

    @Test func pagesOutOfRangeAreNamed() throws {
        let r = try CLI.run(["render", "1", "--page", "-1"])
        #expect(r.status == 2 && r.stderr.hasPrefix("unroll: --page -1"), "\(r.stderr)")
    }

    @Test func caseFieldsOutOfRangeAreNamed() throws {
        let source = Fixtures.casesDirectory.appendingPathComponent("lstm_small.json")
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any])
        root["expected"] = nil
        root["train"] = ["optimizer": "sgd", "lr": 0.1, "steps": 2, "momentum": 0.5]
        func variant(_ change: (inout [String: Any]) -> Void) throws -> String {
            var r = root
            change(&r)
            return String(decoding: try JSONSerialization.data(withJSONObject: r), as: UTF8.self)
        }
        func train(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
            { r in var t = r["train"] as! [String: Any]; t[key] = value; r["train"] = t }
        }
        let cases: [(String, String, String)] = [
            ("lr-negative", try variant(train("lr", -1)), "train.lr"),
            ("momentum-5", try variant(train("momentum", 5)), "train.momentum"),
            ("clip-zero", try variant(train("clip_norm", 0)), "train.clip_norm"),
            ("bool-in-matrix", try variant { r in
                var p = r["params"] as! [String: Any]
                var w = p["W_hh"] as! [[Any]]
                w[0][0] = true
                p["W_hh"] = w
                r["params"] = p
            }, "W_hh'[0][0]"),
            ("hidden-true", try variant { $0["hidden_size"] = true }, "hidden_size"),
            ("bool-input", try variant { r in var i = r["inputs"] as! [[Any]]; i[0][0] = false; r["inputs"] = i }, "inputs"),
        ]
        let dir = try Shell.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The unchanged variant runs: the refusals below are the changes, not the setup.
        let good = dir.appendingPathComponent("good.json")
        try try variant { _ in }.write(to: good, atomically: true, encoding: .utf8)
        let ok = try CLI.run(["trace", good.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        for (name, body, mention) in cases {
            let file = dir.appendingPathComponent("\(name).json")
            try body.write(to: file, atomically: true, encoding: .utf8)
            let r = try CLI.run(["trace", file.path])
            #expect(r.status == 2, "\(name): status \(r.status)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(mention), "\(name): \(r.stderr)")
        }
    }
}
