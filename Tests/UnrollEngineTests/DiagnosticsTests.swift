import Foundation
import Testing
@testable import UnrollEngine

/// The fast spectral norm (warm-started Lanczos) against the exact symmetric-eigenvalue path, and
/// `GradientFlow.compute` against explicitly multiplied Jacobians.
struct DiagnosticsTests {
    static func random(_ m: Int, _ n: Int, seed: UInt64) -> Matrix {
        var rng = SeededRandom(seed: seed)
        return Matrix(rows: m, cols: n, data: (0..<(m * n)).map { _ in rng.uniform(-1, 1) })
    }

    /// Q₁ diag(σ) Q₂ᵀ with Householder-reflection orthogonal factors (m × n, n ≤ m).
    static func withSingularValues(_ sigma: [Double], rows m: Int, seed: UInt64) -> Matrix {
        let n = sigma.count
        var rng = SeededRandom(seed: seed)
        func reflector(_ k: Int) -> [Double] {
            var v = (0..<k).map { _ in rng.uniform(-1, 1) }
            let s = Vector.norm(v)
            for i in 0..<k { v[i] /= s }
            return v
        }
        // A = (I − 2uuᵀ)(I − 2u′u′ᵀ) [diag σ; 0] (I − 2vvᵀ)(I − 2v′v′ᵀ)
        var a = Matrix(rows: m, cols: n)
        for i in 0..<n { a[i, i] = sigma[i] }
        for _ in 0..<2 {
            let u = reflector(m)
            for c in 0..<n {
                var d = 0.0
                for r in 0..<m { d += u[r] * a[r, c] }
                for r in 0..<m { a[r, c] -= 2 * d * u[r] }
            }
            let v = reflector(n)
            for r in 0..<m {
                var d = 0.0
                for c in 0..<n { d += a[r, c] * v[c] }
                for c in 0..<n { a[r, c] -= 2 * d * v[c] }
            }
        }
        return a
    }

    static func relErr(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        return abs(a - b) / max(abs(b), 1e-300)
    }

    @Test func randomMatricesMatchExactNorm() {
        var worst = 0.0
        var seed: UInt64 = 1
        for n in [8, 17, 24, 31, 32, 48, 64, 80, 96] {
            for m in [n, n + 7, 2 * n] {
                let a = Self.random(m, n, seed: seed); seed += 1
                let fast = Spectral.norm(a), exact = Spectral.exactNorm(a)
                worst = max(worst, Self.relErr(fast, exact))
                // Wide matrices too.
                let at = a.transposed
                worst = max(worst, Self.relErr(Spectral.norm(at), exact))
            }
        }
        print("random: worst relative error \(worst)")
        #expect(worst < 1e-9)
    }

    @Test func clusteredAndEqualTopSingularValues() {
        var worst = 0.0
        var seed: UInt64 = 100
        for n in [20, 32, 64, 96] {
            let count = Double(n)
            var patterns: [[Double]] = []
            patterns.append((0..<n).map { i -> Double in i < 4 ? 3.0 : 1.0 / Double(i + 1) })               // 4 equal top values
            patterns.append((0..<n).map { i -> Double in 2.0 * (1 - 1e-9 * Double(i)) })                    // all within 1e-7
            patterns.append((0..<n).map { i -> Double in i == 0 ? 1.0 : 0.999 - 1e-4 * Double(i) })         // gap 1e-3, then a cluster
            patterns.append((0..<n).map { i -> Double in 1.0 - 1e-12 * Double(i) })                          // nearly orthogonal
            patterns.append((0..<n).map { i -> Double in i < n / 2 ? 5.0 : 5.0 - 1e-6 })                     // two clusters 1e-6 apart
            patterns.append((0..<n).map { i -> Double in (count - Double(i)) / count })                      // evenly spread
            patterns.append((0..<n).map { i -> Double in pow(0.5, Double(i)) })                              // geometric
            for sigma in patterns {
                let a = Self.withSingularValues(sigma, rows: n + 3, seed: seed); seed += 1
                let truth = sigma.max()!
                let fast = Spectral.norm(a), exact = Spectral.exactNorm(a)
                worst = max(worst, Self.relErr(fast, exact), Self.relErr(fast, truth))
            }
        }
        print("clustered: worst relative error \(worst)")
        #expect(worst < 1e-9)
    }

