import Foundation
import Testing
import UnrollEngine

/// Requests beyond reason are refused with a message naming the limit, before memory is taken.
struct LimitTests {
    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let e as EngineError { return e.message } catch { return "\(error)" }
    }

    @Test func absurdSizesAreRefusedNamingTheLimit() {
        let base = ModelConfig(cell: .lstm, inputSize: 4, hiddenSize: 8, outputSize: 2)
        var c = base
        c.hiddenSize = 100_000
        #expect(message { try c.validate() }?.contains("4096") == true)
        c = base; c.hiddenSize = 0
        #expect(message { try c.validate() }?.contains("hidden size") == true)
        c = base; c.hiddenSize = -5
        #expect(message { try c.validate() }?.contains("-5") == true)
        c = base; c.layers = 0
        #expect(message { try c.validate() }?.contains("layers") == true)
        c = base; c.inputSize = -1
        #expect(message { try c.validate() } != nil)
        c = base; c.dropout = .nan
        #expect(message { try c.validate() }?.contains("dropout") == true)
        #expect(message { try base.validateRun(steps: 10_000_000, batch: 1) }?.contains("100000") == true)
        #expect(message { try base.validateRun(steps: 0, batch: 1) }?.contains("at least 1 step") == true)
        #expect(message { try base.validateRun(steps: 50_000, batch: 4096) }?.contains("over the limit of 2.0 GB") == true)
        #expect(message { try base.validateRun(steps: 10, batch: 0) }?.contains("batch") == true)
    }

    @Test func forwardRefusesEmptyAndMismatchedInput() throws {
        let cfg = ModelConfig(cell: .rnn, inputSize: 2, hiddenSize: 3, outputSize: 1)
        let model = try Model.initialized(cfg)
        #expect(message { _ = try Network.forward(model, []) }?.contains("no examples") == true)
        let empty = Example(input: .vectors([]), target: .values([]))
        #expect(message { _ = try Network.forward(model, [empty]) }?.contains("at least 1 step") == true)
        let wrong = Example(input: .vectors([[1, 2, 3]]), target: .values([[0]]))
        #expect(message { _ = try Network.forward(model, [wrong]) }?.contains("reads 2") == true)
        let symbols = Example(input: .symbols([0]), target: .values([[0]]))
        #expect(message { _ = try Network.forward(model, [symbols]) }?.contains("dense") == true)
    }

    @Test func initialisationRefusesBeforeAllocating() {
        let huge = ModelConfig(cell: .lstm, inputSize: 100_000, hiddenSize: 4096, outputSize: 2, layers: 16)
        #expect(message { _ = try Model.initialized(huge) }?.contains("weights") == true)
    }
}
