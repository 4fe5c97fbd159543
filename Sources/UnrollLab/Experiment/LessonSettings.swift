import Foundation
import UnrollCurriculum
import UnrollEngine
import UnrollLessons
import UnrollTasks

extension ExperimentSettings {
    /// The experiment a lesson sets up: its model, task and training, before any page changes.
    /// The lesson's `seed` seeds both the weights and the data.
    public init(lesson: Lesson) {
        self.init()
        apply(model: lesson.model)
        dataSeed = seed
        task = lesson.task.name
        taskSettings = lesson.task.settings.mapValues { $0.description }
        apply(training: lesson.training)
    }

    /// The experiment a lesson page shows when it has no panels: the lesson's set-up plus the
    /// page's `set:`. Pages do not inherit each other's changes, so every page opens on its own.
    public init(lesson: Lesson, page index: Int) {
        self.init(lesson: lesson)
        if lesson.pages.indices.contains(index) { apply(page: lesson.pages[index].settings) }
    }

    /// Copies every field of a lesson's model spec (the weight seed included, not the data seed).
    public mutating func apply(model m: ModelSpec) {
        cell = m.cell
        activation = m.activation
        hidden = m.hidden
        layers = m.layers
        dropout = m.dropout
        peepholes = m.peepholes
        embeddingSize = m.encoding == .embedding ? (m.embeddingSize ?? 8) : 0
        initScheme = m.initScheme
        radius = m.radius
        weightScale = m.weightScale ?? 1
        forgetBias = m.cell == .lstm && m.forgetBias != 0 ? m.forgetBias : nil
        attention = m.attention
        seed = UInt64(max(0, m.seed))
    }

    /// Copies a full training spec.
    public mutating func apply(training t: TrainingSpec) {
        optimizer = t.optimizer
        learningRate = t.lr
        momentum = t.momentum
        steps = t.steps
        batch = max(1, t.batch)
        clipNorm = t.clip
        clipValue = t.clipValue
        truncation = t.truncate
    }

    /// Applies a page's `set:`: model, training and task settings and the example shown.
    public mutating func apply(page p: PageSettings) {
        apply(override: p.model)
        apply(shared: p)
    }

    /// Applies the parts of a page's `set:` that every model on the page shares (training, task,
    /// example) but not its model fields: compare variants are the lesson's models, not the page's.
    public mutating func apply(shared p: PageSettings) {
        apply(training: p.training)
        for (k, v) in p.task { taskSettings[k] = v.description }
        if let e = p.example { exampleIndex = max(0, e - 1) }
    }

    /// Applies the training fields an override sets.
    public mutating func apply(training o: TrainingOverride) {
        if let v = o.optimizer { optimizer = v }
        if let v = o.lr { learningRate = v }
        if let v = o.steps { steps = v }
        if let v = o.batch { batch = max(1, v) }
        if let v = o.clip { clipNorm = v.value }
        if let v = o.clipValue { clipValue = v.value }
        if let v = o.truncate { truncation = v.value }
        if let v = o.momentum { momentum = v }
    }

    /// Applies a partial model change (a page's `set:`, a panel or a compare variant).
    public mutating func apply(override o: ModelOverride) {
        if let v = o.cell { cell = v }
        if let v = o.activation { activation = v }
        if let v = o.hidden { hidden = v }
        if let v = o.layers { layers = v }
        if let v = o.encoding { embeddingSize = v == .embedding ? max(embeddingSize, o.embeddingSize ?? 8) : 0 }
        if let v = o.embeddingSize, embeddingSize > 0 { embeddingSize = v }
        // A new initialisation replaces a rescaled W_hh (as the `i` key does) unless the same
        // change sets the radius too: "IRNN" means identity W_hh, whatever radius the lesson set.
        if let v = o.initScheme { initScheme = v; radius = nil }
        if let v = o.radius { radius = v }
        if let v = o.weightScale { weightScale = v }
        if let v = o.forgetBias { forgetBias = v }
        if let v = o.peepholes { peepholes = v }
        if let v = o.dropout { dropout = v }
        if let v = o.attention { attention = v }
        if let v = o.seed { seed = UInt64(max(0, v)) }
        if cell != .lstm { forgetBias = nil; peepholes = false }
    }
}

