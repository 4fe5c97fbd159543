import Foundation

/// Runs `body` for every index in parallel (each result in its own slot) and returns the results
/// in index order: independent panels, pages or lessons computed on every core.
public func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<max(0, count)).map(body) }
    let slots = Slots<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
    return slots.values
}

/// One result per index, written from several threads.
final class Slots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(_ count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
    var values: [T] { lock.withLock { slots.compactMap { $0 } } }
}

/// Runs `body` for every index of `order` (a permutation of 0..<n) on `threads` threads (this one
/// and threads of their own), each taking the next index of `order` as it comes free, and returns
/// the results in index order: the costliest work can be started first. Unlike `parallelMap`,
/// the work runs outside any GCD apply, so the `parallelMap`s it calls get every core too (GCD
/// runs an apply nested in another one on one thread: pages' panels would train one by one).
public func parallelMap<T: Sendable>(order: [Int], threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let count = (order.max() ?? -1) + 1
    let slots = Slots<T>(count)
    let queue = WorkQueue(order)
    let work: @Sendable () -> Void = { while let i = queue.next() { slots.set(i, body(i)) } }
    let done = DispatchGroup()
    for _ in 1..<max(1, min(threads, order.count)) {
        done.enter()
        Thread { work(); done.leave() }.start()
    }
    work()
    done.wait()
    return slots.values
}

/// Indices handed out one at a time, in order, to several threads.
final class WorkQueue: @unchecked Sendable {
    private var rest: ArraySlice<Int>
    private let lock = NSLock()
    init(_ order: [Int]) { rest = order[...] }
    func next() -> Int? { lock.withLock { rest.popFirst() } }
}
