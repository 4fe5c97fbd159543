import Foundation
import Testing
import UnrollIO

/// Results kept by key: each key computed once, also when threads ask for it at the same time.
struct ComputedOnceTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.withLock { n += 1 } }
        var value: Int { lock.withLock { n } }
    }

    @Test func threadsAskingForOneKeyComputeItOnce() {
        let kept = ComputedOnce<Int, String>(capacity: 4)
        let calls = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let v = kept.value(i % 2) {
                calls.add()
                usleep(20_000)   // long enough that the other threads ask while it is being computed
                return "value \(i % 2)"
            }
            #expect(v == "value \(i % 2)")
        }
        #expect(calls.value == 2)
        #expect(kept.counts.computed == 2 && kept.counts.reused == 6)
    }

    @Test func aComputationThatThrowsKeepsNothing() {
        struct Failed: Error {}
        let kept = ComputedOnce<String, Int>(capacity: 4)
        #expect(throws: Failed.self) { try kept.value("a") { throw Failed() } }
        #expect(kept.value("a") { 7 } == 7)
        #expect(kept.counts.computed == 1)
    }

    @Test func theOldestResultsGoBeyondTheCapacity() {
        let kept = ComputedOnce<Int, Int>(capacity: 2)
        for k in 0..<3 { _ = kept.value(k) { k * 10 } }
        #expect(kept.kept { _ in true }.map(\.key).sorted() == [1, 2])
        #expect(kept.value(0) { -1 } == -1, "computed again")
    }

    @Test func resultsTooLargeToKeepAreHandedOutButNotKept() {
        let kept = ComputedOnce<Int, [Int]>(capacity: 4, keeps: { $0.count <= 2 })
        #expect(kept.value(1) { [1, 2, 3] } == [1, 2, 3])
        #expect(kept.value(2) { [1] } == [1])
        #expect(kept.kept { _ in true }.map(\.key) == [2])
        #expect(kept.value(1) { [4] } == [4], "computed again")
    }
}
