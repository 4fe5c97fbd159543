/// A scalar value from the lesson file (task settings are maps of these).
public enum LessonScalar: Sendable, Equatable, CustomStringConvertible {
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case text(String)

    /// The value as a Double when it is numeric.
    public var doubleValue: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .number(let v): return v
        default: return nil
        }
    }

    /// The value as an Int when it is a whole number.
    public var intValue: Int? {
        if case .integer(let v) = self { return v }
        return nil
    }

    public var description: String {
        switch self {
        case .integer(let v): return String(v)
        case .number(let v): return String(v)
        case .bool(let v): return v ? "true" : "false"
        case .text(let v): return v
        }
    }
}

/// The data set a lesson trains on: a task name from the task catalogue plus its free-form settings.
public struct TaskSpec: Sendable, Equatable {
    /// The catalogue name, e.g. `adding`.
    public var name: String
    /// Every other key of `task:`, e.g. `length: 40`.
    public var settings: [String: LessonScalar]
    /// Line of each setting in the file (for error reports made after loading).
    public var settingLines: [String: Int]
    /// Line of `name:`.
    public var line: Int

    public init(name: String, settings: [String: LessonScalar] = [:], settingLines: [String: Int] = [:], line: Int = 0) {
        self.name = name
        self.settings = settings
        self.settingLines = settingLines
        self.line = line
    }
}

/// A problem a task validator found: the setting it concerns (nil: the task as a whole) and what is wrong.
public struct TaskProblem: Sendable, Equatable, ExpressibleByStringLiteral {
    public var key: String?
    public var message: String

    public init(key: String? = nil, _ message: String) {
        self.key = key
        self.message = message
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// Checks a task name and its settings against the task catalogue; returns the problems (empty: fine).
///
/// Problems with a `key` are reported on that setting's line, the others on the `name:` line.
public typealias TaskValidator = @Sendable (_ name: String, _ settings: [String: LessonScalar]) -> [TaskProblem]
