#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that could not be written: which path and why, as one line.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    /// Writing to `-` failed because the reader of standard output went away (end quietly).
    public let isClosedPipe: Bool

    public init(path: String, message: String, isClosedPipe: Bool = false) {
        self.path = path
        self.message = message
        self.isClosedPipe = isClosedPipe
    }

    public var description: String { "can't write \(path): \(message)" }
}

/// Writes whole files the way a user expects an editor to: all or nothing, and the file stays the
/// file it was.
///
/// - `-` writes to standard output.
/// - A symlink is followed (chains too; a loop is an error) and the file is written beside its
///   final target, so the link stays a link and the target gets the new data.
/// - A device, FIFO or socket (`/dev/null`, `/dev/stdout`) is written directly, never replaced.
/// - A regular file is written to a temporary file in the same folder (a name within NAME_MAX,
///   however long the target's), given the target's mode and owner, and renamed over it. A file
///   with several hard links, or whose owner cannot be kept, is rewritten in place instead, so the
///   links and the owner survive.
/// - A name ending in `/`, a folder, or a missing folder is an error; nothing is left behind.
public enum FileWriter {
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        if path == "-" {
            do throws(OutputError) {
                try bytes.withUnsafeBufferPointer { (b) throws(OutputError) in try StandardOutput.writeAll(STDOUT_FILENO, b) }
            } catch {
                throw FileWriteError(path: "standard output", message: error.description, isClosedPipe: error == .closed)
            }
            return
        }
        guard !path.isEmpty else { throw FileWriteError(path: "''", message: "the file name is empty") }
        guard !path.hasSuffix("/") else {
            throw FileWriteError(path: path, message: "the name ends in '/', which names a folder; give a file name")
        }
        let target = try resolveSymlinks(path)
        var st = stat()
        if stat(target, &st) != 0 {
            let code = errno
            guard code == ENOENT else { throw FileWriteError(path: path, message: RegularFile.describe(errno: code)) }
            let folder = directoryName(target)
            var dst = stat()
            guard stat(folder, &dst) == 0, (dst.st_mode & S_IFMT) == S_IFDIR else {
                throw FileWriteError(path: path, message: "no folder \(folder)")
            }
            try replace(target, displayPath: path, bytes: bytes, existing: nil)
            return
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            if st.st_nlink > 1 {
                try rewriteInPlace(target, displayPath: path, bytes: bytes)
            } else {
                try replace(target, displayPath: path, bytes: bytes, existing: st)
            }
        case S_IFDIR:
            throw FileWriteError(path: path, message: "is a folder")
        case S_IFIFO:
            // Non-blocking open: a FIFO nobody reads is an error (ENXIO), not a hang.
            try writeDirectly(target, displayPath: path, bytes: bytes, flags: O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        default:
            try writeDirectly(target, displayPath: path, bytes: bytes, flags: O_WRONLY | O_NOCTTY | O_CLOEXEC)
        }
    }

    /// The path a chain of symlinks ends at (which may not exist yet).
    static func resolveSymlinks(_ path: String) throws(FileWriteError) -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            if lstat(current, &st) != 0 {
                let code = errno
                if code == ENOENT { return current }
                throw FileWriteError(path: path, message: RegularFile.describe(errno: code))
            }
            guard (st.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw FileWriteError(path: path, message: RegularFile.describe(errno: errno)) }
            let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : directoryName(current) + "/" + link
        }
        throw FileWriteError(path: path, message: RegularFile.describe(errno: ELOOP))
    }

    /// Temporary file beside `target`, renamed over it.
    static func replace(_ target: String, displayPath: String, bytes: [UInt8], existing: stat?) throws(FileWriteError) {
        let folder = directoryName(target)
        var temp = ""
        var fd: Int32 = -1
        let mode: mode_t = existing.map { $0.st_mode & 0o7777 } ?? 0o666
        for _ in 0..<20 {
            temp = folder + "/" + temporaryName(for: baseName(target))
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw FileWriteError(path: displayPath, message: RegularFile.describe(errno: errno)) }
        func abandon(_ message: String) -> FileWriteError {
            close(fd)
            unlink(temp)
            return FileWriteError(path: displayPath, message: message)
        }
        if let st = existing {
            // The umask narrowed the mode at creation; give the file exactly the target's.
            _ = fchmod(fd, st.st_mode & 0o7777)
            if st.st_uid != geteuid() || st.st_gid != getegid() {
                if fchown(fd, st.st_uid, st.st_gid) != 0 {
                    // Renaming would hand the file to us: rewrite it where it is instead.
                    close(fd)
                    unlink(temp)
                    try rewriteInPlace(target, displayPath: displayPath, bytes: bytes)
                    return
                }
                _ = fchmod(fd, st.st_mode & 0o7777)   // chown clears set-id bits
            }
        }
        do throws(OutputError) {
            try bytes.withUnsafeBufferPointer { (b) throws(OutputError) in try StandardOutput.writeAll(fd, b) }
        } catch {
            throw abandon(error.description)
        }
        if fsync(fd) != 0 && errno != EINVAL { throw abandon(String(cString: strerror(errno))) }
        if close(fd) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw FileWriteError(path: displayPath, message: reason)
        }
        if rename(temp, target) != 0 {
            let reason = RegularFile.describe(errno: errno)
            unlink(temp)
            throw FileWriteError(path: displayPath, message: reason)
        }
    }

    /// Truncates and rewrites an existing regular file (keeps hard links and owner; not atomic).
    static func rewriteInPlace(_ target: String, displayPath: String, bytes: [UInt8]) throws(FileWriteError) {
        try writeDirectly(target, displayPath: displayPath, bytes: bytes, flags: O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC)
    }

    static func writeDirectly(_ target: String, displayPath: String, bytes: [UInt8], flags: Int32) throws(FileWriteError) {
        let fd = open(target, flags)
        guard fd >= 0 else {
            let code = errno
            throw FileWriteError(path: displayPath, message: code == ENXIO ? "a named pipe that nobody is reading" : RegularFile.describe(errno: code))
        }
        do throws(OutputError) {
            try bytes.withUnsafeBufferPointer { (b) throws(OutputError) in try StandardOutput.writeAll(fd, b) }
        } catch {
            close(fd)
            throw FileWriteError(path: displayPath, message: error.description, isClosedPipe: error == .closed)
        }
        if close(fd) != 0 && errno != EINTR {
            throw FileWriteError(path: displayPath, message: String(cString: strerror(errno)))
        }
    }

    /// `.NAME.XXXXXXXX.tmp`, with NAME cut (at a character boundary) so the whole stays within
    /// NAME_MAX (255 bytes) whatever the length of the target's name.
    public static func temporaryName(for name: String) -> String {
        let suffix = "." + String(UInt32.random(in: 0...UInt32.max), radix: 16).leftPadded(to: 8) + ".tmp"
        let room = 255 - 1 - suffix.utf8.count
        var kept = ""
        var used = 0
        for ch in name {
            let n = String(ch).utf8.count
            if used + n > room { break }
            kept.append(ch)
            used += n
        }
        return "." + kept + suffix
    }

    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func baseName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
