import ArgumentParser
import Foundation
import UnrollApp
import UnrollDraw
import UnrollLab
import UnrollLessons

/// `--lessons DIR`, shared by every command that reads lessons.
struct LessonOptions: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp(
        "The lessons folder (default: $UNROLL_LESSONS, ./lessons, else the lessons built into unroll).",
        valueName: "dir"))
    var directory: String?

    /// The lessons folder and where it came from, or a clear exit when there is none.
    func location() -> LessonLocator.Location {
        guard let location = LessonLocator.locate(explicit: directory) else { fail(LessonLocator.notFoundMessage) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location.url.path, isDirectory: &isDir), isDir.boolValue else {
            fail("no lessons folder at \(location.url.path) (from \(location.source.description))")
        }
        return location
    }

    /// The lessons folder, or a clear exit when none can be found.
    func resolvedDirectory() -> URL { location().url }

    var dataDirectory: URL { LessonLocator.dataDirectory(for: resolvedDirectory()) }

    /// The data folder for commands that need lessons only for their data (`train`): none is
    /// fine unless --lessons or UNROLL_LESSONS names a folder, which must then exist.
    var dataDirectoryIfAny: URL? {
        guard let location = LessonLocator.locate(explicit: directory) else { return nil }
        if location.source == .option || location.source == .environment { return dataDirectory }
        return LessonLocator.dataDirectory(for: location.url)
    }

    /// Loads every lesson; prints every problem as `unroll: file:line: …` and exits 2 if there are any.
    func catalog(failOnErrors: Bool = true) -> LessonCatalog {
        let dir = resolvedDirectory()
        let catalog = LessonLocator.loader(dataDirectory: LessonLocator.dataDirectory(for: dir)).loadDirectory(dir.path)
        if failOnErrors && !catalog.errors.isEmpty {
            printErrors(catalog.errors)
            Foundation.exit(2)
        }
        return catalog
    }

    /// Resolves LESSON (an id, a number or a path to a .md file) and checks the page; exits 2
    /// with a message on any problem.
    func open(_ lesson: String?, page: Int) -> LessonCommand.Opened {
        let dir = resolvedDirectory()
        let library = LessonLibrary(directory: dir.path)
        let resolved: (lessons: [Lesson], index: Int)
        do {
            resolved = try library.resolve(lesson)
        } catch {
            fail(String(describing: error))
        }
        let pages = resolved.lessons[resolved.index].pages.count
        guard page >= 1 && page <= pages else { fail("--page \(page): the lesson has \(pages) page(s)") }
        return LessonCommand.Opened(lessons: resolved.lessons, index: resolved.index, page: page,
                                    dataDirectory: library.dataDirectory)
    }
}

/// Shared by the commands that open a lesson.
enum LessonCommand {
    /// A resolved LESSON argument and page, before any figure is computed.
    struct Opened {
        var lessons: [Lesson]
        var index: Int
        var page: Int
        var dataDirectory: URL?

        var lesson: Lesson { lessons[index] }

        /// The screen state: builds the page's model and computes its figures (the slow part).
        func state(width: Int, height: Int) -> AppState {
            AppState(lessons: lessons, lessonIndex: index, page: page - 1,
                     dataDirectory: dataDirectory, width: width, height: height)
        }
    }

    /// A lesson page, or with `--model` the screen on a model from a file.
    static func state(lesson: String?, page: Int, options: LessonOptions, model: ModelOptions, width: Int, height: Int) -> AppState {
        if let path = model.model {
            if let lesson { fail("give either a lesson or --model, not both (got \(lesson))") }
            let run = model.load()
            return AppState(imported: run, model: path, input: model.input ?? "", target: model.target, width: width, height: height)
        }
        if let flag = model.strayFlag { fail("\(flag) goes with --model FILE.safetensors") }
        return options.open(lesson, page: page).state(width: width, height: height)
    }

    /// Parses `COLSxROWS` (each 1…10000), or exits 2 naming the option.
    static func size(_ text: String, option: String = "--size") -> (width: Int, height: Int) {
        let dims = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard dims.count == 2, let w = Int(dims[0]), let h = Int(dims[1]), (1...10_000).contains(w), (1...10_000).contains(h) else {
            fail("bad \(option) '\(text)' (expected COLSxROWS, each 1…10000, e.g. 100x30)")
        }
        return (w, h)
    }

    /// Parses a key script, or exits 2 with the parser's message.
    static func keys(_ script: String) -> [Key] {
        switch Key.parseResult(script: script) {
        case .success(let k): return k
        case .failure(let e): fail("--keys: \(e.description)")
        }
    }
}
