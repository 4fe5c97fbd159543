import Foundation

/// The Jacobian diagnostics a screen sets beside the measured gradient norms.
public struct GradientFlow: Sendable {
    /// [t]: ‖∂s_t/∂s_{t−1}‖₂, the one-step gain (s_{−1} = the initial state).
    public var stepGains: [Double]
    /// [t]: ‖∂s_T/∂s_t‖₂, how much of the last step reaches step t (1 at t = T).
    public var reach: [Double]
    /// σ_max(W_hh) (the whole stacked matrix for gated cells).
    public var sigmaMax: Double
    /// ρ(W_hh) for RNN; for gated cells, of the candidate/new block.
    public var spectralRadius: Double
    /// γ, the bound on the activation's derivative (1 tanh/ReLU, ¼ sigmoid); for gated cells 1.
    public var gamma: Double
    /// [t]: (σ_max·γ)^(T−t), the classic bound on the reach (meaningful for vanilla RNNs).
    public var bound: [Double]
    /// The steps whose gain was computed (all of them unless the budget cut it; NaN elsewhere).
    public var gainSteps: Range<Int>
    /// The steps whose reach was computed (NaN elsewhere; empty without `includeReach`).
    public var reachSteps: Range<Int>
    /// What the budget left out and why, in one sentence; nil when everything was computed.
    public var note: String?