    @Test func rankOneZeroDiagonalAndScaled() {
        var worst = 0.0
        for n in [17, 40, 64] {
            let u = (0..<n).map { sin(Double($0) + 1) }, v = (0..<n).map { cos(0.3 * Double($0)) }
            let r1 = Matrix(rows: n, cols: n, data: (0..<(n * n)).map { u[$0 / n] * v[$0 % n] })
            worst = max(worst, Self.relErr(Spectral.norm(r1), Spectral.exactNorm(r1)))
            worst = max(worst, Self.relErr(Spectral.norm(r1), Vector.norm(u) * Vector.norm(v)))
            #expect(Spectral.norm(Matrix(rows: n, cols: n)) == 0)
            var d = Matrix(rows: n, cols: n)
            for i in 0..<n { d[i, i] = Double((i * 7) % n) - Double(n) / 2 }
            worst = max(worst, Self.relErr(Spectral.norm(d), Double(n) / 2))
            // Diagonal with its largest entry where the generic start vector is smallest, and a single entry.
            var e = Matrix(rows: n, cols: n)
            e[n - 1, 3] = -2.5
            worst = max(worst, Self.relErr(Spectral.norm(e), 2.5))
            // Tiny and huge scales.
            for s in [1e-200, 1e200] {
                var a = Self.random(n, n, seed: UInt64(n))
                let ref = Spectral.exactNorm(a)
                a.scale(by: s)
                worst = max(worst, Self.relErr(Spectral.norm(a), ref * s))
            }
        }
        print("rank-1/zero/diagonal: worst relative error \(worst)")
        #expect(worst < 1e-9)
    }

    @Test func warmStartsFromAnyVectorStayExact() {
        var worst = 0.0
        for seed in UInt64(1)...12 {
            let a = Self.random(64, 64, seed: seed)
            let exact = Spectral.exactNorm(a)
            // The exact top singular vector of another matrix, an orthogonal-ish vector, and an exact one.
            var start: [Double]? = nil
            _ = Spectral.norm(Self.random(64, 64, seed: seed + 1000), start: &start)
            worst = max(worst, Self.relErr(Spectral.norm(a, start: &start), exact))
            worst = max(worst, Self.relErr(Spectral.norm(a, start: &start), exact))   // now its own vector
            var basis: [Double]? = (0..<64).map { $0 == 5 ? 1 : 0 }
            worst = max(worst, Self.relErr(Spectral.norm(a, start: &basis), exact))
            var zero: [Double]? = [Double](repeating: 0, count: 64)
            worst = max(worst, Self.relErr(Spectral.norm(a, start: &zero), exact))
        }
        print("warm starts: worst relative error \(worst)")
        #expect(worst < 1e-9)
    }

    @Test func nonFiniteGivesNaNOrInfinity() {
        var a = Self.random(40, 40, seed: 3)
        a[3, 4] = .infinity
        #expect(Spectral.norm(a) == .infinity)
        a[5, 5] = .nan
        #expect(Spectral.norm(a).isNaN)
    }

