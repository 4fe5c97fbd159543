#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that could not be read: which path and why, as one line.
public struct FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

/// Reads files that must be regular files (lessons, cases, data): a FIFO, a device, a socket or a
/// folder is refused from `stat` alone, after following symlinks and before anything is opened for
/// reading, so a named pipe called `x.md` can never block a command.
public enum RegularFile {
    /// What is wrong with `path` as a file to read, or nil when it is a regular file.
    public static func problem(at path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return describe(errno: errno) }
        return kindProblem(st.st_mode)
    }

    /// Reads at most `limit` bytes of the regular file at `path` (callers that cap a size pass
    /// their maximum + 1 and compare). The file is opened non-blocking and checked again after
    /// opening, so a file swapped for a FIFO in between is refused too.
    public static func read(_ path: String, limit: Int) -> Result<[UInt8], FileReadError> {
        func failure(_ m: String) -> Result<[UInt8], FileReadError> { .failure(FileReadError(path: path, message: m)) }
        if let p = problem(at: path) { return failure(p) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return failure(describe(errno: errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return failure(describe(errno: errno)) }
        if let p = kindProblem(st.st_mode) { return failure(p) }
        return readAll(fd, limit: limit, path: path)
    }

    /// Reads standard input to its end (at most `limit` bytes), for `-` as a file name.
    public static func readStandardInput(limit: Int) -> Result<[UInt8], FileReadError> {
        readAll(STDIN_FILENO, limit: limit, path: "standard input")
    }

    static func readAll(_ fd: Int32, limit: Int, path: String) -> Result<[UInt8], FileReadError> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < limit {
            let want = min(chunk.count, limit - bytes.count)
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    // Only standard input can be a pipe or terminal here: wait for it.
                    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&p, 1, -1)
                    continue
                }
                return .failure(FileReadError(path: path, message: "can't read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return .success(bytes)
    }

    /// The refusal for a file mode that is not a regular file, or nil.
    static func kindProblem(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a folder, not a file"
        case S_IFIFO: return "is a named pipe (FIFO), not a regular file; refused without reading it"
        case S_IFCHR: return "is a character device, not a regular file; refused without reading it"
        case S_IFBLK: return "is a block device, not a regular file; refused without reading it"
        case S_IFSOCK: return "is a socket, not a regular file"
        default: return "is not a regular file"
        }
    }

    /// A short reason for a failed `stat`/`open`.
    public static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case ELOOP: return "symlink loop (too many levels of symbolic links)"
        case EACCES: return "permission denied"
        case ENOTDIR: return "a part of the path is not a folder"
        case ENAMETOOLONG: return "the name is too long"
        default: return String(cString: strerror(code))
        }
    }
}

/// `read(2)` under a name that no method shadows.
@inline(__always)
func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// `write(2)` under a name that no method shadows.
@inline(__always)
func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
