import Foundation

/// Writes a whole file or nothing: the bytes go to a temporary file in the same folder, which is
/// renamed over the target, so a reader never sees half a file and a failure leaves the old one.
/// An existing file keeps its permissions. `-` is standard output.
///
/// A stand-in for the shared writer being added with issue 13 (UnrollIO's FileWriter); every
/// command that writes files goes through this one function, so it is one call to replace.
enum AtomicFile {
    /// Writes `text` to `path`; on failure prints `unroll: can't write PATH: why` and exits 2.
    static func write(_ text: String, to path: String) {
        write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        guard !path.isEmpty, !path.hasSuffix("/") else { fail("can't write '\(path)': give a file name") }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            fail("can't write \(path): no folder \(folder.path)")
        }
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            fail("can't write \(path): it is a folder")
        }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent.prefix(200)).\(getpid()).tmp")
        var st = stat()
        let existingMode: mode_t? = stat(url.path, &st) == 0 ? st.st_mode & 0o7777 : nil
        do {
            try data.write(to: temp)
            if let mode = existingMode { chmod(temp.path, mode) }
            if rename(temp.path, url.path) != 0 {
                let code = errno
                try? FileManager.default.removeItem(at: temp)
                fail("can't write \(path): \(String(cString: strerror(code)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            fail("can't write \(path): \(error.localizedDescription)")
        }
    }
}