    /// Computes the diagnostics for one layer and one sequence of a recorded forward pass.
    ///
    /// Every Jacobian is built into one flat buffer and scaled by a power of two (exact) to max |J| ∈ [1, 2);
    /// the running reach product P_t = P_{t+1} J_{t+1} is kept the same way, its scale carried as a
    /// logarithm, so it neither underflows nor overflows while the true norm is representable.
    /// Norms come from warm-started Lanczos (`Spectral.lanczosTop`): each gain starts from the previous
    /// step's top right singular vector v, each reach from J_{t+1}ᵀ v of the previous product (if
    /// P_{t+1} ≈ σ u vᵀ then P_t ≈ σ u (J_{t+1}ᵀ v)ᵀ). For LSTM the right half of J is diagonal, so
    /// products and matrix–vector products skip it.
    ///
    /// Memory stays O(n²) whatever T: a Jacobian is rebuilt (bit for bit) when the reach product
    /// needs it again instead of keeping all T of them. Work is bounded by `budget`: when every
    /// step would cost more, the gains and reaches of the last steps are computed (the reach of
    /// step t needs every Jacobian after t) and the rest are NaN, with `note` saying so.
    public static func compute(_ model: Model, _ trace: ForwardTrace, layer l: Int = 0, sequence b: Int = 0,
                               includeReach: Bool = true, budget: DiagnosticsBudget = .interactive) -> GradientFlow {
        let T = trace.steps
        let cfg = trace.config, H = cfg.hiddenSize
        let n = StateJacobian.stateSize(cfg)
        let lstm = cfg.cell == .lstm
        let nn = n * n
        let plan = budget.plan(cell: cfg.cell, hidden: H, steps: T, includeReach: includeReach)
        var gains = [Double](repeating: .nan, count: T)
        var reach = [Double](repeating: .nan, count: T)
        if T > 0 && plan.reachStart < T { reach[T - 1] = 1 }
        guard plan.fitsInMemory else {
            return summary(model, l, cfg, T, gains: gains, reach: reach, plan: plan)
        }
        let weights = UnsafeMutablePointer<(sigma: Double, rho: Double)>.allocate(capacity: 1)
        defer { weights.deallocate() }
        var haveWeights = false
        var jac = [Double](repeating: 0, count: max(nn, 1))
        var exps = [Int](repeating: 0, count: T)        // J_t = 2^exps[t] · (stored J_t)
        var state = [UInt8](repeating: 0, count: T)     // 0 finite nonzero, 1 zero, 2 contains NaN, 3 contains ±∞
        let gainWorkspace = LanczosWorkspace(m: n, n: n), reachWorkspace = LanczosWorkspace(m: n, n: n)
        var scratch = [Double](repeating: 0, count: includeReach ? 2 * nn + 3 * n + 8 : 3 * n + 8)
        // The scaled Jacobians, built once for both passes when they fit in `cacheLimit` values;
        // then the two passes run side by side on two threads (each its own workspace and output).
        let cacheJacobians = includeReach && T * nn <= GradientFlow.cacheLimit
        var cache = [Double](repeating: 0, count: cacheJacobians ? T * nn : 0)
        jac.withUnsafeMutableBufferPointer { jb in
        scratch.withUnsafeMutableBufferPointer { sb in
        cache.withUnsafeMutableBufferPointer { cb in
        exps.withUnsafeMutableBufferPointer { eb in
        state.withUnsafeMutableBufferPointer { stb in
        gains.withUnsafeMutableBufferPointer { gb in
        reach.withUnsafeMutableBufferPointer { rb in
            let exps = eb.baseAddress!, state = stb.baseAddress!, gains = gb.baseAddress!, reach = rb.baseAddress!
            let cached = cb.baseAddress   // nil unless cacheJacobians
            let j = jb.baseAddress!
            let q = sb.baseAddress!, qNext = includeReach ? q + nn : q, warm = includeReach ? qNext + nn : q
            let vec = warm + n, tmp = vec + n
            /// J_t into `j`, scaled to max |J| ∈ [1, 2) when finite and nonzero; its class and exponent.
            func build(_ t: Int) -> (UInt8, Int) {
                StateJacobian.write(model, trace, layer: l, step: t, sequence: b, into: j)
                let (mx, st) = scan(j, nn)
                guard st == 0 else { return (st, 0) }
                let e = Int(mx.exponent)
                scalePowerOfTwo(j, nn, -e)
                return (0, e)
            }
            if cacheJacobians {
                for t in plan.gainStart..<T {
                    (state[t], exps[t]) = build(t)
                    if state[t] == 0 { (cached! + t * nn).update(from: j, count: nn) }
                }
            }

            func gainPass() {
                let ws = gainWorkspace
                var haveWarm = false
                for t in plan.gainStart..<T {
                    if !cacheJacobians { (state[t], exps[t]) = build(t) }
                    let jt = cacheJacobians ? cached! + t * nn : j
                    switch state[t] {
                    case 2: gains[t] = .nan; continue
                    case 3: gains[t] = .infinity; continue
                    case 1: gains[t] = 0; continue
                    default: break
                    }
                    let sigma: Double
                    if n <= 16 {
                        sigma = Spectral.exactNorm(Matrix(rows: n, cols: n, data: Array(UnsafeBufferPointer(start: jt, count: nn))))
                    } else if lstm {
                        sigma = Spectral.lanczosTop(LSTMJacobianOperator(j: jt, h: H), start: haveWarm ? UnsafePointer(warm) : nil, ws, vectorOut: warm)
                        haveWarm = true
                    } else {
                        sigma = Spectral.lanczosTop(DenseOperator(a: jt, rows: n, cols: n, stride: n, scale: 1), start: haveWarm ? UnsafePointer(warm) : nil, ws, vectorOut: warm)
                        haveWarm = true
                    }
                    gains[t] = scaled(sigma, log2: Double(exps[t]))
                }
            }

            // P_{T−1} = I; P_t = P_{t+1} · J_{t+1};  reach[t] = ‖P_t‖ = 2^logScale ‖Q‖.
            func reachPass() {
                let ws = reachWorkspace
                var logScale = 0.0              // log₂ of the factor carried outside q
                var broken: UInt8 = 0           // once the product is non-finite (2 NaN, 3 ∞) or zero (1), it stays so
                var haveReachWarm = false
                for t in stride(from: T - 2, through: plan.reachStart, by: -1) {
                    let sj = state[t + 1]
                    let jn = cacheJacobians ? cached! + (t + 1) * nn : j
                    if broken == 0 && sj == 0 {
                        if !cacheJacobians { _ = build(t + 1) }   // the same scaled J_{t+1} as in the gain pass
                        if t == T - 2 {
                            q.update(from: jn, count: nn)
                            logScale = Double(exps[t + 1])
                        } else {
                            if lstm {
                                lstmProduct(UnsafePointer(q), UnsafePointer(jn), qNext, n: n, h: H)
                            } else {
                                multiply(UnsafePointer(q), UnsafePointer(jn), qNext, n: n)
                            }
                            let (mx, st) = scan(qNext, nn)
                            if st != 0 {
                                // Only zero is possible from finite, scaled factors (or underflow of everything).
                                broken = st
                                reach[t] = st == 1 ? 0 : (st == 2 ? .nan : .infinity)
                                continue
                            }
                            let e = mx.exponent
                            scalePowerOfTwo(qNext, nn, -Int(e))
                            logScale += Double(exps[t + 1]) + Double(e)
                            q.update(from: qNext, count: nn)
                        }
                        var start: UnsafePointer<Double>? = nil
                        if haveReachWarm {
                            // J_{t+1}ᵀ v.
                            if lstm { LSTMJacobianOperator(j: jn, h: H).applyTransposed(UnsafePointer(vec), into: tmp) }
                            else { DenseOperator(a: jn, rows: n, cols: n, stride: n, scale: 1).applyTransposed(UnsafePointer(vec), into: tmp) }
                            if t < T - 2 { start = UnsafePointer(tmp) }
                        }
                        let sigma: Double
                        if n <= 16 {
                            sigma = Spectral.exactNorm(Matrix(rows: n, cols: n, data: Array(UnsafeBufferPointer(start: q, count: nn))))
                        } else {
                            sigma = Spectral.lanczosTop(DenseOperator(a: q, rows: n, cols: n, stride: n, scale: 1), start: start, ws, vectorOut: vec)
                            haveReachWarm = true
                        }
                        reach[t] = scaled(sigma, log2: logScale)
                    } else {
                        // A zero factor makes every further product zero; NaN/∞ make it NaN/∞ (as the plain
                        // product would: ∞·0 = NaN).
                        if broken == 0 { broken = sj }
                        else if broken == 1 && sj >= 2 { broken = 2 }   // 0 · ∞ = NaN
                        else if broken == 3 && sj != 3 { broken = 2 }    // ∞ meets 0s or NaN: NaN
                        reach[t] = broken == 1 ? 0 : (broken == 2 ? .nan : .infinity)
                    }
                }
            }

            let withReach = includeReach && T > 1
            if cacheJacobians && withReach {
                // The passes share only read-only inputs (the cache, states, exponents); each writes
                // its own output buffer and scratch, so the box's unchecked Sendable is sound.
                // σ_max and ρ of W_hh as a third task, in whichever pass's shadow ends first.
                func weightPass() { weights.pointee = weightFigures(model, l, cfg, plan) }
                let passes = Passes(run: [gainPass, reachPass, weightPass])
                DispatchQueue.concurrentPerform(iterations: 3) { passes.run[$0]() }
                haveWeights = true
            } else {
                gainPass()
                if withReach { reachPass() }
            }
        }
        }
        }
        }
        }
        }
        }
        return summary(model, l, cfg, T, gains: gains, reach: includeReach ? reach : [Double](repeating: 1, count: T), plan: plan,
                       weights: haveWeights ? weights.pointee : nil)
    }

