import Foundation
import Testing
import UnrollLab

struct ParallelMapTests {
    @Test func workTakenInAnyOrderComesBackInIndexOrder() {
        let order = [5, 0, 3, 1, 4, 2]
        for threads in [1, 2, 8] {
            let squares = parallelMap(order: order, threads: threads) { i in i * i }
            #expect(squares == [0, 1, 4, 9, 16, 25], "\(threads) threads")
        }
        #expect(parallelMap(order: [], threads: 2) { $0 }.isEmpty)
    }

    @Test func workCanRunParallelMapsOfItsOwn() {
        let sums = parallelMap(order: [1, 0], threads: 2) { i in parallelMap(4) { j in i * 10 + j }.reduce(0, +) }
        #expect(sums == [6, 46])
    }
}
