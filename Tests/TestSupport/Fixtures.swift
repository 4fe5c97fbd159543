import Foundation
import UnrollEngine

/// Paths to the data the tests read: the PyTorch reference cases and the repository's lessons.
public enum Fixtures {
    /// The folder of `unroll-case/1` reference files copied from the PyTorch oracle.
    public static var casesDirectory: URL {
        if let url = Bundle.module.url(forResource: "Fixtures/cases", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cases")
    }

    /// Every reference case file, sorted by name.
    public static var caseFiles: [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: casesDirectory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The repository root (found from this file's path).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The repository's `lessons/` folder.
    public static var lessonsDirectory: URL { repositoryRoot.appendingPathComponent("lessons") }
}
