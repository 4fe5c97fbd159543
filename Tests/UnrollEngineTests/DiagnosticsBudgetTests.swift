import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport
@testable import UnrollEngine

/// Issue 13, memory: the per-step Jacobian buffers (T·n² doubles) escaped the size guard, so an
/// LSTM with H = 1024 over T = 1000 asked for 33 GB and aborted. Now the diagnostics hold O(n²)
/// and spend at most their budget; what they leave out is NaN with a note naming size and limit.
struct DiagnosticsBudgetTests {
    static func model(_ cell: CellKind, H: Int, T: Int, seed: UInt64 = 3) throws -> (Model, ForwardTrace) {
        let cfg = ModelConfig(cell: cell, activation: .tanh, inputSize: 2, hiddenSize: H, outputSize: 1)
        let model = try Model.initialized(cfg, InitSettings(seed: seed))
        var rng = SeededRandom(seed: seed + 1)
        let ex = Example(input: .vectors((0..<T).map { _ in [rng.uniform(-1, 1), rng.uniform(-1, 1)] }),
                         target: .values((0..<T).map { _ in [rng.uniform(-1, 1)] }))
        return (model, try Network.forward(model, [ex]))
    }

    /// Before: `[Double](repeating: 0, count: T·n²)` = 33.5 GB, a fatal allocation failure that
    /// took the whole test process down.
    @Test func lstm1024Over1000StepsFitsItsBudget() throws {
        let (model, trace) = try Self.model(.lstm, H: 1024, T: 1000)
        let start = Date()
        let flow = GradientFlow.compute(model, trace)
        let seconds = Date().timeIntervalSince(start)
        let note = try #require(flow.note, "the budget must have cut something")
        #expect(note.contains("of 1000 steps"), "\(note)")
        #expect(note.contains("limit"), "\(note)")
        #expect(!flow.reachSteps.isEmpty && flow.reachSteps.upperBound == 1000)
        #expect(flow.reachSteps.count < 1000)
        for t in flow.gainSteps { #expect(flow.stepGains[t].isFinite && flow.stepGains[t] > 0) }
        for t in 0..<flow.gainSteps.lowerBound { #expect(flow.stepGains[t].isNaN) }
        for t in flow.reachSteps { #expect(flow.reach[t].isFinite) }
        #expect(flow.spectralRadius.isNaN, "ρ of a 1024 × 1024 block is over the interactive budget")
        #expect(seconds < 120, "took \(seconds) s")
        var usage = rusage()
        getrusage(0, &usage)   // RUSAGE_SELF
        #expect(usage.ru_maxrss < 4_000_000, "peak resident size \(usage.ru_maxrss / 1000) MB")
    }

    /// A window computes what the full computation gives for the same steps: the reach exactly
    /// (the Jacobians rebuilt for the reach pass are bit-identical to the gain pass's, and the
    /// product starts at the last step either way), the gains to Lanczos' 1e-12 (their warm
    /// start begins at the window's first step).
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func windowsMatchTheFullComputation(cell: CellKind) throws {
        let (model, trace) = try Self.model(cell, H: 24, T: 60)
        let full = GradientFlow.compute(model, trace, budget: .unlimited)
        #expect(full.note == nil && full.gainSteps == 0..<60 && full.reachSteps == 0..<60)
        let n = Double(cell == .lstm ? 48 : 24)
        let perStep = 64 * n * n + (cell == .lstm ? n * n * n / 2 : n * n * n) + 64 * n * n
        let tight = DiagnosticsBudget(work: 80 * 24 * 24 * 24 + 10 * perStep, bytes: 1 << 30)
        let cut = GradientFlow.compute(model, trace, budget: tight)
        #expect(cut.note != nil)
        #expect(cut.reachSteps.count >= 5 && cut.reachSteps.count <= 12, "\(cut.reachSteps)")
        for t in cut.gainSteps { #expect(abs(cut.stepGains[t] - full.stepGains[t]) <= 1e-10 * full.stepGains[t], "gain \(t)") }
        for t in cut.reachSteps { #expect(cut.reach[t] == full.reach[t], "reach \(t)") }
        for t in 0..<cut.reachSteps.lowerBound { #expect(cut.reach[t].isNaN) }
        #expect(cut.spectralRadius == full.spectralRadius && cut.sigmaMax == full.sigmaMax)
    }

    @Test func plansNameSizesAndLimits() {
        // One 8192 × 8192 LSTM Jacobian with its workspace is over the interactive memory limit.
        let huge = DiagnosticsBudget.interactive.plan(cell: .lstm, hidden: 4096, steps: 100, includeReach: true)
        #expect(!huge.fitsInMemory)
        #expect(huge.note?.contains("8192 × 8192") == true && huge.note?.contains("GB") == true, "\(huge.note ?? "")")
        // The issue's lesson: RNN, H = 1024, the adding problem at T = 10000.
        let rnn = DiagnosticsBudget.interactive.plan(cell: .rnn, hidden: 1024, steps: 10_000, includeReach: true)
        #expect(rnn.fitsInMemory && rnn.reachStart > 9_000, "\(rnn)")
        #expect(rnn.note?.contains("of 10000 steps") == true)
        // Lesson-sized models are never cut.
        let small = DiagnosticsBudget.interactive.plan(cell: .lstm, hidden: 16, steps: 200, includeReach: true)
        #expect(small.note == nil && small.gainStart == 0 && small.reachStart == 0 && small.includesRadius)
    }

    @Test func recordsOverTheLimitAreRefusedWithSizeAndLimit() {
        let cfg = ModelConfig(cell: .lstm, inputSize: 4, hiddenSize: 4096, outputSize: 4)
        #expect(throws: EngineError.self) { try cfg.validateRun(steps: 10_000, batch: 16) }
        do { try cfg.validateRun(steps: 10_000, batch: 16) } catch let e as EngineError {
            #expect(e.message.contains("GB") && e.message.contains("limit"), "\(e.message)")
        } catch {}
        #expect(cfg.largestBatch(steps: 1_000, upTo: 64) < 64)
        let small = ModelConfig(cell: .rnn, inputSize: 1, hiddenSize: 16, outputSize: 1)
        #expect(small.largestBatch(steps: 100, upTo: 64) == 64)
    }
}