    /// The gain and the reach pass (and the weights' figures), handed to the threads.
    struct Passes: @unchecked Sendable {
        let run: [() -> Void]
    }

    /// Most Jacobian values kept between the gain and the reach pass (32 MB); above it they are rebuilt.
    static let cacheLimit = 1 << 22

    /// σ_max, ρ, γ and the bound, which need W_hh only.
    static func summary(_ model: Model, _ l: Int, _ cfg: ModelConfig, _ T: Int, gains: [Double], reach: [Double],
                        plan: DiagnosticsBudget.Plan, weights: (sigma: Double, rho: Double)? = nil) -> GradientFlow {
        let (sigma, rho) = weights ?? weightFigures(model, l, cfg, plan)
        let gamma = cfg.cell == .rnn ? cfg.activation.derivativeBound : 1
        let bound = (0..<T).map { t in pow(sigma * gamma, Double(T - 1 - t)) }
        return GradientFlow(stepGains: gains, reach: reach, sigmaMax: sigma, spectralRadius: rho, gamma: gamma, bound: bound,
                            gainSteps: plan.gainStart..<T, reachSteps: plan.reachStart..<T, note: plan.note)
    }

    /// σ_max(W_hh) and ρ of its square block (NaN when the plan leaves ρ out).
    static func weightFigures(_ model: Model, _ l: Int, _ cfg: ModelConfig, _ plan: DiagnosticsBudget.Plan) -> (sigma: Double, rho: Double) {
        let sigma = Spectral.norm(model.parameters.layers[l].W_hh)
        let rho = plan.includesRadius ? Spectral.spectralRadius(model.radiusBlock(layer: l)) : .nan
        return (sigma, rho)
    }

