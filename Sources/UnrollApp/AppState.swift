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

    /// The settings the current experiment was built from (lesson + page + the student's changes).
    public var settings: ExperimentSettings
    /// The model and example on screen; nil when the settings could not be built.
    public var experiment: Experiment?
    /// The figures of `experiment` on its example; nil when they could not be computed.
    public var figures: Figures?

    /// The timestep under the cursor (0-based).
    public var cursor: Int = 0
    /// The first timestep shown (horizontal scroll of the timeline).
    public var scroll: Int = 0
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

    /// Gradient clipping threshold used when clipping is on (from the lesson, default 1).
    public var clipThreshold: Double = 1

    /// Compare mode: the models stacked on one shared gradient axis.
    public var compare: [CompareEntry] = []
    public var isComparing: Bool { !compare.isEmpty }

    /// Training: the run, and whether ticks advance it.
    public var training: TrainingState?

    /// Set once `q` was pressed.
    public var quitting = false

    /// The lesson on screen.
    public var lesson: Lesson { lessons[min(max(0, lessonIndex), lessons.count - 1)] }
    /// The page on screen.
    public var currentPage: LessonPage? {
        let pages = lesson.pages
        return page >= 0 && page < pages.count ? pages[page] : nil
    }

    /// Timesteps of the example on screen.
    public var steps: Int { figures?.steps ?? 0 }

    /// Whether gradient clipping is on.
    public var clipping: Bool { settings.clipNorm != nil }

    /// Creates the state for a lesson catalogue (falls back to the built-in lesson when empty)
    /// and opens the given lesson and page.
    public init(lessons: [Lesson], lessonIndex: Int = 0, page: Int = 0, dataDirectory: URL?, width: Int = 80, height: Int = 24) {
        let list = lessons.isEmpty ? [BuiltinLesson.lesson] : lessons
        self.lessons = list
        self.lessonIndex = min(max(0, lessonIndex), list.count - 1)
        self.page = 0
        self.dataDirectory = dataDirectory
        self.settings = ExperimentSettings()
        self.width = max(0, width)
        self.height = max(0, height)
        self = Update.settle(Update.openPage(self, lesson: self.lessonIndex, page: page))
    }
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

/// One model of compare mode.
public struct CompareEntry: Sendable {
    public var label: String
    public var settings: ExperimentSettings
    /// The figures, or the reason they could not be computed.
    public var figures: Result<Figures, AppError>
}

/// A message for the message line (errors from the engine, tasks or lessons).
public struct AppError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A training run in progress (or paused) and what the screen shows of it.
public struct TrainingState: Sendable {
    public var run: TrainingRun
    /// Whether ticks advance training.
    public var running: Bool
    /// Figures of the current weights on the example on screen (refreshed after each slice).
    public var sample: Figures?
    /// The last step's report.
    public var lastReport: Trainer.StepReport?
    /// Step budget (from the lesson), 0 meaning no limit.
    public var limit: Int
}
