import Foundation
import Yams

/// Loads lesson files (`NN-slug.md`): YAML front matter between `---` lines, then `## Title` pages.
///
/// Every problem of a file is collected and thrown together as a `LessonLoadFailure` whose errors print
/// as `file:line: message`. Loading never traps, whatever the bytes.
public struct LessonLoader: Sendable {
    /// Checks `task:` against the task catalogue (wired in by the app; nil skips the check).
    public var taskValidator: TaskValidator?
    /// Names and functions claims may use (nil skips the check; claims are always parsed).
    public var vocabulary: ClaimVocabulary?

    public init(taskValidator: TaskValidator? = nil, vocabulary: ClaimVocabulary? = .standard) {
        self.taskValidator = taskValidator
        self.vocabulary = vocabulary
    }

    /// Loads one lesson file from disk.
    public func load(contentsOf path: String) throws(LessonLoadFailure) -> Lesson {
        switch LessonLoader.read(path) {
        case .success(let bytes): return try load(bytes: bytes, path: path)
        case .failure(let error): throw LessonLoadFailure(errors: [error])
        }
    }

    /// Loads a lesson from text already in memory; `path` names it in errors and in `Lesson.path`.
    public func load(text: String, path: String) throws(LessonLoadFailure) -> Lesson {
        try load(bytes: Array(text.utf8), path: path)
    }

    /// Loads a lesson from raw bytes (which may be anything: invalid UTF-8 and binary are reported).
    public func load(bytes: [UInt8], path: String) throws(LessonLoadFailure) -> Lesson {
        let result = parse(bytes: bytes, path: path)
        if let lesson = result.lesson, result.errors.isEmpty { return lesson }
        throw LessonLoadFailure(errors: result.errors)
    }

