import ArgumentParser
import Foundation
import UnrollApp
import UnrollLab
import UnrollLessons

/// `unroll lessons`: list the lessons.
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the lessons (number, id, title, pages) and say which folder they come from.")

    @OptionGroup var options: LessonOptions

    func run() throws {
        let location = options.location()
        let catalog = options.catalog(failOnErrors: false)
        if catalog.lessons.isEmpty && catalog.errors.isEmpty {
            fail("no lessons in \(location.url.path): it has no lesson files (named like 01-name.md)")
        }
        for l in catalog.lessons {
            let n = l.number.map { String(format: "%2d", $0) } ?? "  "
            Out.line("\(n)  \(l.id.padding(toLength: 22, withPad: " ", startingAt: 0))  \(l.title)  (\(l.pages.count) pages)")
        }
        Out.line("\(catalog.lessons.count) lesson(s) from \(location.url.path) (\(location.source.description))")
        printErrors(catalog.errors)
        if !catalog.errors.isEmpty { throw ExitCode(2) }
    }
}

/// `unroll check FILE|DIR`: validate lessons and evaluate every claim against the engine.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate lesson files and evaluate their claims (exit 2 on a broken file, 1 on a false claim).")

    @Argument(help: "Lesson files or folders (default: the lessons folder).")
    var paths: [String] = []

    @OptionGroup var options: LessonOptions

    @Flag(help: "Only validate the files; don't evaluate claims.")
    var noClaims = false

    func run() throws {
        // Files named on the command line need a lessons folder only for task data.
        let data = paths.isEmpty ? options.dataDirectory : options.dataDirectoryIfAny
        let loader = LessonLocator.loader(dataDirectory: data)
        var lessons: [Lesson] = []
        var errors: [LessonError] = []
        for path in paths.isEmpty ? [options.resolvedDirectory().path] : paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                errors.append(LessonError(file: path, line: 0, message: "no such file or folder"))
                continue
            }
            if isDir.boolValue {
                let c = loader.loadDirectory(path)
                lessons += c.lessons
                errors += c.errors
            } else {
                do throws(LessonLoadFailure) { lessons.append(try loader.load(contentsOf: path)) } catch { errors += error.errors }
            }
        }
        printErrors(errors)
        if !errors.isEmpty { throw ExitCode(2) }
        if lessons.isEmpty { fail("no lessons in \(paths.isEmpty ? options.resolvedDirectory().path : paths.joined(separator: ", ")): no lesson files (named like 01-name.md)") }
        var failed = 0, total = 0
        if !noClaims {
            // Every page of every lesson in parallel, the costliest first; printed in order.
            let start = Date()
            let checked = PageChecker.check(lessons, dataDirectory: data, threads: ProcessInfo.processInfo.activeProcessorCount)
            for (i, lesson) in lessons.enumerated() {
                for r in checked[i] {
                    total += 1
                    if !r.holds { failed += 1 }
                    Out.line("\(r.lesson):\(r.line): \(r.holds ? "ok  " : "FAIL") \(r.source)  — \(r.message)")
                }
                Err.write("\(lesson.id): \(checked[i].count) checks\n")
            }
            Err.write(String(format: "all lessons: %.1fs\n", Date().timeIntervalSince(start)))
        }
        Out.line("\(lessons.count) lesson(s), \(total) claim(s): \(total - failed) hold, \(failed) fail")
        if failed > 0 { throw ExitCode(1) }
    }
}
