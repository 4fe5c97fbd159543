#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why bytes could not be written to a file descriptor.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reader went away (EPIPE): a `| head -1` that has read enough. Not worth a message.
    case closed
    /// Any other failure (ENOSPC on /dev/full, EIO, EBADF …), with the system's reason.
    case failed(String)

    public var description: String {
        switch self {
        case .closed: "the reader closed the pipe"
        case .failed(let reason): reason
        }
    }
}

/// Checked writes to standard output (or any descriptor): every byte written or an error, never a
/// trap. Call `ignoreBrokenPipeSignal()` once at start-up so a closed pipe is reported as
/// `.closed` instead of killing the process.
public enum StandardOutput {
    /// Writes the whole string to standard output.
    public static func write(_ text: String) throws(OutputError) {
        try Array(text.utf8).withUnsafeBufferPointer { (b) throws(OutputError) in try writeAll(STDOUT_FILENO, b) }
    }

    /// Writes `text` and a newline.
    public static func line(_ text: String) throws(OutputError) { try write(text + "\n") }

    /// Writes every byte of `bytes` to `fd`, retrying short writes and EINTR.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let n = posixWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, 1000)
                    continue
                }
                if code == EPIPE { throw .closed }
                throw .failed(String(cString: strerror(code)))
            }
            if n == 0 { throw .failed("nothing could be written") }
            offset += n
        }
    }

    /// SIGPIPE's default action kills the process mid-write; ignored, the write returns EPIPE
    /// and the command can end quietly.
    public static func ignoreBrokenPipeSignal() { signal(SIGPIPE, SIG_IGN) }
}