    /// σ · 2^e without intermediate overflow or underflow.
    static func scaled(_ sigma: Double, log2 e: Double) -> Double {
        if sigma == 0 || !sigma.isFinite { return sigma }
        return exp2(log2(sigma) + e)
    }

    /// max |x| and 0 finite nonzero, 1 all zero, 2 contains NaN, 3 contains ±∞ (and no NaN).
    static func scan(_ x: UnsafePointer<Double>, _ count: Int) -> (Double, UInt8) {
        // Four lanes of max |x| and of x · 0 (0 for finite x, NaN for ±∞ and NaN): the maximum is
        // the same whatever the order, and the test for non-finite values needs no branch.
        var m0 = SIMD4<Double>(), m1 = SIMD4<Double>(), z0 = SIMD4<Double>(), z1 = SIMD4<Double>()
        var i = 0
        while i + 8 <= count {
            let a = Kernels.load4(x + i), b = Kernels.load4(x + i + 4)
            let aa = a.replacing(with: -a, where: a .< 0), bb = b.replacing(with: -b, where: b .< 0)
            m0 = m0.replacing(with: aa, where: aa .> m0)
            m1 = m1.replacing(with: bb, where: bb .> m1)
            z0 += a * 0; z1 += b * 0
            i += 8
        }
        var mx = m0.replacing(with: m1, where: m1 .> m0).max()
        var bad = !((z0 + z1).sum() == 0)
        while i < count {
            let a = abs(x[i])
            if !(a <= Double.greatestFiniteMagnitude) { bad = true }
            mx = max(mx, a)
            i += 1
        }
        if bad {
            for i in 0..<count where x[i].isNaN { return (.nan, 2) }
            return (.infinity, 3)
        }
        return (mx, mx == 0 ? 1 : 0)
    }

    /// x ·= 2^k, exactly (two factors, so |k| up to ~2000 works).
    static func scalePowerOfTwo(_ x: UnsafeMutablePointer<Double>, _ count: Int, _ k: Int) {
        if k == 0 { return }
        let k1 = k / 2, k2 = k - k1
        let f1 = Double(sign: .plus, exponent: k1, significand: 1), f2 = Double(sign: .plus, exponent: k2, significand: 1)
        for i in 0..<count { x[i] = x[i] * f1 * f2 }
    }

    /// c = a · b, all n × n row-major; 4 × 4 tiles of c stay in registers.
    static func multiply(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, n: Int) {
        if let gemm = BLAS.dgemm, n * n * n >= 1 << 16 {
            gemm(BLAS.rowMajor, BLAS.noTrans, BLAS.noTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, c, Int32(n))
            return
        }
        c.update(repeating: 0, count: n * n)
        product(a, lda: n, b, ldb: n, c, ldc: n, m: n, cols: n, k: n)
    }

    /// c (m × cols, ldc) += a (m × k, lda) · b (k × cols, ldb).
    @inline(__always)
    static func product(_ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
                        _ c: UnsafeMutablePointer<Double>, ldc: Int, m: Int, cols: Int, k: Int) {
        if m % 4 != 0 || cols % 4 != 0 {
            for i in 0..<m {
                for p in 0..<k {
                    let x = a[i * lda + p]
                    for jj in 0..<cols { c[i * ldc + jj] += x * b[p * ldb + jj] }
                }
            }
            return
        }
        var jj = 0
        while jj < cols {
            var i = 0
            while i < m {
                let c0 = c + i * ldc + jj, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc
                var s0 = Kernels.load4(c0), s1 = Kernels.load4(c1), s2 = Kernels.load4(c2), s3 = Kernels.load4(c3)
                let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
                var bp = b + jj
                for p in 0..<k {
                    let bv = Kernels.load4(bp)
                    s0 += SIMD4(repeating: a0[p]) * bv
                    s1 += SIMD4(repeating: a1[p]) * bv
                    s2 += SIMD4(repeating: a2[p]) * bv
                    s3 += SIMD4(repeating: a3[p]) * bv
                    bp += ldb
                }
                Kernels.store4(s0, c0); Kernels.store4(s1, c1); Kernels.store4(s2, c2); Kernels.store4(s3, c3)
                i += 4
            }
            jj += 4
        }
    }

