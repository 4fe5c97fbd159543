import ArgumentParser
import Foundation
import UnrollApp
import UnrollDraw
import UnrollLessons

/// `unroll render LESSON`: print the frame the terminal would show after a key script.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the screen for a lesson page after a scripted key sequence (headless).",
        discussion: """
        KEYS uses the key-script syntax: plain characters stand for themselves; <left> <right> <home> \
        <end> <up> <down> <pgup> <pgdn> <enter> <esc> <space> <tab> <bs> <lt> <C-x> and <resize:WxH> \
        are special. The frame is printed as plain text (monochrome glyphs), or with ANSI colours \
        when --color is given. Keys after a quit (q) are ignored.
        """)

    @Argument(help: "The lesson: an id, a number (\"8\") or a path to a .md file (or --model).")
    var lesson: String?

    @Option(parsing: .unconditional, help: "The page to open (1-based).")
    var page: Int = 1

    @Option(help: "A key script to play before printing, e.g. \"]]]b<right>\".")
    var keys: String = ""

    @Option(help: "The terminal size, COLSxROWS.")
    var size: String = "80x24"

    @Flag(help: "After each key, play animations and training to their end (what a student sees after waiting).")
    var finish = false

    @Flag(help: "Print ANSI colours (256-colour) instead of plain text.")
    var color = false

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Option(help: "The lesson directory (default: $UNROLL_LESSONS, ./lessons, or found near the executable).")
    var lessons: String?

    @OptionGroup(title: "Your own model") var modelOptions: ModelOptions

    func run() throws {
        let dims = size.lowercased().split(separator: "x")
        guard dims.count == 2, let w = Int(dims[0]), let h = Int(dims[1]), w > 0, h > 0, w <= 10_000, h <= 10_000 else {
            fail("bad --size '\(size)' (expected COLSxROWS, e.g. 100x30)")
        }
        let script: [Key]
        switch Key.parseResult(script: keys) {
        case .success(let k): script = k
        case .failure(let e): fail(e.description)
        }
        let state = try LessonCommand.state(lesson: lesson, page: page, lessons: lessons, model: modelOptions, width: w, height: h)
        var s = state
        for k in script {
            let (next, effects) = update(s, .key(k))
            s = finish ? Update.finish(next) : next
            if effects.contains(.quit) { break }
        }
        let mode: ColorMode = color ? .c256 : .monochrome
        let frame = view(s, width: s.width, height: s.height, glyphs: ascii ? .ascii : .utf8, mode: mode)
        if color { Out.line(frame.ansiText(.c256)) } else { Out.line(frame.plainLines().joined(separator: "\n")) }
    }
}

/// Shared by the commands that open a lesson.
enum LessonCommand {
    /// A lesson page, or with `--model` the screen on a model from a file.
    static func state(lesson: String?, page: Int, lessons: String?, model: ModelOptions, width: Int, height: Int) throws -> AppState {
        if let path = model.model {
            if let lesson { fail("give either a lesson or --model, not both (got \(lesson))") }
            let run = model.load()
            return AppState(imported: run, model: path, input: model.input ?? "", target: model.target, width: width, height: height)
        }
        if let flag = model.strayFlag { fail("\(flag) goes with --model FILE.safetensors") }
        return try openState(lesson: lesson, page: page, lessons: lessons, width: width, height: height)
    }

    /// A resolved LESSON argument and page, before any figure is computed.
    struct Opened {
        var lessons: [UnrollLessons.Lesson]
        var index: Int
        var page: Int
        var dataDirectory: URL?

        var lesson: UnrollLessons.Lesson { lessons[index] }

        /// The screen state: builds the page's model and computes its figures (the slow part).
        func state(width: Int, height: Int) -> AppState {
            AppState(lessons: lessons, lessonIndex: index, page: page - 1,
                     dataDirectory: dataDirectory, width: width, height: height)
        }
    }

    /// Loads the lessons, resolves LESSON and checks the page; exits with a message on errors.
    static func resolve(lesson: String?, page: Int, lessons: String?) -> Opened {
        let dir = LessonLibrary.locate(explicit: lessons)
        if let d = lessons, !FileManager.default.fileExists(atPath: d) { fail("no lesson directory at \(d)") }
        let library = LessonLibrary(directory: dir)
        let resolved: (lessons: [UnrollLessons.Lesson], index: Int)
        do {
            resolved = try library.resolve(lesson)
        } catch {
            fail(String(describing: error))
        }
        let pages = resolved.lessons[resolved.index].pages.count
        guard page >= 1 && page <= pages else { fail("--page \(page): the lesson has \(pages) page(s)") }
        return Opened(lessons: resolved.lessons, index: resolved.index, page: page, dataDirectory: library.dataDirectory)
    }

    /// Loads the lessons, resolves LESSON and opens the page; exits with a message on errors.
    static func openState(lesson: String?, page: Int, lessons: String?, width: Int, height: Int) throws -> AppState {
        resolve(lesson: lesson, page: page, lessons: lessons).state(width: width, height: height)
    }
}
