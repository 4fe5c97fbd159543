import Foundation
import Testing
import TestSupport

/// `unroll export` writes whole files or nothing: a temporary file renamed into place.
struct ExportCommandTests {
    @Test func exportReplacesWholeFilesAndLeavesNothingBehindOnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let out = dir.appendingPathComponent("numbers.csv")
        try "ORIGINAL CONTENT\n".write(to: out, atomically: true, encoding: .utf8)
        let ok = try CLI.run(["export", "8", "--format", "csv", "--output", out.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        let csv = try String(contentsOf: out, encoding: .utf8)
        #expect(csv.hasPrefix("t,"), "a header row first: \(csv.prefix(80))")
        #expect(!csv.contains("ORIGINAL"))
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 30, "header + T = 29 steps of lesson 8")
        #expect(Set(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false).count }).count == 1, "every row has every column")

        // The target is a non-empty directory: the rename fails; nothing half-written remains.
        let blocked = dir.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        try "keep".write(to: blocked.appendingPathComponent("inside.txt"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["export", "8", "--format", "json", "--output", blocked.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("blocked"), "the error names the path: \(bad.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
        #expect(try String(contentsOf: blocked.appendingPathComponent("inside.txt"), encoding: .utf8) == "keep")

        // JSON export: non-finite numbers are null, and it parses.
        let json = try CLI.run(["export", "7", "--format", "json"])
        #expect(json.status == 0)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "valid JSON")
    }
}
