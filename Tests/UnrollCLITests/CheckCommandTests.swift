import Foundation
import Testing
import TestSupport

/// `unroll check` on a lesson with mistakes points at each mistake's line.
struct CheckCommandTests {
    @Test func eachMistakeIsReportedAtItsLine() throws {
        let lesson = """
        ---
        title: Broken on purpose
        model:
          cell: lsmt
          hiden: 8
        task:
          name: adding
          length: 20
        ---

        ## First page

        Some text.

        claim: dh[1] < < 3
        focus: gradient, nonsense
        claim: sigma_maxx > 0
        """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("01-broken.md")
        try lesson.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", file.path])
        #expect(r.status == 2, "status \(r.status): \(r.stdout) \(r.stderr)")
        let report = r.stdout + r.stderr
        for (line, hint) in [(4, "lstm"), (5, "hidden"), (15, "claim"), (16, "nonsense"), (17, "sigma_max")] {
            #expect(report.contains("01-broken.md:\(line):"), "no error at line \(line): \(report)")
            let lineText = report.split(separator: "\n").first { $0.contains("01-broken.md:\(line):") } ?? ""
            #expect(lineText.lowercased().contains(hint), "line \(line) should mention \(hint): \(lineText)")
        }
    }

    @Test func aFalseClaimFailsWithItsNumbers() throws {
        let lesson = """
        ---
        title: A false claim
        model:
          cell: rnn
          activation: tanh
          hidden: 4
        task:
          name: adding
          length: 10
        ---

        ## Page

        claim: loss < 0
        claim: loss > 0
        """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("01-false.md")
        try lesson.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", file.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("01-false.md:14: FAIL loss < 0"))
        #expect(r.stdout.contains("01-false.md:15: ok"))
        #expect(r.stdout.contains("1 hold, 1 fail"))
    }
}
