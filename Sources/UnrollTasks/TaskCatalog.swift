import Foundation

/// Every task by its command-line name, and lookup with "did you mean" suggestions.
public enum TaskCatalog {
    /// All task types, in curriculum order.
    public static var all: [any SequenceTask.Type] {
        [
            NextWordTask.self, HelloTask.self, SentimentOrderTask.self, LongRangeTask.self,
            AddingTask.self, AddingHS97Task.self, TemporalOrderTask.self,
            ReberTask.self, EmbeddedReberTask.self, SineTask.self, DigitsTask.self, TextTask.self,
            Seq2SeqTask.self,
        ]
    }

    /// All task names, in curriculum order.
    public static var names: [String] { all.map { $0.name } }

    /// The task type with this name (case-insensitive; `_` accepted for `-`).
    /// Throws `TaskError.unknownTask` with the closest name by edit distance as a suggestion.
    public static func named(_ name: String) throws -> any SequenceTask.Type {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
        if let found = all.first(where: { $0.name == key }) { return found }
        throw TaskError.unknownTask(name: name, suggestion: EditDistance.closest(to: key, in: names))
    }

    /// Builds the named task from `key=value` settings; `dataDirectory` is `lessons/data`
    /// (required by `digits` and `text`, ignored by the others).
    public static func make(_ name: String, settings: [String: String] = [:], dataDirectory: URL? = nil) throws
        -> any SequenceTask {
        try named(name).init(settings: settings, dataDirectory: dataDirectory)
    }
}
