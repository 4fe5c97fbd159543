import Foundation

/// What went wrong building a task or reading its data; the description is a full sentence.
public enum TaskError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// No task has this name; `suggestion` is the closest known name, if any is close.
    case unknownTask(name: String, suggestion: String?)
    /// The task has no setting of this name.
    case unknownSetting(task: String, setting: String, known: [String], suggestion: String?)
    /// A setting's value cannot be used.
    case badSetting(task: String, setting: String, value: String, reason: String)
    /// A request that cannot be met (e.g. a negative example count).
    case badRequest(task: String, reason: String)
    /// A task that reads a file was built without a data directory.
    case needsDataDirectory(task: String, file: String)
    /// A data file is missing or malformed; `line` is 1-based when known.
    case dataFile(path: String, line: Int?, reason: String)

    public var description: String {
        switch self {
        case .unknownTask(let name, let suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "Unknown task '\(name)'.\(hint) Known tasks: \(TaskCatalog.names.joined(separator: ", "))."
        case .unknownSetting(let task, let setting, let known, let suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            let list = known.isEmpty ? "it has no settings" : "its settings are \(known.joined(separator: ", "))"
            return "Task '\(task)' has no setting '\(setting)'.\(hint) (\(list))."
        case .badSetting(let task, let setting, let value, let reason):
            return "Task '\(task)': setting \(setting)=\(value) is not allowed: \(reason)."
        case .badRequest(let task, let reason):
            return "Task '\(task)': \(reason)."
        case .needsDataDirectory(let task, let file):
            return "Task '\(task)' reads \(file) and needs the data directory (lessons/data)."
        case .dataFile(let path, let line, let reason):
            let at = line.map { " line \($0)" } ?? ""
            return "Data file \(path)\(at): \(reason)."
        }
    }

    public var errorDescription: String? { description }
}

/// One setting a task accepts: its name, kind and limits, default and a one-line meaning.
public struct SettingSpec: Sendable, Equatable {
    /// The kind of value and its allowed range.
    public enum Kind: Sendable, Equatable {
        /// A whole number in the closed range.
        case integer(ClosedRange<Int>)
        /// A finite real number in the closed range.
        case number(ClosedRange<Double>)
        /// true/false (also accepts yes/no, on/off, 1/0).
        case flag
        /// One of the listed words.
        case choice([String])
        /// Free text (validated by the task).
        case text
    }

    /// Snake-case key, e.g. `length`; on the command line `-` and `_` are interchangeable.
    public var name: String
    public var kind: Kind
    /// The default, written as it would be typed.
    public var defaultValue: String
    /// One line saying what the setting does.
    public var summary: String

    public init(_ name: String, _ kind: Kind, default defaultValue: String, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// A human-readable statement of the limits, e.g. "a whole number 1…10000".
    public var limits: String {
        switch kind {
        case .integer(let r): return "a whole number \(r.lowerBound)…\(r.upperBound)"
        case .number(let r): return "a number \(TaskSettings.plain(r.lowerBound))…\(TaskSettings.plain(r.upperBound))"
        case .flag: return "true or false"
        case .choice(let words): return "one of \(words.joined(separator: ", "))"
        case .text: return "text"
        }
    }
}

/// Settings parsed and validated against a task's specs: every spec has a value afterwards.
public struct TaskSettings: Sendable, Equatable {
    /// Resolved values, normalised (e.g. flags as "true"/"false"), keyed by spec name.
    public private(set) var values: [String: String]
    private let task: String
    private let specs: [SettingSpec]

    /// Parses `given` for `task`: unknown keys and bad values throw `TaskError` with a clear message.
    /// Keys are case-insensitive, `-` equals `_`, and `T` is accepted for `length`.
    public init(_ given: [String: String], specs: [SettingSpec], task: String) throws {
        self.task = task
        self.specs = specs
        var resolved: [String: String] = [:]
        for spec in specs { resolved[spec.name] = spec.defaultValue }
        let known = specs.map(\.name)
        for (rawKey, rawValue) in given.sorted(by: { $0.key < $1.key }) {
            var key = rawKey.trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: "-", with: "_")
            if key == "t", known.contains("length") { key = "length" }
            guard let spec = specs.first(where: { $0.name == key }) else {
                throw TaskError.unknownSetting(task: task, setting: rawKey, known: known,
                                               suggestion: EditDistance.closest(to: key, in: known))
            }
            resolved[spec.name] = try Self.normalise(rawValue, spec: spec, task: task)
        }
        // Defaults are validated too, so a bad default is a loud programming error, not a trap.
        for spec in specs {
            resolved[spec.name] = try Self.normalise(resolved[spec.name] ?? spec.defaultValue, spec: spec, task: task)
        }
        values = resolved
    }

    /// The integer value of a validated integer setting (0 if the name is not a spec).
    public func int(_ name: String) -> Int { Int(values[name] ?? "") ?? 0 }
    /// The real value of a validated number setting (0 if the name is not a spec).
    public func double(_ name: String) -> Double { Double(values[name] ?? "") ?? 0 }
    /// The value of a validated flag.
    public func bool(_ name: String) -> Bool { values[name] == "true" }
    /// The raw (normalised) value.
    public func string(_ name: String) -> String { values[name] ?? "" }

    /// Checks a typed value against the named spec's limits (used by the typed initialisers).
    public static func check(_ value: Int, _ name: String, specs: [SettingSpec], task: String) throws {
        guard let spec = specs.first(where: { $0.name == name }) else { return }
        _ = try normalise(String(value), spec: spec, task: task)
    }

    /// Checks a typed real value against the named spec's limits.
    public static func check(_ value: Double, _ name: String, specs: [SettingSpec], task: String) throws {
        guard let spec = specs.first(where: { $0.name == name }) else { return }
        guard value.isFinite else {
            throw TaskError.badSetting(task: task, setting: name, value: "\(value)", reason: "it must be \(spec.limits)")
        }
        _ = try normalise(String(value), spec: spec, task: task)
    }

    static func normalise(_ raw: String, spec: SettingSpec, task: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespaces)
        func bad(_ reason: String) -> TaskError {
            .badSetting(task: task, setting: spec.name, value: raw, reason: reason)
        }
        switch spec.kind {
        case .integer(let range):
            guard let v = Int(text) else { throw bad("it must be \(spec.limits)") }
            guard range.contains(v) else { throw bad("\(spec.name) must be \(range.lowerBound)…\(range.upperBound)") }
            return String(v)
        case .number(let range):
            guard let v = Double(text), v.isFinite else { throw bad("it must be \(spec.limits)") }
            guard range.contains(v) else {
                throw bad("\(spec.name) must be \(plain(range.lowerBound))…\(plain(range.upperBound))")
            }
            return plain(v)
        case .flag:
            switch text.lowercased() {
            case "true", "yes", "on", "1": return "true"
            case "false", "no", "off", "0": return "false"
            default: throw bad("it must be true or false")
            }
        case .choice(let words):
            let lower = text.lowercased()
            guard words.contains(lower) else {
                let hint = EditDistance.closest(to: lower, in: words).map { " (did you mean '\($0)'?)" } ?? ""
                throw bad("it must be \(spec.limits)\(hint)")
            }
            return lower
        case .text:
            return text
        }
    }

    /// Shortest decimal form of a number ("0.5", "1", "0.04").
    static func plain(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }
}

/// Levenshtein edit distance, for "did you mean" suggestions.
public enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions turning `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidate closest to `word`, if it is within max(2, ⌊length/3⌋) edits (ties: first listed);
    /// a candidate that starts with `word` (or vice versa) also counts as close.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        guard !w.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        for c in candidates {
            let d = between(w, c.lowercased())
            if best == nil || d < (best?.distance ?? Int.max) { best = (c, d) }
        }
        guard let found = best else { return nil }
        if found.distance <= Swift.max(2, w.count / 3) { return found.name }
        return candidates.first { $0.lowercased().hasPrefix(w) || (w.hasPrefix($0.lowercased()) && $0.count >= 3) }
    }
}
