import Foundation

/// The lessons shipped inside the program.
///
/// SwiftPM copies the repository's `lessons/` folder (the lesson files and `lessons/data/`) into a
/// resource bundle next to the built executable: `unroll_UnrollCurriculum.resources/lessons` on
/// Linux (`unroll_UnrollCurriculum.bundle/…` on macOS). An installed `unroll` is the executable
/// and that bundle, copied side by side (see the README).
///
/// This deliberately does not use SwiftPM's generated `Bundle.module`: it stops the program when
/// the bundle is missing, and it falls back to the build folder's absolute path, so a copied
/// program would quietly read the clone it was built in.
public enum Curriculum {
    /// The bundle's name, as SwiftPM forms it: `<package>_<target>`.
    public static let bundleName = "unroll_UnrollCurriculum"

    /// The bundled lessons folder, or nil when no bundle is beside the program.
    public static var lessonsDirectory: URL? {
        for dir in programDirectories {
            for candidate in candidates(in: dir) where isDirectory(candidate) {
                return candidate
            }
        }
        return nil
    }

    /// Where the bundle should be: beside the running program (for messages).
    public static var expectedBundle: URL {
        (programDirectories.first ?? URL(fileURLWithPath: ".")).appendingPathComponent(bundleName + ".resources")
    }

    /// The folders the running program lives in: its real location (symlinks resolved) first.
    public static var programDirectories: [URL] {
        var dirs: [URL] = []
        func add(_ url: URL?) {
            guard let url else { return }
            let dir = url.resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL
            if !dirs.contains(dir) { dirs.append(dir) }
        }
        #if os(Linux)
        if let real = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            add(URL(fileURLWithPath: real))
        }
        #endif
        add(Bundle.main.executableURL)
        if let arg0 = CommandLine.arguments.first, arg0.contains("/") { add(URL(fileURLWithPath: arg0)) }
        return dirs
    }

    static func candidates(in dir: URL) -> [URL] {
        [dir.appendingPathComponent(bundleName + ".resources/lessons"),
         dir.appendingPathComponent(bundleName + ".bundle/lessons"),
         dir.appendingPathComponent(bundleName + ".bundle/Contents/Resources/lessons")]
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }
}
