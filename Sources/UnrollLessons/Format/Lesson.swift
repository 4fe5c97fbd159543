/// A loaded lesson: its set-up (model, task, training, compare variants) and its pages.
public struct Lesson: Sendable, Equatable {
    /// Unique id (from `id:`, or the file name without its `NN-` prefix).
    public var id: String
    /// The `NN` of an `NN-slug.md` file name, if it has one.
    public var number: Int?
    public var title: String
    public var summary: String
    /// The file the lesson was loaded from (as given to the loader).
    public var path: String
    public var model: ModelSpec
    public var task: TaskSpec
    public var training: TrainingSpec
    /// 2–4 variants, or empty when the lesson has no `compare:`.
    public var compare: [CompareVariant]
    /// At least one page.
    public var pages: [LessonPage]

    public init(id: String, number: Int?, title: String, summary: String, path: String, model: ModelSpec,
                task: TaskSpec, training: TrainingSpec, compare: [CompareVariant], pages: [LessonPage]) {
        self.id = id
        self.number = number
        self.title = title
        self.summary = summary
        self.path = path
        self.model = model
        self.task = task
        self.training = training
        self.compare = compare
        self.pages = pages
    }

    /// Every claim of every page, in order.
    public var claims: [LessonClaim] { pages.flatMap(\.claims) }
}

/// One page of a lesson: Markdown text plus what the screen should show and check.
public struct LessonPage: Sendable, Equatable {
    /// The text of the `## Title` heading.
    public var title: String
    /// Markdown body with directive lines removed (leading and trailing blank lines trimmed).
    public var body: String
    /// Rows to highlight (`focus:`).
    public var focus: [FocusRow]
    /// The keys the page's text asks the student to press, in order (`keys:`). The page opens in
    /// the state before them; the test suite plays them through the app's `update` and checks the
    /// page's `after:` claims on the state they lead to. Page navigation (`n p L ? q`) is shown but
    /// not played.
    public var keys: [LessonKey]
    /// Keys the page suggests trying besides (`try:`): shown first in the key bar, never played.
    public var tryKeys: [LessonKey]
    /// What changes when the page opens (`set:`).
    public var settings: PageSettings
    /// The models the page shows (`panel:` lines); empty means one panel, the lesson's model with
    /// the page's `set:`.
    public var panels: [PanelSpec]
    /// Start cursor (`cursor:`), 1-based; negative counts from the end (−1 = last step).
    public var cursor: Int?
    /// Claims checked against the engine (`claim:`).
    public var claims: [LessonClaim]
    /// Line of the `## Title` heading.
    public var line: Int

    public init(title: String, body: String, focus: [FocusRow] = [], keys: [LessonKey] = [], tryKeys: [LessonKey] = [],
                settings: PageSettings = PageSettings(), panels: [PanelSpec] = [], cursor: Int? = nil,
                claims: [LessonClaim] = [], line: Int = 0) {
        self.title = title
        self.body = body
        self.focus = focus
        self.keys = keys
        self.tryKeys = tryKeys
        self.settings = settings
        self.panels = panels
        self.cursor = cursor
        self.claims = claims
        self.line = line
    }

    /// The keys of `keys:` that change the page's state (navigation keys are left out).
    public var playedKeys: [LessonKey] { keys.filter { !$0.isNavigation } }

    /// Claims about the state the page opens in (`claim:`).
    public var openingClaims: [LessonClaim] { claims.filter { $0.phase == .opening } }
    /// Claims about the state after the page's keys (`after:`).
    public var afterClaims: [LessonClaim] { claims.filter { $0.phase == .afterKeys } }

    /// The 0-based step the cursor starts on for a sequence of `steps` steps (clamped into range).
    public func startStep(steps: Int) -> Int {
        guard steps > 0 else { return 0 }
        guard let cursor else { return 0 }
        let index = cursor > 0 ? cursor - 1 : steps + cursor
        return min(max(index, 0), steps - 1)
    }
}

/// A checkable statement on a page: `claim: dh[1] < dh[40] / 1e6  # why it matters` about the
/// state the page opens in, or `after: …` about the state after the page's keys.
public struct LessonClaim: Sendable, Equatable {
    /// Which state of the page a claim reads.
    public enum Phase: String, Sendable, Equatable {
        /// The state the page opens in (`claim:`).
        case opening
        /// The state reached by playing the page's `keys:` (`after:`).
        case afterKeys
    }

    /// Which state the claim reads.
    public var phase: Phase
    /// The parsed expression.
    public var expression: ClaimExpression
    /// The expression as written.
    public var source: String
    /// The human text after `#`, if any.
    public var note: String?
    /// Line of the claim in the lesson file.
    public var line: Int

    public init(expression: ClaimExpression, source: String, note: String?, line: Int, phase: Phase = .opening) {
        self.phase = phase
        self.expression = expression
        self.source = source
        self.note = note
        self.line = line
    }
}

/// One model a page shows (`panel: IRNN, seed 2 | activation=relu, init=identity, seed=2`): a label
/// and what differs from the page's model. Every panel reads the same inputs and trains on the
/// same batches.
public struct PanelSpec: Sendable, Equatable {
    /// The caption drawn above the panel; claims read the panel as `panel("label")`.
    public var label: String
    /// Model fields that differ from the page's model (the lesson's `model:` plus the page's `set:`).
    public var model: ModelOverride
    /// Training fields that differ (clipping, learning rate, …).
    public var training: TrainingOverride
    /// Task settings that differ (`length=12`, `reverse=on`): this panel reads its own examples
    /// of the task (same data seed).
    public var task: [String: LessonScalar] = [:]
    /// Line of the `panel:` directive.
    public var line: Int

    public init(label: String, model: ModelOverride = ModelOverride(), training: TrainingOverride = TrainingOverride(), line: Int = 0) {
        self.label = label
        self.model = model
        self.training = training
        self.line = line
    }
}
