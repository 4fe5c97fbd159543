import ArgumentParser
import Foundation
import UnrollLab
import UnrollLessons

/// `--lessons DIR`, shared by every command that reads lessons.
struct LessonOptions: ParsableArguments {
    @Option(name: .customLong("lessons"), help: "The lessons folder (default: $UNROLL_LESSONS, ./lessons, or the one beside the program).")
    var directory: String?

    /// The lessons folder, or a clear exit when none can be found.
    func resolvedDirectory() -> URL {
        guard let url = LessonLocator.directory(explicit: directory) else {
            fail("no lessons folder found: pass --lessons DIR or set UNROLL_LESSONS")
        }
        return url
    }

    var dataDirectory: URL { LessonLocator.dataDirectory(for: resolvedDirectory()) }

    /// Loads every lesson; prints every problem as file:line and exits 2 if there are any.
    func catalog(failOnErrors: Bool = true) -> LessonCatalog {
        let dir = resolvedDirectory()
        let catalog = LessonLocator.loader(dataDirectory: LessonLocator.dataDirectory(for: dir)).loadDirectory(dir.path)
        if failOnErrors && !catalog.errors.isEmpty {
            for e in catalog.errors { Err.write((e.description + "\n")) }
            Foundation.exit(2)
        }
        return catalog
    }

    /// A lesson by id, by number ("8"), or by path to a .md file.
    func lesson(_ name: String) -> Lesson {
        if name.hasSuffix(".md") || name.contains("/") {
            do throws(LessonLoadFailure) {
                return try LessonLocator.loader(dataDirectory: dataDirectory).load(contentsOf: name)
            } catch {
                for e in error.errors { Err.write((e.description + "\n")) }
                Foundation.exit(2)
            }
        }
        let all = catalog().lessons
        if let n = Int(name), let l = all.first(where: { $0.number == n }) { return l }
        if let l = all.first(where: { $0.id == name }) { return l }
        let ids = all.map(\.id)
        fail("no lesson '\(name)' (lessons: \(ids.joined(separator: ", ")))")
    }
}
