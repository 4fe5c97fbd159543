import Foundation
import Testing
import TestSupport

/// Issue 13: a lessons folder with no lessons silently opened the built-in lesson, and
/// `unroll lessons` printed nothing and exited 0. Both now say so (status 2).
struct EmptyLessonsFolderTests {
    @Test func anEmptyFolderSaysSo() throws {
        let dir = try Shell.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "not a lesson".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        for args in [["lessons"], ["render", "1"], ["export", "1"], ["check"]] {
            let r = try CLI.run(args + ["--lessons", dir.path], timeout: 60)
            #expect(r.status == 2, "\(args): status \(r.status)")
            #expect(r.stderr.hasPrefix("unroll: no lessons in \(dir.path)"), "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
    }
}