    static func model(_ cell: CellKind, hidden: Int, steps: Int, seed: UInt64, peephole: Bool = false) throws -> (Model, ForwardTrace) {
        let cfg = ModelConfig(cell: cell, activation: .tanh, inputSize: 3, hiddenSize: hidden, outputSize: 2)
        let model = try Model.initialized(cfg, InitSettings(seed: seed))
        _ = peephole
        var rng = SeededRandom(seed: seed + 7)
        let ex = Example(input: .vectors((0..<steps).map { _ in (0..<3).map { _ in rng.uniform(-1, 1) } }),
                         target: .values((0..<steps).map { _ in (0..<2).map { _ in rng.uniform(-1, 1) } }))
        return (model, try Network.forward(model, [ex]))
    }

    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func reachMatchesExplicitProducts(cell: CellKind) throws {
        var worstGain = 0.0, worstReach = 0.0
        for (hidden, steps, seed) in [(8, 12, UInt64(1)), (20, 30, 2), (32, 40, 3), (48, 25, 4)] {
            let (model, trace) = try Self.model(cell, hidden: hidden, steps: steps, seed: seed)
            let flow = GradientFlow.compute(model, trace)
            var jac: [Matrix] = []
            for t in 0..<steps {
                let j = StateJacobian.oneStep(model, trace, step: t)
                jac.append(j)
                worstGain = max(worstGain, Self.relErr(flow.stepGains[t], Spectral.exactNorm(j)))
            }
            #expect(flow.reach[steps - 1] == 1)
            var product = jac[steps - 1]
            for t in stride(from: steps - 2, through: 0, by: -1) {
                if t < steps - 2 { product = Matrix.product(product, jac[t + 1]) }
                worstReach = max(worstReach, Self.relErr(flow.reach[t], Spectral.exactNorm(product)))
            }
        }
        print("\(cell) flow: worst gain error \(worstGain), worst reach error \(worstReach)")
        #expect(worstGain < 1e-9)
        #expect(worstReach < 1e-9)
    }

    @Test func reachSurvivesUnderflowAndNonFiniteJacobians() throws {
        // A vanilla RNN with tiny recurrent weights: the reach falls far below the smallest Double
        // after a few hundred steps unless the product is kept normalised.
        let cfg = ModelConfig(cell: .rnn, activation: .tanh, inputSize: 2, hiddenSize: 20, outputSize: 1)
        var model = try Model.initialized(cfg, InitSettings(seed: 9))
        model.parameters.layers[0].W_hh.scale(by: 1e-3)
        let steps = 150
        let ex = Example(input: .vectors((0..<steps).map { t in [sin(Double(t)), cos(Double(t))] }),
                         target: .values((0..<steps).map { _ in [0] }))
        let trace = try Network.forward(model, [ex])
        let flow = GradientFlow.compute(model, trace)
        // Each step shrinks by ~1e-3·‖W‖: reach[0] ≈ 10^(−3·149) would be 0 in a plain product.
        var logSum = 0.0
        for t in 1..<steps { logSum += log10(flow.stepGains[t]) }
        #expect(flow.reach[0] > 0 && flow.reach[0].isFinite || logSum < -323)
        #expect(flow.reach.allSatisfy { $0 >= 0 })

        // A NaN in the trace makes the gains and reach NaN/∞, without trapping.
        var bad = trace
        bad.layers[0][10].h.data[3] = .nan
        let f2 = GradientFlow.compute(model, bad)
        #expect(f2.stepGains[10].isNaN)
        #expect(f2.reach[0].isNaN || f2.reach[0].isInfinite)
        #expect(f2.reach[steps - 1] == 1)
    }

    @Test func lanczosStepCounts() throws {
        let (model, trace) = try Self.model(.lstm, hidden: 32, steps: 100, seed: 1)
        let ws = LanczosWorkspace(m: 64, n: 64)
        var total = 0, totalCold = 0
        var warm = [Double](repeating: 0, count: 64)
        for t in 0..<100 {
            var j = StateJacobian.oneStep(model, trace, step: t)
            j.data.withUnsafeMutableBufferPointer { jb in
                warm.withUnsafeMutableBufferPointer { wb in
                    let op = LSTMJacobianOperator(j: jb.baseAddress!, h: 32)
                    _ = Spectral.lanczosTop(op, start: t > 0 ? UnsafePointer(wb.baseAddress!) : nil, ws, vectorOut: wb.baseAddress!)
                    total += ws.steps
                    _ = Spectral.lanczosTop(op, start: nil, ws)
                    totalCold += ws.steps
                }
            }
        }
        print("LSTM gains: mean Lanczos steps warm \(Double(total) / 100), cold \(Double(totalCold) / 100)")
    }
}
