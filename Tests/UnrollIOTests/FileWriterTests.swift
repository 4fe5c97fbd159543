import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import UnrollIO

/// Issue 13, files written: whole-file replacement without side effects on links, modes,
/// devices, long names or folder names.
struct FileWriterTests {
    @Test func replacesARegularFileAndLeavesNoTemporary() throws {
        let dir = try TempFolder()
        try dir.write("out.csv", "OLD")
        try FileWriter.write("NEW", to: dir.file("out.csv"))
        #expect(try dir.read("out.csv") == "NEW")
        #expect(dir.names == ["out.csv"])
        try FileWriter.write("fresh", to: dir.file("new.csv"))
        #expect(try dir.read("new.csv") == "fresh")
    }

    @Test func followsASymlinkAndWritesItsTarget() throws {
        let dir = try TempFolder()
        try FileManager.default.createDirectory(atPath: dir.file("real"), withIntermediateDirectories: true)
        try dir.write("real/data.csv", "OLD")
        #expect(symlink("real/data.csv", dir.file("link.csv")) == 0)        // relative link
        #expect(symlink(dir.file("link.csv"), dir.file("link2.csv")) == 0)  // a chain
        try FileWriter.write("NEW", to: dir.file("link2.csv"))
        #expect(try dir.read("real/data.csv") == "NEW")
        var st = stat()
        #expect(lstat(dir.file("link.csv"), &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK, "the link stays a link")
        #expect(lstat(dir.file("link2.csv"), &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
        // A dangling link: the file is created where it points.
        #expect(symlink("real/later.csv", dir.file("dangling.csv")) == 0)
        try FileWriter.write("made", to: dir.file("dangling.csv"))
        #expect(try dir.read("real/later.csv") == "made")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("real")).sorted() == ["data.csv", "later.csv"])
        // A loop says so.
        #expect(symlink(dir.file("b"), dir.file("a")) == 0)
        #expect(symlink(dir.file("a"), dir.file("b")) == 0)
        #expect(throws: FileWriteError.self) { try FileWriter.write("x", to: dir.file("a")) }
        do { try FileWriter.write("x", to: dir.file("a")) } catch { #expect(error.message.contains("symlink loop")) }
    }

    @Test func keepsModeAndHardLinks() throws {
        let dir = try TempFolder()
        try dir.write("secret.csv", "OLD")
        #expect(chmod(dir.file("secret.csv"), 0o600) == 0)
        try FileWriter.write("NEW", to: dir.file("secret.csv"))
        var st = stat()
        #expect(stat(dir.file("secret.csv"), &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600, "mode \(String(st.st_mode & 0o777, radix: 8))")
        #expect(st.st_uid == geteuid())

        try dir.write("one.csv", "OLD")
        #expect(link(dir.file("one.csv"), dir.file("two.csv")) == 0)
        try FileWriter.write("NEW", to: dir.file("one.csv"))
        #expect(try dir.read("two.csv") == "NEW", "the hard link still shares the data")
    }

    /// Ownership is kept (checked where the test can give a file away: as root, as CI runs).
    @Test func keepsOwnership() throws {
        guard geteuid() == 0 else { return }
        let dir = try TempFolder()
        try dir.write("theirs.csv", "OLD")
        #expect(chown(dir.file("theirs.csv"), 65534, 65534) == 0)
        #expect(chmod(dir.file("theirs.csv"), 0o640) == 0)
        try FileWriter.write("NEW", to: dir.file("theirs.csv"))
        var st = stat()
        #expect(stat(dir.file("theirs.csv"), &st) == 0)
        #expect(st.st_uid == 65534 && st.st_gid == 65534, "owner \(st.st_uid):\(st.st_gid)")
        #expect(st.st_mode & 0o777 == 0o640)
        #expect(try dir.read("theirs.csv") == "NEW")
    }

    @Test func writesDevicesDirectly() throws {
        try FileWriter.write("discarded", to: "/dev/null")
        var st = stat()
        #expect(stat("/dev/null", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
        #expect(throws: FileWriteError.self) { try FileWriter.write("x", to: "/dev/full") }
        // A FIFO without a reader is an error, not a hang; it stays a FIFO.
        let dir = try TempFolder()
        #expect(mkfifo(dir.file("pipe"), 0o644) == 0)
        do { try FileWriter.write("x", to: dir.file("pipe")); Issue.record("wrote to a FIFO nobody reads") }
        catch { #expect(error.message.contains("nobody"), "\(error)") }
        #expect(stat(dir.file("pipe"), &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test func longNamesTrailingSlashesAndMissingFolders() throws {
        let dir = try TempFolder()
        let long = String(repeating: "n", count: 246) + ".csv"   // 250 bytes
        #expect(long.utf8.count == 250)
        try FileWriter.write("ok", to: dir.file(long))
        #expect(try dir.read(long) == "ok")
        try FileWriter.write("again", to: dir.file(long))
        #expect(try dir.read(long) == "again")
        #expect(FileWriter.temporaryName(for: String(repeating: "é", count: 200)).utf8.count <= 255)

        do { try FileWriter.write("x", to: dir.file("new/")); Issue.record("a trailing slash was accepted") }
        catch { #expect(error.message.contains("folder"), "\(error)") }
        #expect(!FileManager.default.fileExists(atPath: dir.file("new")))
        do { try FileWriter.write("x", to: dir.file("no/such/file.csv")); Issue.record("a missing folder was accepted") }
        catch { #expect(error.message.contains("no folder"), "\(error)") }
        do { try FileWriter.write("x", to: dir.path); Issue.record("a folder was replaced") }
        catch { #expect(error.message.contains("folder"), "\(error)") }
        #expect(dir.names == [long])
    }
}
