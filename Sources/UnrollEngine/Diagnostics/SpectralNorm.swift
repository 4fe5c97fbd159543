import Foundation

/// Singular values and eigenvalues of the small matrices the diagnostics need.
public enum Spectral {
    /// σ_max(A) = √λ_max(AᵀA), the spectral norm ‖A‖₂.
    ///
    /// Small matrices (≤ 16 columns or rows) use the exact symmetric eigenvalue of AᵀA (cyclic Jacobi).
    /// Larger ones use Golub–Kahan–Lanczos bidiagonalisation with full reorthogonalisation
    /// (`lanczosTop`), which is exact after min(m, n) steps and usually settles to machine precision
    /// in far fewer. `start`, when it has `cols` entries, warm-starts the run (e.g. the top right
    /// singular vector of a similar matrix); on return it holds A's top right singular vector.
    public static func norm(_ a: Matrix, start: inout [Double]?) -> Double {
        let n = a.cols
        if a.rows == 0 || n == 0 { return 0 }
        if !a.isAllFinite { return a.data.contains { $0.isNaN } ? .nan : .infinity }
        let maxEntry = Vector.maxAbs(a.data)
        if maxEntry == 0 { return 0 }
        if n <= 16 || a.rows <= 16 || maxEntry < 1e-290 { return exactNorm(a) }
        let ws = LanczosWorkspace(m: a.rows, n: n)
        var out = [Double](repeating: 0, count: n)
        let warm = start?.count == n ? start : nil
        let s = a.data.withUnsafeBufferPointer { ab in
            out.withUnsafeMutableBufferPointer { ob in
                let op = DenseOperator(a: ab.baseAddress!, rows: a.rows, cols: n, stride: n, scale: 1 / maxEntry)
                if let warm {
                    return warm.withUnsafeBufferPointer { lanczosTop(op, start: $0.baseAddress!, ws, vectorOut: ob.baseAddress!) }
                }
                return lanczosTop(op, start: nil, ws, vectorOut: ob.baseAddress!)
            }
        }
        start = out
        return maxEntry * s
    }

    /// x −= (x·q) q.
    @inline(__always)
    static func orthogonalize(_ x: UnsafeMutablePointer<Double>, against q: UnsafePointer<Double>, _ n: Int) {
        let d = dot(UnsafePointer(x), q, n)
        axpy(-d, q, x, n)
    }

    /// √Σx² of a vector whose entries are of moderate size (Lanczos vectors of a matrix scaled to max |a| = 1).
    @inline(__always)
    static func norm2(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
        dot(x, x, n).squareRoot()
    }

    /// σ_max(A) without a warm start.
    public static func norm(_ a: Matrix) -> Double {
        var s: [Double]? = nil
        return norm(a, start: &s)
    }

    /// σ_max(A) from the exact largest eigenvalue of AᵀA.
    public static func exactNorm(_ a: Matrix) -> Double {
        if !a.isAllFinite { return a.data.contains { $0.isNaN } ? .nan : .infinity }
        let scale = Vector.maxAbs(a.data)
        if scale == 0 { return 0 }
        var s = a
        s.scale(by: 1 / scale)
        let ata = Matrix.product(s.transposed, s)
        let lambda = symmetricEigenvalues(ata).max() ?? 0
        return scale * Swift.max(lambda, 0).squareRoot()
    }

    /// All eigenvalues of a symmetric matrix by the cyclic Jacobi method.
    public static func symmetricEigenvalues(_ m: Matrix) -> [Double] {
        let n = m.rows
        var a = m
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<Swift.max(p + 1, n) { off += a[p, q] * a[p, q] } }
            var diag = 0.0
            for p in 0..<n { diag += a[p, p] * a[p, p] }
            if off <= 1e-30 * Swift.max(diag, 1e-300) { break }
            for p in 0..<n {
                for q in (p + 1)..<Swift.max(p + 1, n) {
                    let apq = a[p, q]
                    if abs(apq) < 1e-300 { continue }
                    let theta = (a[q, q] - a[p, p]) / (2 * apq)
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<n {
                        let akp = a[k, p], akq = a[k, q]
                        a[k, p] = c * akp - s * akq
                        a[k, q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p, k], aqk = a[q, k]
                        a[p, k] = c * apk - s * aqk
                        a[q, k] = s * apk + c * aqk
                    }
                }
            }
        }
        return (0..<n).map { a[$0, $0] }
    }

    /// The spectral radius ρ(A) = max |λ_i| of a square matrix, by Gelfand's formula
    /// ρ = lim ‖A^k‖^{1/k}, with k = 2^40 reached by repeated squaring and rescaling.
    public static func spectralRadius(_ a: Matrix) -> Double {
        precondition(a.rows == a.cols, "spectral radius needs a square matrix")
        if a.count == 0 { return 0 }
        if !a.isAllFinite { return a.data.contains { $0.isNaN } ? .nan : .infinity }
        var b = a
        var logNorm = 0.0          // log ‖A^(2^i)‖ carried alongside the normalised B
        var power = 1.0            // 2^i
        let n0 = b.frobeniusNorm
        if n0 == 0 { return 0 }
        b.scale(by: 1 / n0)
        logNorm = log(n0)
        for _ in 0..<40 {
            var sq = Matrix.product(b, b)
            let ns = sq.frobeniusNorm
            if ns == 0 || !ns.isFinite { return ns == 0 ? 0 : .nan }
            sq.scale(by: 1 / ns)
            logNorm = 2 * logNorm + log(ns)
            power *= 2
            b = sq
        }
        return exp(logNorm / power)
    }
}

