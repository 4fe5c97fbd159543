import Foundation
import Testing
import TestSupport

/// `unroll trace` end to end: every reference case through the real binary, and malformed files.
struct TraceCommandTests {
    @Test(arguments: Fixtures.caseFiles.map { $0.lastPathComponent })
    func traceReproducesTheReferenceCase(file: String) throws {
        let path = Fixtures.casesDirectory.appendingPathComponent(file).path
        let r = try CLI.run(["trace", path])
        #expect(r.status == 0, "\(r.stderr)")
        let produced = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let expected = try #require(root["expected"] as? [String: Any])
        #expect(Set(produced.keys) == Set(expected.keys), "keys differ: \(produced.keys.sorted()) vs \(expected.keys.sorted())")
        for (key, value) in expected {
            let tolerance = key == "state_jacobian_norms" ? 1e-6 : 1e-8
            let pairs: [(String, Any, Any?)]
            if let nested = value as? [String: Any] {
                let a = produced[key] as? [String: Any] ?? [:]
                pairs = nested.map { ("\(key).\($0.key)", $0.value, a[$0.key]) }
            } else {
                pairs = [(key, value, produced[key])]
            }
            for (name, e, a) in pairs {
                let actual = try #require(a, "\(name) missing")
                let problem = Tolerance.mismatch(actual: Tolerance.flatten(actual), expected: Tolerance.flatten(e), tolerance: tolerance)
                #expect(problem == nil, "\(file) \(name): \(problem ?? "")")
            }
        }
    }

    /// Each broken variant of a valid case gets one line on stderr naming the file, and status 2.
    @Test func malformedCasesGetAOneLineErrorAndStatus2() throws {
        let source = Fixtures.casesDirectory.appendingPathComponent("lstm_small.json")
        let text = try String(contentsOf: source, encoding: .utf8)
        var root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        root["expected"] = nil
        func variant(_ change: (inout [String: Any]) -> Void) throws -> String {
            var r = root
            change(&r)
            return String(decoding: try JSONSerialization.data(withJSONObject: r), as: UTF8.self)
        }
        let cases: [(String, String, String)] = [
            ("bad-json", String(text.prefix(200)), "not valid JSON"),
            ("missing-key", try variant { $0["hidden_size"] = nil }, "hidden_size"),
            ("wrong-shape", try variant { var p = $0["params"] as! [String: Any]; p["W_hh"] = [[1.0, 2.0]]; $0["params"] = p }, "W_hh"),
            ("unknown-cell", try variant { $0["cell"] = "transformer" }, "unknown cell"),
            ("not-an-object", "[1, 2, 3]", "object"),
            ("empty", "", "JSON"),
            ("huge-size", try variant { $0["hidden_size"] = 100000 }, "hidden_size"),
            ("wrong-type", try variant { $0["inputs"] = "abc" }, "inputs"),
        ]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-cases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, body, mention) in cases {
            let file = dir.appendingPathComponent("\(name).json")
            try body.write(to: file, atomically: true, encoding: .utf8)
            let r = try CLI.run(["trace", file.path])
            #expect(r.status == 2, "\(name): status \(r.status)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(name): \(r.stderr)")
            #expect(r.stderr.contains("\(name).json"), "\(name): \(r.stderr)")
            #expect(r.stderr.contains(mention), "\(name): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let missing = try CLI.run(["trace", dir.appendingPathComponent("nope.json").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json"))
    }
}