    /// Loads every `*.md` file of a directory except `README.md`, sorted by file name.
    ///
    /// Lessons that load are returned even when others fail; duplicate ids are errors on the later file.
    public func loadDirectory(_ path: String) -> LessonCatalog {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            return LessonCatalog(lessons: [], errors: [LessonError(file: path, line: 0, message: "can't read the lesson directory")])
        }
        var lessons: [Lesson] = []
        var errors: [LessonError] = []
        var owners: [String: (path: String, line: Int)] = [:]
        for name in names.sorted() where name.hasSuffix(".md") && name.lowercased() != "readme.md" {
            let file = (path as NSString).appendingPathComponent(name)
            let bytes: [UInt8]
            switch LessonLoader.read(file) {
            case .success(let b): bytes = b
            case .failure(let error):
                errors.append(error)
                continue
            }
            let result = parse(bytes: bytes, path: file)
            errors += result.errors
            guard let lesson = result.lesson else { continue }
            if let owner = owners[lesson.id] {
                errors.append(LessonError(file: file, line: result.idLine, message: "duplicate id '\(lesson.id)' (also used by \(owner.path):\(owner.line))"))
                continue
            }
            owners[lesson.id] = (file, result.idLine)
            if result.errors.isEmpty { lessons.append(lesson) }
        }
        return LessonCatalog(lessons: lessons, errors: errors.sorted())
    }

    // MARK: Parsing

    /// What parsing one file gave: the lesson when every part could be built, and all problems.
    struct ParseResult {
        var lesson: Lesson?
        var errors: [LessonError]
        var idLine: Int
    }

    /// Reads a file, refusing anything larger than `SourceText.maximumSize`.
    static func read(_ path: String) -> Result<[UInt8], LessonError> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(LessonError(file: path, line: 0, message: "can't open the file"))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: SourceText.maximumSize + 1) ?? Data()
            return .success([UInt8](data))
        } catch {
            return .failure(LessonError(file: path, line: 0, message: "can't read the file"))
        }
    }

    func parse(bytes: [UInt8], path: String) -> ParseResult {
        let source: SourceText
        switch SourceText.decode(bytes) {
        case .success(let s): source = s
        case .failure(let problem):
            return ParseResult(lesson: nil, errors: [LessonError(file: path, line: problem.line, message: problem.message)], idLine: 0)
        }
        let lines = source.lines
        var errors: [LessonError] = []
        for (index, line) in lines.enumerated() {
            if let bad = line.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) {
                let code = "U+" + String(format: "%04X", bad.value)
                errors.append(LessonError(file: path, line: index + 1, message: "control character \(code) in the text (is this a binary file?)"))
                if errors.count >= 20 { break }
            }
        }
        if !errors.isEmpty { return ParseResult(lesson: nil, errors: errors, idLine: 0) }

        guard let firstLine = lines.first, firstLine.trimmingSpaces == "---" else {
            return ParseResult(lesson: nil, errors: [LessonError(file: path, line: 1, message: "a lesson starts with front matter: `---` on line 1, then YAML, then `---`")], idLine: 0)
        }
        guard let closing = lines.indices.dropFirst().first(where: { lines[$0].trimmingSpaces == "---" || lines[$0].trimmingSpaces == "..." }) else {
            return ParseResult(lesson: nil, errors: [LessonError(file: path, line: 1, message: "front matter opened on line 1 is never closed with `---`")], idLine: 0)
        }
        let yamlLines = Array(lines[1..<closing])
        var reader = FrontMatterReader(file: path, lineOffset: 1, headerLine: 1, taskValidator: taskValidator)
        var root: Node?
        var yamlBroken = false
        if let problem = YAMLDepthGuard.problem(in: yamlLines) {
            reader.fail(problem.index + 2, problem.message)
            yamlBroken = true
        } else if yamlLines.contains(where: { !$0.trimmingSpaces.isEmpty }) {
            // A document of only comments composes to nil without an error: that is empty front matter.
            let before = reader.errors.count
            root = reader.compose(yamlLines.joined(separator: "\n"))
            yamlBroken = reader.errors.count > before
        }
        let front = yamlBroken ? FrontMatter() : reader.read(root)
        errors += reader.errors

        var pageParser = PageParser(file: path, vocabulary: vocabulary)
        let pages = pageParser.parse(Array(lines[(closing + 1)...]), firstLine: closing + 2)
        errors += pageParser.errors
        if pages.isEmpty {
            errors.append(LessonError(file: path, line: min(closing + 2, lines.count), message: "no pages: a lesson needs at least one `## Title` page after the front matter"))
        }

        // A page's task settings change the lesson's task: check the merged settings.
        if let task = front.task, let validate = taskValidator {
            for page in pages where !page.settings.task.isEmpty || page.panels.contains(where: { !$0.task.isEmpty }) {
                let merged = task.settings.merging(page.settings.task) { _, page in page }
                if !page.settings.task.isEmpty {
                    for problem in validate(task.name, merged) {
                        let line = problem.key.flatMap { page.settings.lines[$0] } ?? page.settings.lines.values.min() ?? page.line
                        errors.append(LessonError(file: path, line: line, message: problem.message))
                    }
                }
                for panel in page.panels where !panel.task.isEmpty {
                    for problem in validate(task.name, merged.merging(panel.task) { _, p in p }) {
                        errors.append(LessonError(file: path, line: panel.line, message: "panel '\(panel.label)': " + problem.message))
                    }
                }
            }
        }

        let fileName = (path as NSString).lastPathComponent
        let (number, slug) = LessonLoader.nameParts(fileName)
        guard !yamlBroken, let title = front.title, let model = front.model, let task = front.task else {
            if errors.isEmpty {  // Safety net: a lesson that can't be built always says why.
                errors.append(LessonError(file: path, line: 1, message: "front matter is incomplete (needs title, model.cell and task.name)"))
            }
            return ParseResult(lesson: nil, errors: errors.sorted(), idLine: front.idLine)
        }
        if errors.isEmpty && pages.isEmpty == false && front.id == nil && slug.isEmpty {
            errors.append(LessonError(file: path, line: 1, message: "no `id:` and the file name gives none"))
        }
        let lesson = Lesson(id: front.id ?? slug, number: number, title: title, summary: front.summary, path: path,
                            model: model, task: task, training: front.training, compare: front.compare, pages: pages)
        return ParseResult(lesson: lesson, errors: errors.sorted(), idLine: front.idLine > 0 ? front.idLine : 1)
    }

    /// `07-exploding.md` → (7, "exploding"); names without a number prefix keep their stem.
    static func nameParts(_ fileName: String) -> (Int?, String) {
        let stem = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        let digits = stem.prefix { $0.isASCIIDigitCharacter }
        if !digits.isEmpty, digits.count <= 6, stem.dropFirst(digits.count).first == "-", let n = Int(digits) {
            return (n, String(stem.dropFirst(digits.count + 1)))
        }
        return (nil, stem)
    }
}

/// The lessons of a directory that loaded, and the problems of those that didn't.
public struct LessonCatalog: Sendable {
    /// Loaded lessons, sorted by file name.
    public var lessons: [Lesson]
    /// Every problem found, sorted by file and line.
    public var errors: [LessonError]

    public init(lessons: [Lesson], errors: [LessonError]) {
        self.lessons = lessons
        self.errors = errors
    }
}
