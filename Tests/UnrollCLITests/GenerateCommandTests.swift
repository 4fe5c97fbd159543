import Foundation
import Testing
import TestSupport

/// `unroll generate` end to end: train as `unroll train` does, prime, run free.
struct GenerateCommandTests {
    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLI.run(["generate"] + arguments + ["--json"])
        #expect(r.status == 0, "\(r.stderr.suffix(300))")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(r.stdout)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func helloFromHWritesEllo() throws {
        let out = try json(["--task", "hello", "--prime", "h", "--length", "4"])
        #expect(out["generated"] as? [String] == ["e", "l", "l", "o"])
        #expect(out["prime"] as? [String] == ["h"])
    }

    /// Measured with the defaults (LSTM, H = 16, 500 Adam steps of 16 waves): errors
    /// 0.003 0.010 0.017 0.019 0.006 over the first five generated steps, then the generated
    /// wave slows down and shrinks, 0.86 at worst by step 14.
    @Test func sinePrimedWith20StepsGenerates30CloseToTheWaveAtFirst() throws {
        let out = try json(["--task", "sine", "--prime", "20", "--length", "30"])
        let generated = try #require(out["generated"] as? [Double])
        let truth = try #require(out["truth"] as? [Double])
        let error = try #require(out["error"] as? [Double])
        #expect(generated.count == 30 && truth.count == 30 && error.count == 30)
        for k in 0..<30 { #expect(abs(abs(generated[k] - truth[k]) - error[k]) < 1e-12) }
        #expect(error.prefix(5).allSatisfy { $0 < 0.05 }, "starts close to the wave: \(error.prefix(5))")
        #expect(out["prime_steps"] as? Int == 20)
    }

    @Test func seq2seqDecodesTheSourceAndShowsTheAnswer() throws {
        let out = try json(["--task", "seq2seq", "--prime", "abc", "--steps", "0"])
        #expect(out["kind"] as? String == "decoder")
        #expect(out["prime"] as? [String] == ["a", "b", "c", "<go>"])
        #expect(out["truth"] as? [String] == ["c", "b", "a", "<eos>"])
        let generated = try #require(out["generated"] as? [String])
        #expect((1...7).contains(generated.count), "at most the longest answer and <eos>")
    }

    @Test func temperatureSamplingIsReproducible() throws {
        let args = ["--task", "hello", "--steps", "20", "--length", "30", "--temperature", "1.5"]
        let a = try json(args), b = try json(args)
        #expect(a["generated"] as? [String] == b["generated"] as? [String])
        let c = try json(args + ["--sample-seed", "99"])
        #expect(a["generated"] as? [String] != c["generated"] as? [String])
    }

    @Test func badInputGetsOneLineAndStatus2BeforeAnyTraining() throws {
        for (args, words) in [
            (["--task", "adding"], "cannot generate"),
            (["--task", "hello", "--prime", "hx"], "not in the vocabulary"),
            (["--task", "sine", "--prime", "h"], "number of true steps"),
            (["--task", "hello", "--temperature=-1"], "--temperature"),
            (["--task", "hello", "--length", "0"], "1…10000"),
        ] {
            let r = try CLI.run(["generate"] + args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(words), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("loss"), "no training before the error: \(args)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
    }
}

extension GenerateCommandTests {
    /// The README's example prints exactly what it says.
    @Test func readmeExampleIsWhatTheCommandPrints() throws {
        let readme = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n").map(String.init)
        let command = try #require(lines.firstIndex { $0.hasPrefix("$ unroll generate ") })
        let arguments = lines[command].dropFirst("$ unroll ".count).split(separator: " ").map(String.init)
        let r = try CLI.run(arguments)
        #expect(r.status == 0)
        #expect(r.stdout == lines[command + 1] + "\n")
    }
}
