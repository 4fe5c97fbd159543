import Foundation
import UnrollDraw
import UnrollEngine
import UnrollLab
import UnrollLessons

/// Everything the screen shows, as one value; only `update` changes it.
public struct AppState: Sendable {
    /// The lessons the menu offers (at least one).
    public var lessons: [Lesson]
    /// Index into `lessons` of the open lesson.
    public var lessonIndex: Int
    /// 0-based page of the open lesson.
    public var page: Int
    /// Where task data lives (`<lessons>/data`).
    public var dataDirectory: URL?

    /// What the page shows: its panels, the selected one, and whether they are side by side.
    /// Lesson claims read this same scene.
    public var scene: Scene

    /// Scenes that are not built from a lesson's settings (a model from a file), by lesson index:
    /// the page opens (and `r` resets) to them.
    public var fixedScenes: [Int: Scene] = [:]
    /// Models read from files, by lesson index (`w` writes them back under the file's names).
    public var importedModels: [Int: ImportedModel] = [:]

    /// Scenes of pages left with a trained model, restored when the student comes back.
    public var keptScenes: [PageKey: Scene] = [:]

    /// The timestep under the cursor (0-based).
    public var cursor: Int = 0
    /// The first timestep shown (horizontal scroll of the timeline).
    public var scroll: Int = 0
    /// First unit shown in each heatmap (when not all units fit).
    public var unitScroll: Int = 0
    /// First line of the lesson text shown.
    public var textScroll: Int = 0
    /// Terminal size the state was last laid out for.
    public var width: Int
    public var height: Int

    /// A one-line message (errors, confirmations); cleared by the next key.
    public var message: String?
    /// True when `message` reports a problem.
    public var messageIsError = false

    /// The overlay drawn over the screen, if any.
    public var overlay: Overlay = .none
    /// The forward/backward animation in progress, if any.
    public var animation: Animation = .none

    /// Whether the clock has work: an animation, a training run, or held-out figures to compute.
    public var isBusy: Bool { animation.isPlaying || scene.isTraining || scene.hasPendingHeldOut }
    /// How fast training and playback go.
    public var pace = Pace()

    /// Gradient clipping threshold used when `g` switches clipping on (from the lesson, default 1).
    public var clipThreshold: Double = 1

    /// The glyphs the screen draws with (UTF-8 or ASCII): text is measured as it is drawn.
    public var glyphs: Glyphs = .utf8

    /// Set once `q` was pressed.
    public var quitting = false

    /// The lesson on screen.
    public var lesson: Lesson { lessons[min(max(0, lessonIndex), lessons.count - 1)] }
    /// The page on screen.
    public var currentPage: LessonPage? {
        let pages = lesson.pages
        return page >= 0 && page < pages.count ? pages[page] : nil
    }

    /// The selected panel (the one the single view draws and the keys change).
    public var panel: Panel { scene.panel }
    /// The selected panel's settings.
    public var settings: ExperimentSettings { scene.panel.settings }
    /// The selected panel's model and example.
    public var experiment: Experiment? { scene.panel.experiment }
    /// The selected panel's figures.
    public var figures: Figures? { scene.panel.figures }
    /// The selected panel's training run.
    public var training: PanelTraining? { scene.panel.training }
    /// Whether the panels are side by side.
    public var isComparing: Bool { scene.comparing }

    /// Timesteps of the example on screen.
    public var steps: Int { figures?.steps ?? 0 }

    /// Whether gradient clipping is on for the selected panel.
    public var clipping: Bool { settings.clipNorm != nil }

    /// Creates the state for a lesson catalogue (an empty list gets the built-in test lesson; the
    /// commands refuse to start without lessons instead)
    /// and opens the given lesson and page.
    public init(lessons: [Lesson], lessonIndex: Int = 0, page: Int = 0, dataDirectory: URL?, width: Int = 80, height: Int = 24) {
        let list = lessons.isEmpty ? [BuiltinLesson.lesson] : lessons
        self.lessons = list
        self.lessonIndex = min(max(0, lessonIndex), list.count - 1)
        self.page = 0
        self.dataDirectory = dataDirectory
        self.scene = Scene(panels: [])
        self.width = max(0, width)
        self.height = max(0, height)
        self = Update.settle(Update.openPage(self, lesson: self.lessonIndex, page: page))
    }
}

/// A page of a lesson, as a key for kept scenes.
public struct PageKey: Hashable, Sendable {
    public var lesson: Int
    public var page: Int
}

/// A layer drawn over the main screen.
public enum Overlay: Equatable, Sendable {
    case none
    /// The help text, scrolled to a line.
    case help(scroll: Int)
    /// The lesson menu with the highlighted entry.
    case menu(selection: Int)
}

/// The pass being played as an animation.
public enum Animation: Equatable, Sendable {
    case none
    /// Columns 0..<revealed of the forward pass are shown.
    case forward(revealed: Int)
    /// Gradient bars from `from` to the last step are shown.
    case backward(from: Int)

    public var isPlaying: Bool { self != .none }
}

/// How fast training and playback go: a level the student changes with `+` and `-`.
public struct Pace: Sendable, Equatable {
    /// Training updates per second at each level (the last: as fast as the machine goes).
    public static let updatesPerSecond: [Double] = [2, 10, 25, 100, 250, 1000, 4000, .infinity]
    /// Timesteps per second of the forward and backward playback at each level.
    public static let stepsPerSecond: [Double] = [1, 2, 4, 10, 20, 40, 100, .infinity]
    /// The level a page opens with: slow enough to watch.
    public static let defaultLevel = 3

    /// 0 (slowest) … `updatesPerSecond.count − 1` (fastest).
    public var level = Pace.defaultLevel
    /// Fractions of an update and of a step carried from one tick to the next.
    public var trainCredit = 0.0
    public var playCredit = 0.0

    public init() {}

    public var updateRate: Double { Pace.updatesPerSecond[level] }
    public var stepRate: Double { Pace.stepsPerSecond[level] }

    /// "100 updates/s", "as fast as possible".
    public var label: String {
        updateRate.isInfinite ? "as fast as possible" : "\(Int(updateRate)) updates/s, \(Int(stepRate)) steps/s"
    }
}

/// A message for the message line (errors from the engine, tasks or lessons).
public struct AppError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
