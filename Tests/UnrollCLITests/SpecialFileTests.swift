import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 13, special files: a FIFO named like a lesson or a case blocked every command forever.
/// Each command must finish (the timeout would otherwise fire), name the file and say why.
@Suite(.serialized)
struct SpecialFileTests {
    @Test func aFIFOInTheLessonsFolderIsReportedNotOpened() throws {
        let dir = try Shell.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: Fixtures.lessonsDirectory.path).first { $0.hasPrefix("01-") })
        try FileManager.default.copyItem(at: Fixtures.lessonsDirectory.appendingPathComponent(first), to: dir.appendingPathComponent(first))
        #expect(mkfifo(dir.appendingPathComponent("x.md").path, 0o644) == 0)
        // Lesson 1 beside it still renders (and finishes).
        let one = try CLI.run(["render", "1", "--lessons", dir.path], timeout: 30)
        #expect(one.status == 0 && one.stdout.contains("Recurrence"), "\(one.stderr)")
        for args in [["lessons"], ["check", "--no-claims"], ["render", dir.appendingPathComponent("x.md").path]] {
            let r = try CLI.run(args + ["--lessons", dir.path], timeout: 30)
            #expect(r.status == 2, "\(args): status \(r.status)")
            #expect(r.stderr.contains("x.md") || r.stdout.contains("x.md"), "\(args): \(r.stderr)")
            #expect((r.stderr + r.stdout).contains("FIFO"), "\(args): \(r.stderr)")
        }
    }

    @Test func casePathsThatAreNotRegularFilesAreRefused() throws {
        let dir = try Shell.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(mkfifo(dir.appendingPathComponent("pipe.json").path, 0o644) == 0)
        #expect(symlink(dir.appendingPathComponent("b.json").path, dir.appendingPathComponent("a.json").path) == 0)
        #expect(symlink(dir.appendingPathComponent("a.json").path, dir.appendingPathComponent("b.json").path) == 0)
        let cases: [(String, String)] = [
            (dir.appendingPathComponent("pipe.json").path, "FIFO"), ("/dev/zero", "device"),
            (dir.path, "folder"), (dir.appendingPathComponent("a.json").path, "symlink loop"),
        ]
        for (path, mention) in cases {
            let r = try CLI.run(["trace", path], timeout: 30)
            #expect(r.status == 2, "\(path): status \(r.status)")
            #expect(r.stderr.hasPrefix("unroll: \(path)") && r.stderr.contains(mention), "\(path): \(r.stderr)")
        }
        // A lesson given by path: a symlink loop says so.
        let r = try CLI.run(["render", dir.appendingPathComponent("a.json").path + ".md"], timeout: 30)
        #expect(r.status == 2)
        #expect(symlink(dir.appendingPathComponent("m.md").path, dir.appendingPathComponent("l.md").path) == 0)
        #expect(symlink(dir.appendingPathComponent("l.md").path, dir.appendingPathComponent("m.md").path) == 0)
        let loop = try CLI.run(["render", dir.appendingPathComponent("l.md").path], timeout: 30)
        #expect(loop.status == 2 && loop.stderr.contains("symlink loop"), "\(loop.stderr)")
    }

    @Test func traceReadsStandardInputForADash() throws {
        let file = Fixtures.casesDirectory.appendingPathComponent("lstm_small.json").path
        let r = try Shell.run("\"$UNROLL\" trace - < '\(file)'")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("{\"loss\":"))
        let bad = try Shell.run("echo '{' | \"$UNROLL\" trace -")
        #expect(bad.status == 2 && bad.stderr.hasPrefix("unroll: standard input: not valid JSON"), "\(bad.stderr)")
    }
}
