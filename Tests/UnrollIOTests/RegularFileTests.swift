import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import UnrollIO

/// Issue 13, special files: a FIFO, a device, a folder or a symlink loop is refused from `stat`
/// alone — a test that opened the FIFO for reading would hang, so finishing is part of the proof.
struct RegularFileTests {
    @Test func readsARegularFileAndFollowsSymlinks() throws {
        let dir = try TempFolder()
        try dir.write("a.md", "hello")
        #expect(symlink(dir.file("a.md"), dir.file("link.md")) == 0)
        #expect(try RegularFile.read(dir.file("link.md"), limit: 100).get() == Array("hello".utf8))
        #expect(try RegularFile.read(dir.file("a.md"), limit: 3).get() == Array("hel".utf8))
    }

    @Test func refusesAFIFOWithoutOpeningIt() throws {
        let dir = try TempFolder()
        #expect(mkfifo(dir.file("x.md"), 0o644) == 0)
        #expect(symlink(dir.file("x.md"), dir.file("via-link.md")) == 0)
        for name in ["x.md", "via-link.md"] {
            guard case .failure(let e) = RegularFile.read(dir.file(name), limit: 100) else {
                Issue.record("\(name): a FIFO was read"); continue
            }
            #expect(e.message.contains("FIFO"), "\(e)")
        }
    }

    @Test func refusesDevicesFoldersLoopsAndMissingFiles() throws {
        let dir = try TempFolder()
        #expect(symlink(dir.file("loop-b"), dir.file("loop-a")) == 0)
        #expect(symlink(dir.file("loop-a"), dir.file("loop-b")) == 0)
        let cases: [(String, String)] = [
            ("/dev/zero", "device"), ("/dev/null", "device"), (dir.path, "folder"),
            (dir.file("loop-a"), "symlink loop"), (dir.file("missing.md"), "no such file"),
        ]
        for (path, mention) in cases {
            guard case .failure(let e) = RegularFile.read(path, limit: 100) else { Issue.record("\(path) was read"); continue }
            #expect(e.message.contains(mention), "\(path): \(e.message)")
            #expect(e.description.hasPrefix(path))
        }
    }
}
