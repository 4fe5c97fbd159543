/// One problem found in a lesson file, printed as `file:line: message`.
public struct LessonError: Error, Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The file as it was given to the loader (path or display name).
    public var file: String
    /// 1-based line in the real file (front matter included); 0 when the problem concerns the whole file.
    public var line: Int
    /// What is wrong, in words a lecturer can act on.
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message` (or `file: message` for whole-file problems).
    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }

    public static func < (a: LessonError, b: LessonError) -> Bool {
        (a.file, a.line, a.message) < (b.file, b.line, b.message)
    }
}

/// Every problem found in one lesson file (or directory), thrown by the loader as a single error.
public struct LessonLoadFailure: Error, Sendable, CustomStringConvertible {
    /// The problems, sorted by file and line.
    public var errors: [LessonError]

    public init(errors: [LessonError]) {
        self.errors = errors.sorted()
    }

    /// One `file:line: message` per line.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
