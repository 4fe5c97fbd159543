import Foundation

/// Every task by its command-line name.
public enum TaskCatalog {
    /// All task types, in curriculum order.
    public static var all: [any SequenceTask.Type] {
        [
            NextWordTask.self, HelloTask.self, SentimentOrderTask.self, LongRangeTask.self,
            AddingTask.self, AddingHS97Task.self, TemporalOrderTask.self,
            ReberTask.self, EmbeddedReberTask.self,
        ]
    }

    /// All task names, in curriculum order.
    public static var names: [String] { all.map { $0.name } }
}