    /// c = a · J for an LSTM state Jacobian J = [A D₁; C D₂] (D diagonal), n = 2h:
    /// c[:, :h] = a · [A; C], c[:, h+j] = a[:, j] D₁[j] + a[:, h+j] D₂[j].
    static func lstmProduct(_ a: UnsafePointer<Double>, _ j: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, n: Int, h: Int) {
        for i in 0..<n { (c + i * n).update(repeating: 0, count: h) }
        // Both factors are finite here (checked by the caller), so OpenBLAS, when loaded, is safe to use.
        if let gemm = BLAS.dgemm, n * h * n >= 1 << 16 {
            gemm(BLAS.rowMajor, BLAS.noTrans, BLAS.noTrans, Int32(n), Int32(h), Int32(n), 1, a, Int32(n), j, Int32(n), 0, c, Int32(n))
        } else {
            product(a, lda: n, j, ldb: n, c, ldc: n, m: n, cols: h, k: n)
        }
        for i in 0..<n {
            let ai = a + i * n, ci = c + i * n + h
            for jj in 0..<h { ci[jj] = ai[jj] * j[jj * n + h + jj] + ai[h + jj] * j[(h + jj) * n + h + jj] }
        }
    }
}

/// An LSTM state Jacobian [A D₁; C D₂] (2h × 2h row-major, D diagonal), applied without the zeros.
struct LSTMJacobianOperator: LanczosOperator {
    let j: UnsafePointer<Double>
    let h: Int
    var rows: Int { 2 * h }
    var cols: Int { 2 * h }

    init(j: UnsafeMutablePointer<Double>, h: Int) { self.j = UnsafePointer(j); self.h = h }

    @inline(__always)
    func apply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        let n = 2 * h
        var r = 0
        if h % 8 == 0 {
            // Two rows at a time, sharing each load of x; each row's sum is associated exactly as
            // `Spectral.dot` does it (even and odd 4-blocks apart), so y is the same to the bit.
            while r + 2 <= n {
                let r0 = j + r * n, r1 = r0 + n
                var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), b0 = SIMD4<Double>(), b1 = SIMD4<Double>()
                var c = 0
                while c < h {
                    let x0 = Kernels.load4(x + c), x1 = Kernels.load4(x + c + 4)
                    a0 += Kernels.load4(r0 + c) * x0; a1 += Kernels.load4(r0 + c + 4) * x1
                    b0 += Kernels.load4(r1 + c) * x0; b1 += Kernels.load4(r1 + c + 4) * x1
                    c += 8
                }
                // Plus the diagonal block's entry of each row.
                let d = r >= h ? r : h + r
                y[r] = (a0 + a1).sum() + r0[d] * x[d]
                y[r + 1] = (b0 + b1).sum() + r1[d + 1] * x[d + 1]
                r += 2
            }
        }
        while r < n {
            let row = j + r * n
            y[r] = Spectral.dot(row, x, h) + row[r >= h ? r : h + r] * x[r >= h ? r : h + r]
            r += 1
        }
    }

    @inline(__always)
    func applyTransposed(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        let n = 2 * h
        for c in 0..<h { y[c] = 0 }
        var c0 = 0
        if h % 8 == 0 {
            // Eight columns of y at a time stay in registers while every row passes by.
            while c0 < h {
                var y0 = SIMD4<Double>(), y1 = SIMD4<Double>()
                for r in 0..<n {
                    let s = SIMD4<Double>(repeating: x[r]), row = j + r * n + c0
                    y0 += s * Kernels.load4(row); y1 += s * Kernels.load4(row + 4)
                }
                Kernels.store4(y0, y + c0); Kernels.store4(y1, y + c0 + 4)
                c0 += 8
            }
        } else {
            for r in 0..<n {
                let s = x[r]
                if s == 0 { continue }
                Spectral.axpy(s, j + r * n, y, h)
            }
        }
        for c in 0..<h { y[h + c] = j[c * n + h + c] * x[c] + j[(h + c) * n + h + c] * x[h + c] }
    }
}
