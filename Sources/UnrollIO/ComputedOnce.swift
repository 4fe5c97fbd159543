import Foundation

/// Results of deterministic computations kept by the key of everything that decides them, so a
/// second page, claim or test asking for the same result gets the first one's instead of
/// computing it again. Each key is computed once: a caller asking for a key that another thread
/// is computing waits for that result. The oldest results are dropped beyond `capacity`, and
/// results `keeps` refuses (too large to hold on to) are handed out but not kept.
public final class ComputedOnce<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private enum Entry {
        case computing
        case done(Value)
    }
    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []
    private let condition = NSCondition()
    public let capacity: Int
    private let keeps: @Sendable (Value) -> Bool
    private var computedCount = 0, reusedCount = 0

    public init(capacity: Int, keeps: @escaping @Sendable (Value) -> Bool = { _ in true }) {
        self.capacity = capacity
        self.keeps = keeps
    }

    /// Results computed, and results handed out again, so far (for tests and measurements).
    public var counts: (computed: Int, reused: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (computedCount, reusedCount)
    }

    /// The value for `key`: kept, being computed elsewhere (waited for), or computed now. A
    /// computation that throws keeps nothing, and each waiting caller then computes for itself.
    public func value(_ key: Key, _ compute: () throws -> Value) rethrows -> Value {
        condition.lock()
        while true {
            switch entries[key] {
            case .done(let v)?:
                reusedCount += 1
                condition.unlock()
                return v
            case .computing?:
                condition.wait()
            case nil:
                entries[key] = .computing
                condition.unlock()
                let v: Value
                do { v = try compute() } catch {
                    condition.lock()
                    entries[key] = nil
                    condition.broadcast()
                    condition.unlock()
                    throw error
                }
                let kept = keeps(v)
                condition.lock()
                computedCount += 1
                if kept {
                    entries[key] = .done(v)
                    order.append(key)
                    while order.count > capacity { entries[order.removeFirst()] = nil }
                } else {
                    entries[key] = nil   // a caller waiting for it computes it for itself
                }
                condition.broadcast()
                condition.unlock()
                return v
            }
        }
    }

    /// The results kept now whose keys match (to start a computation from a related result).
    public func kept(where match: (Key) -> Bool) -> [(key: Key, value: Value)] {
        condition.lock()
        defer { condition.unlock() }
        return entries.compactMap { key, entry in
            if case .done(let v) = entry, match(key) { return (key, v) }
            return nil
        }
    }
}