// MARK: - Golub–Kahan–Lanczos on an operator, with warm starts

extension Spectral {
    /// The most Lanczos steps taken (and basis vectors kept): the workspace is 2·k·n numbers, so
    /// without a cap an n × n operator would need 2n² (1 GB at n = 8192). Warm-started runs settle
    /// in a few dozen steps; below n = 512 the cap never binds and the answer stays exact.
    public static let maximumLanczosSteps = 512
}

/// A linear map given by its products, for `Spectral.lanczosTop`.
protocol LanczosOperator {
    var rows: Int { get }
    var cols: Int { get }
    /// y (rows) = A x (cols).
    func apply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>)
    /// y (cols) = Aᵀ x (rows).
    func applyTransposed(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>)
}

/// s·A for a dense row-major A with row stride `stride`.
struct DenseOperator: LanczosOperator {
    let a: UnsafePointer<Double>
    let rows: Int
    let cols: Int
    let stride: Int
    let scale: Double

    @inline(__always)
    func apply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        for i in 0..<rows { y[i] = scale * Spectral.dot(a + i * stride, x, cols) }
    }

    @inline(__always)
    func applyTransposed(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        for j in 0..<cols { y[j] = 0 }
        for i in 0..<rows {
            let s = scale * x[i]
            if s == 0 { continue }
            Spectral.axpy(s, UnsafePointer(a + i * stride), y, cols)
        }
    }
}

/// Scratch space for Lanczos runs on matrices of at most `m` rows and `n` columns (reused, no allocation per run).
final class LanczosWorkspace {
    let m: Int, n: Int, kMax: Int
    let base: UnsafeMutablePointer<Double>
    let us: UnsafeMutablePointer<Double>, vs: UnsafeMutablePointer<Double>
    let w: UnsafeMutablePointer<Double>, alphas: UnsafeMutablePointer<Double>, betas: UnsafeMutablePointer<Double>
    let d: UnsafeMutablePointer<Double>, e: UnsafeMutablePointer<Double>, z: UnsafeMutablePointer<Double>
    let z2: UnsafeMutablePointer<Double>, generic: UnsafeMutablePointer<Double>
    /// Lanczos steps taken by the last run.
    var steps = 0

    init(m: Int, n: Int) {
        self.m = m; self.n = n
        kMax = max(1, min(m, n, Spectral.maximumLanczosSteps))
        let total = kMax * (m + n) + 2 * n + m + 7 * kMax + 8
        base = .allocate(capacity: total)
        base.initialize(repeating: 0, count: total)
        us = base; vs = us + kMax * m; w = vs + kMax * n
        alphas = w + max(m, n) + 1; betas = alphas + kMax + 1; d = betas + kMax + 1; e = d + kMax + 1
        z = e + kMax + 1; z2 = z + kMax + 1; generic = z2 + kMax + 1
        // A fixed, generic vector: never (in practice) orthogonal to a top singular vector.
        var ss = 0.0
        for i in 0..<n { let x = 1 + 0.37 * sin(Double(i) * 1.618 + 0.5); generic[i] = x; ss += x * x }
        let s = ss.squareRoot()
        for i in 0..<n { generic[i] /= s }
    }

    deinit { base.deallocate() }
}