/// Where lessons and their data live.
public enum LessonLocator {
    /// Where a lessons folder came from.
    public enum Source: Equatable, Sendable {
        /// `--lessons DIR`.
        case option
        /// `$UNROLL_LESSONS`.
        case environment
        /// `./lessons` in the current folder.
        case workingDirectory
        /// The `lessons/` of the clone the running program was built in (`.build/…/unroll`).
        case repository
        /// The lessons bundled with the program (SwiftPM resources).
        case bundled

        /// How the source is named in messages.
        public var description: String {
            switch self {
            case .option: "--lessons"
            case .environment: "UNROLL_LESSONS"
            case .workingDirectory: "./lessons"
            case .repository: "the clone unroll was built in"
            case .bundled: "built into unroll"
            }
        }
    }

    /// A lessons folder and where it came from.
    public struct Location: Equatable, Sendable {
        public var url: URL
        public var source: Source
    }

    /// The lessons folder, in this order: an explicit path (`--lessons`), `$UNROLL_LESSONS`,
    /// `./lessons`, the `lessons/` of the clone when the program runs from its `.build` folder
    /// (so `swift run` shows edits at once), and last the lessons bundled with the program.
    /// An explicit or environment path is returned even if it does not exist (the caller says so).
    public static func locate(explicit: String? = nil) -> Location? {
        if let e = explicit { return Location(url: URL(fileURLWithPath: e), source: .option) }
        if let env = ProcessInfo.processInfo.environment["UNROLL_LESSONS"], !env.isEmpty {
            return Location(url: URL(fileURLWithPath: env), source: .environment)
        }
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("lessons")
        if isDirectory(cwd) { return Location(url: cwd, source: .workingDirectory) }
        for dir in Curriculum.programDirectories {
            let parts = dir.pathComponents
            guard let i = parts.lastIndex(of: ".build"), i > 0 else { continue }
            let clone = URL(fileURLWithPath: NSString.path(withComponents: Array(parts[..<i])))
            let candidate = clone.appendingPathComponent("lessons")
            if isDirectory(candidate), isDirectory(candidate.appendingPathComponent("data")) {
                return Location(url: candidate, source: .repository)
            }
        }
        if let bundled = Curriculum.lessonsDirectory { return Location(url: bundled, source: .bundled) }
        return nil
    }

    /// The lessons folder (see `locate`).
    public static func directory(explicit: String? = nil) -> URL? {
        locate(explicit: explicit)?.url
    }

    /// Why no lessons folder was found, as one sentence for an error message.
    public static var notFoundMessage: String {
        "no lessons found: the lessons bundled with unroll belong in \(Curriculum.expectedBundle.path), "
            + "beside the program (copy it along with the program, see the README), "
            + "or point to a lessons folder with --lessons DIR or UNROLL_LESSONS"
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The data folder of a lessons folder.
    public static func dataDirectory(for lessons: URL) -> URL { lessons.appendingPathComponent("data") }

    /// A loader that also checks task names and settings against the task catalogue.
    public static func loader(dataDirectory: URL?) -> LessonLoader {
        LessonLoader(taskValidator: { name, settings in
            let strings = settings.mapValues { $0.description }
            do {
                // Settings are checked without reading data files (start-up stays fast); a task
                // that needs one only has to find it here, and parses it when its lesson opens.
                do {
                    _ = try TaskCatalog.make(name, settings: strings, dataDirectory: nil)
                } catch TaskError.needsDataDirectory(_, let file) {
                    guard let dir = dataDirectory else { return [TaskProblem("task \(name) needs its data folder (lessons/data)")] }
                    let path = dir.appendingPathComponent(file).path
                    guard FileManager.default.fileExists(atPath: path) else {
                        return [TaskProblem("task \(name) needs the data file \(path), which is missing")]
                    }
                }
                return []
            } catch let e as TaskError {
                switch e {
                case .unknownSetting(_, let setting, _, _): return [TaskProblem(key: setting, e.description)]
                case .badSetting(_, let setting, _, _): return [TaskProblem(key: setting, e.description)]
                default: return [TaskProblem(e.description)]
                }
            } catch {
                return [TaskProblem("\(error)")]
            }
        })
    }
}
