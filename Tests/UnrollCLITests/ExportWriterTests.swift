import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 13, files written by `export --output`: a symlink stays a symlink and its target gets
/// the data, mode is kept, devices are written directly, a 250-byte name works, `new/` is an error.
@Suite(.serialized)
struct ExportWriterTests {
    @Test func exportOutputKeepsLinksModesAndDevices() throws {
        let dir = try Shell.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real.csv").path
        try "OLD".write(toFile: real, atomically: false, encoding: .utf8)
        #expect(chmod(real, 0o600) == 0)
        let link = dir.appendingPathComponent("link.csv").path
        #expect(symlink("real.csv", link) == 0)

        let viaLink = try CLI.run(["export", "7", "--output", link])
        #expect(viaLink.status == 0, "\(viaLink.stderr)")
        #expect(try String(contentsOfFile: real, encoding: .utf8).hasPrefix("t,"), "the link's target got the data")
        var st = stat()
        #expect(lstat(link, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK, "the symlink is still a symlink")
        #expect(stat(real, &st) == 0 && st.st_mode & 0o777 == 0o600, "mode kept: \(String(st.st_mode & 0o777, radix: 8))")

        let null = try CLI.run(["export", "7", "--output", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        #expect(stat("/dev/null", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")

        let long = dir.appendingPathComponent(String(repeating: "x", count: 246) + ".csv").path
        let longRun = try CLI.run(["export", "7", "--output", long])
        #expect(longRun.status == 0, "a 250-byte name: \(longRun.stderr)")
        #expect(FileManager.default.fileExists(atPath: long))

        let slash = try CLI.run(["export", "7", "--output", dir.path + "/new/"])
        #expect(slash.status != 0 && slash.stderr.hasPrefix("unroll: can't write"), "\(slash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("new").path), "no file made of new/")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