extension Spectral {
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) -> Double {
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>()
        var i = 0
        while i + 8 <= n {
            a0 += Kernels.load4(x + i) * Kernels.load4(y + i)
            a1 += Kernels.load4(x + i + 4) * Kernels.load4(y + i + 4)
            i += 8
        }
        if i + 4 <= n { a0 += Kernels.load4(x + i) * Kernels.load4(y + i); i += 4 }
        var s = (a0 + a1).sum()
        while i < n { s += x[i] * y[i]; i += 1 }
        return s
    }

    /// y += s x.
    @inline(__always)
    static func axpy(_ s: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        let sv = SIMD4<Double>(repeating: s)
        var i = 0
        while i + 4 <= n {
            let yi = Kernels.load4(y + i) + sv * Kernels.load4(x + i)
            UnsafeMutableRawPointer(y + i).storeBytes(of: yi, as: SIMD4<Double>.self)
            i += 4
        }
        while i < n { y[i] += s * x[i]; i += 1 }
    }

    /// How much of the generic vector is mixed into a warm start, so a start vector that happens to be
    /// (nearly) orthogonal to the top singular vector cannot hide it.
    static let warmMix = 0.05

    /// σ_max of the (finite, moderately scaled) operator by Golub–Kahan–Lanczos with full
    /// reorthogonalisation. Stops when the top Ritz value of the tridiagonal BᵀB grows by less than
    /// 1e-12 relative in one step (Ritz values only grow towards σ²_max), when the Krylov space is
    /// invariant, or after min(m, n) steps (then exact). `start` (cols entries, any scale) is a warm
    /// start; with `vectorOut` the top right singular vector (unit) is written there.
    static func lanczosTop<Op: LanczosOperator>(_ op: Op, start: UnsafePointer<Double>?, _ ws: LanczosWorkspace,
                                               vectorOut: UnsafeMutablePointer<Double>? = nil) -> Double {
        let m = op.rows, n = op.cols
        let kMax = min(m, n, ws.kMax)
        if kMax == 0 { return 0 }
        let us = ws.us, vs = ws.vs, w = ws.w, alphas = ws.alphas, betas = ws.betas, d = ws.d, e = ws.e
        let g = ws.generic
        var started = false
        if let start {
            let s = norm2(start, n)
            if s.isFinite && s > 0 {
                let inv = 1 / s
                for i in 0..<n { vs[i] = start[i] * inv + warmMix * g[i] }
                started = true
            }
        }
        if !started { for i in 0..<n { vs[i] = g[i] } }
        let s0 = norm2(UnsafePointer(vs), n)
        for i in 0..<n { vs[i] /= s0 }
        var theta = 0.0
        var thetaSteps = 0
        var k = 0
        while true {
            let v = vs + k * n
            let u = us + k * m
            op.apply(UnsafePointer(v), into: u)
            if k > 0 { axpy(-betas[k - 1], UnsafePointer(us + (k - 1) * m), u, m) }
            for q in 0..<k { orthogonalize(u, against: UnsafePointer(us + q * m), m) }
            let alpha = norm2(UnsafePointer(u), m)
            alphas[k] = alpha
            d[k] = alpha * alpha + (k > 0 ? betas[k - 1] * betas[k - 1] : 0)
            if k > 0 { e[k - 1] = alphas[k - 1] * betas[k - 1] }
            k += 1
            // The Ritz value from the third step on (and at a breakdown): a warm start close to
            // the top singular vector (the reach of a long product is nearly rank one) settles by
            // the fourth step, and each check is a few Newton steps on a k × k tridiagonal.
            if k >= 3 || k >= kMax || !(alpha > 1e-300) {
                let next = topEigenvalue(d, e, k, atLeast: theta)
                let settled = thetaSteps > 0 && next - theta <= 1e-12 * next
                theta = max(theta, next)
                thetaSteps = k
                if settled || k >= kMax || !(alpha > 1e-300) { break }
            }
            let inv = 1 / alpha
            for i in 0..<m { u[i] *= inv }
            op.applyTransposed(UnsafePointer(u), into: w)
            axpy(-alpha, UnsafePointer(v), w, n)
            for q in 0..<k { orthogonalize(w, against: UnsafePointer(vs + q * n), n) }
            let beta = norm2(UnsafePointer(w), n)
            if !(beta > 1e-300) { break }
            betas[k - 1] = beta
            let vNext = vs + k * n
            let ib = 1 / beta
            for i in 0..<n { vNext[i] = w[i] * ib }
        }
        if thetaSteps != k { theta = max(theta, topEigenvalue(d, e, k, atLeast: theta)) }
        ws.steps = k
        if let out = vectorOut {
            topEigenvector(d, e, k, theta, ws.z, ws.z2)
            for i in 0..<n { out[i] = 0 }
            for j in 0..<k { axpy(ws.z[j], UnsafePointer(vs + j * n), out, n) }
            let s = norm2(UnsafePointer(out), n)
            if s > 0 && s.isFinite { for i in 0..<n { out[i] /= s } }
        }
        return theta.squareRoot()
    }

    /// λ_max of the symmetric tridiagonal (diagonal d, off-diagonal e) of size k, given a lower bound:
    /// Newton steps on det(T − xI) from the bound, kept inside a Sturm-count bracket (bisection
    /// whenever a step leaves it). The pivots that give the Newton step also give the count.
    static func topEigenvalue(_ d: UnsafePointer<Double>, _ e: UnsafePointer<Double>, _ k: Int, atLeast known: Double) -> Double {
        if k == 1 { return d[0] }
        var hi = 0.0
        for j in 0..<k {
            hi = max(hi, d[j] + (j + 1 < k ? abs(e[j]) : 0) + (j > 0 ? abs(e[j - 1]) : 0))
        }
        var lo = min(max(known, 0), hi)
        var x = lo > 0 ? lo : hi
        /// Pivots q_j of T − xI, their x-derivatives, Σ q'_j/q_j = p'/p, and the count below x.
        func pivots(_ x: Double) -> (below: Int, ratio: Double) {
            var q = d[0] - x
            if q == 0 { q = -1e-300 }
            var dq = -1.0
            var below = q < 0 ? 1 : 0
            var ratio = dq / q
            for j in 1..<k {
                let ee = e[j - 1] * e[j - 1]
                let iq = 1 / q
                let qn = d[j] - x - ee * iq
                dq = -1 + ee * dq * iq * iq
                q = qn == 0 ? -1e-300 : qn
                if q < 0 { below += 1 }
                ratio += dq / q
            }
            return (below, ratio)
        }
        for _ in 0..<200 {
            let (below, ratio) = pivots(x)
            if below < k { lo = max(lo, x) } else { hi = min(hi, x) }
            if hi - lo <= 2e-16 * hi { break }
            let step = 1 / ratio
            if abs(step) <= 1e-15 * abs(x) {
                // x is a root to rounding: the top one if every eigenvalue lies below x(1 + 1e-14).
                // (Near convergence the step is noise of either sign; one below the bracket used to
                // send the search into ~50 bisections of the whole Gershgorin interval.)
                let above = x + 1e-14 * abs(x)
                if below == k || pivots(above).below == k { break }
                lo = max(lo, above)   // a lower root: λ_max is above x(1 + 1e-14)
            }
            var xn = x - step
            if !(xn > lo && xn < hi) { xn = 0.5 * (lo + hi) }
            if abs(xn - x) <= 1e-15 * xn { x = xn; break }
            x = xn
        }
        return min(max(x, lo), hi)
    }

    /// The unit eigenvector of the tridiagonal for its top eigenvalue λ (two inverse-iteration steps
    /// with μI − T, μ just above λ, which is positive definite so needs no pivoting).
    static func topEigenvector(_ d: UnsafePointer<Double>, _ e: UnsafePointer<Double>, _ k: Int, _ lambda: Double,
                               _ z: UnsafeMutablePointer<Double>, _ piv: UnsafeMutablePointer<Double>) {
        if k == 1 { z[0] = 1; return }
        let mu = lambda + max(1e-10 * abs(lambda), 1e-280)
        for j in 0..<k { z[j] = 1 }
        for _ in 0..<3 {
            // Forward: piv_j = μ − d_j − e²/piv_{j−1}; z_j += e z_{j−1}/piv_{j−1}.
            var p = mu - d[0]
            if !(p > 1e-300) { p = 1e-300 }
            piv[0] = p
            for j in 1..<k {
                let l = -e[j - 1] / piv[j - 1]
                var pj = mu - d[j] + l * e[j - 1]
                if !(pj > 1e-300) { pj = 1e-300 }
                piv[j] = pj
                z[j] -= l * z[j - 1]
            }
            z[k - 1] /= piv[k - 1]
            var j = k - 2
            while j >= 0 { z[j] = (z[j] + e[j] * z[j + 1]) / piv[j]; j -= 1 }
            var s = 0.0
            for j in 0..<k { s = max(s, abs(z[j])) }
            if !(s > 0) || !s.isFinite { for j in 0..<k { z[j] = j == 0 ? 1 : 0 }; return }
            for j in 0..<k { z[j] /= s }
        }
    }
}
