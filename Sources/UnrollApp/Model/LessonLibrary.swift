import Foundation
import UnrollLab
import UnrollLessons

/// Finds the lesson directory, loads it, and resolves a LESSON argument (id, number or path).
public struct LessonLibrary: Sendable {
    /// The directory the lessons came from (nil: none found; `resolve` then refuses every name
    /// but a path to a lesson file).
    public var directory: String?
    /// Lessons that loaded.
    public var lessons: [Lesson]
    /// Problems with lessons that didn't load.
    public var errors: [LessonError]

    /// Where task data lives: `<lessons>/data`.
    public var dataDirectory: URL? {
        directory.map { URL(fileURLWithPath: $0).appendingPathComponent("data") }
    }

    /// The lesson directory: `--lessons`, else `$UNROLL_LESSONS`, else `./lessons`, else the first
    /// `lessons/` found walking up from the executable's directory (UnrollLab's `LessonLocator`).
    public static func locate(explicit: String?) -> String? {
        LessonLocator.directory(explicit: explicit)?.path
    }

    /// Loads every lesson of a directory (nil: none).
    public init(directory: String?) {
        self.directory = directory
        if let d = directory {
            let catalog = LessonLocator.loader(dataDirectory: URL(fileURLWithPath: d).appendingPathComponent("data")).loadDirectory(d)
            lessons = catalog.lessons
            errors = catalog.errors
        } else {
            lessons = []
            errors = []
        }
    }

    /// The lessons to offer and the index of the one LESSON names: an id, a number ("8"), or a
    /// path to a `.md` file. nil opens the first lesson. With no lessons loaded, only a path
    /// opens; anything else is an error naming the folder (never a stand-in lesson).
    public func resolve(_ spec: String?) throws -> (lessons: [Lesson], index: Int) {
        var list = lessons
        let isPath = spec.map { $0.hasSuffix(".md") || $0.contains("/") } ?? false
        if list.isEmpty && !isPath {
            // Never a stand-in lesson: a folder that holds none is a mistake worth saying.
            guard let directory else { throw AppError("no lessons folder found (pass --lessons DIR)") }
            let why = errors.isEmpty ? "it has no lesson files (named like 01-name.md)"
                : "\(Set(errors.map(\.file)).count) lesson file(s) failed to load, e.g. \(errors[0])"
            throw AppError("no lessons in \(directory): \(why)")
        }
        guard let spec, !spec.isEmpty else { return (list, 0) }
        if isPath {
            do {
                let lesson = try LessonLocator.loader(dataDirectory: dataDirectory).load(contentsOf: spec)
                if let i = list.firstIndex(where: { $0.id == lesson.id }) { list[i] = lesson; return (list, i) }
                list.append(lesson)
                return (list, list.count - 1)
            } catch {
                throw AppError(String(describing: error))
            }
        }
        if let i = list.firstIndex(where: { $0.id == spec }) { return (list, i) }
        if let n = Int(spec) {
            if let i = list.firstIndex(where: { $0.number == n }) { return (list, i) }
            if n >= 1 && n <= list.count && list.allSatisfy({ $0.number == nil }) { return (list, n - 1) }
        }
        let known = list.map { l in l.number.map { "\($0) (\(l.id))" } ?? l.id }
        var where_ = directory.map { " in \($0)" } ?? " (no lesson directory found; pass --lessons DIR)"
        if !errors.isEmpty { where_ += "; \(Set(errors.map(\.file)).count) lesson file(s) failed to load, e.g. \(errors[0])" }
        throw AppError("no lesson '\(spec)'\(where_). Known: \(known.joined(separator: ", "))")
    }
}
