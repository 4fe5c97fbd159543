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
    /// Keys the page suggests (`keys:` / `try:`), in the order written.
    public var keys: [LessonKey]
    /// What changes when the page opens (`set:`).
    public var settings: PageSettings
    /// Start cursor (`cursor:`), 1-based; negative counts from the end (−1 = last step).
    public var cursor: Int?
    /// Claims checked against the engine (`claim:`).
    public var claims: [LessonClaim]
    /// Line of the `## Title` heading.
    public var line: Int

    public init(title: String, body: String, focus: [FocusRow] = [], keys: [LessonKey] = [],
                settings: PageSettings = PageSettings(), cursor: Int? = nil, claims: [LessonClaim] = [], line: Int = 0) {
        self.title = title
        self.body = body
        self.focus = focus
        self.keys = keys
        self.settings = settings
        self.cursor = cursor
        self.claims = claims
        self.line = line
    }

    /// The 0-based step the cursor starts on for a sequence of `steps` steps (clamped into range).
    public func startStep(steps: Int) -> Int {
        guard steps > 0 else { return 0 }
        guard let cursor else { return 0 }
        let index = cursor > 0 ? cursor - 1 : steps + cursor
        return min(max(index, 0), steps - 1)
    }
}

/// A checkable statement on a page: `claim: dh[1] < dh[40] / 1e6  # why it matters`.
public struct LessonClaim: Sendable, Equatable {
    /// The parsed expression.
    public var expression: ClaimExpression
    /// The expression as written.
    public var source: String
    /// The human text after `#`, if any.
    public var note: String?
    /// Line of the claim in the lesson file.
    public var line: Int

    public init(expression: ClaimExpression, source: String, note: String?, line: Int) {
        self.expression = expression
        self.source = source
        self.note = note
        self.line = line
    }
}
