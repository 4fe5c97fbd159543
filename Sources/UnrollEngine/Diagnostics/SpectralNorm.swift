import Foundation

/// Singular values and eigenvalues of the small matrices the diagnostics need.
public enum Spectral {
    /// σ_max(A) = √λ_max(AᵀA), the spectral norm ‖A‖₂.
    ///
    /// Small matrices (≤ 16 columns) use the exact symmetric eigenvalue of AᵀA (cyclic Jacobi).
    /// Larger ones use Golub–Kahan–Lanczos bidiagonalisation with full reorthogonalisation,
    /// which is exact after n steps and usually settles to machine precision in far fewer;
    /// the largest singular value of the small bidiagonal comes from Sturm bisection.
    /// `start` is accepted for API stability (Lanczos needs no warm start).
    public static func norm(_ a: Matrix, start: inout [Double]?) -> Double {
        let n = a.cols
        if a.rows == 0 || n == 0 { return 0 }
        if !a.isAllFinite { return a.data.contains { $0.isNaN } ? .nan : .infinity }
        let maxEntry = Vector.maxAbs(a.data)
        if maxEntry == 0 { return 0 }
        if n <= 16 || a.rows <= 16 { return exactNorm(a) }
        return maxEntry * lanczosNorm(a, scale: 1 / maxEntry)
    }

    /// σ_max(s·A) by Golub–Kahan–Lanczos.
    ///
    /// The Lanczos vectors live in two flat preallocated buffers (no allocation in the loop).
    static func lanczosNorm(_ a: Matrix, scale: Double) -> Double {
        let m = a.rows, n = a.cols
        let kMax = min(m, n)
        var alphas: [Double] = []
        var betas: [Double] = []
        alphas.reserveCapacity(kMax)
        betas.reserveCapacity(kMax)
        var estimate = 0.0
        // Buffers: U (kMax × m), V (kMax × n), u, w, av (m), atu (n).
        var work = [Double](repeating: 0, count: kMax * (m + n) + 2 * m + 2 * n + m)
        a.data.withUnsafeBufferPointer { abuf in
            work.withUnsafeMutableBufferPointer { wbuf in
                let ap = abuf.baseAddress!
                let us = wbuf.baseAddress!, vs = us + kMax * m
                let u = vs + kMax * n, w = u + m, av = w + n, atu = av + m, uPrev = atu + n
                // A fixed, generic start vector (never orthogonal to the top singular vector in practice).
                var ss = 0.0
                for i in 0..<n { let x = 1 + 0.37 * sin(Double(i) * 1.618 + 0.5); vs[i] = x; ss += x * x }
                let vn = ss.squareRoot()
                for i in 0..<n { vs[i] /= vn }
                var betaPrev = 0.0
                var settled = 0
                var count = 0          // Lanczos vectors v stored
                var uCount = 0
                while count < kMax {
                    let v = vs + count * n
                    count += 1
                    // u = s·A v − β u_prev
                    for i in 0..<m { av[i] = 0 }
                    Kernels.addABt(UnsafePointer(v), ap, av, m: 1, n: m, k: n)
                    for i in 0..<m { u[i] = scale * av[i] - betaPrev * uPrev[i] }
                    for q in 0..<uCount { orthogonalize(u, against: UnsafePointer(us + q * m), m) }
                    let alpha = norm2(UnsafePointer(u), m)
                    alphas.append(alpha)
                    if alpha <= 1e-300 { break }
                    let ua = us + uCount * m
                    for i in 0..<m { u[i] /= alpha; ua[i] = u[i] }
                    uCount += 1
                    // v' = s·Aᵀ u − α v
                    for i in 0..<n { atu[i] = 0 }
                    for r in 0..<m {
                        let x = u[r]
                        if x == 0 { continue }
                        let row = ap + r * n
                        for i in 0..<n { atu[i] += x * row[i] }
                    }
                    for i in 0..<n { w[i] = scale * atu[i] - alpha * v[i] }
                    for q in 0..<count { orthogonalize(w, against: UnsafePointer(vs + q * n), n) }
                    let beta = norm2(UnsafePointer(w), n)
                    // Ritz values only grow; test for settling every third step (bisection is the costly part).
                    let j = alphas.count
                    if j >= 4 && (j % 3 == 0 || beta <= 1e-300 || count >= n) {
                        let next = bidiagonalNorm(alphas: alphas, betas: betas, atLeast: estimate)
                        if abs(next - estimate) <= 1e-13 * next { settled += 1 } else { settled = 0 }
                        estimate = next
                    }
                    if settled >= 1 || beta <= 1e-300 || count >= n { break }
                    betas.append(beta)
                    let vNext = vs + count * n
                    for i in 0..<n { vNext[i] = w[i] / beta }
                    for i in 0..<m { uPrev[i] = u[i] }
                    betaPrev = beta
                }
            }
        }
        return max(estimate, bidiagonalNorm(alphas: alphas, betas: betas, atLeast: estimate))
    }

    /// x −= (x·q) q.
    @inline(__always)
    static func orthogonalize(_ x: UnsafeMutablePointer<Double>, against q: UnsafePointer<Double>, _ n: Int) {
        var acc = SIMD4<Double>()
        var i = 0
        while i + 4 <= n { acc += Kernels.load4(x + i) * Kernels.load4(q + i); i += 4 }
        var d = acc.sum()
        while i < n { d += x[i] * q[i]; i += 1 }
        for i in 0..<n { x[i] -= d * q[i] }
    }

    /// √Σx² of a vector whose entries are of moderate size (Lanczos vectors of a matrix scaled to max |a| = 1).
    @inline(__always)
    static func norm2(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
        var acc = SIMD4<Double>()
        var i = 0
        while i + 4 <= n { let v = Kernels.load4(x + i); acc += v * v; i += 4 }
        var s = acc.sum()
        while i < n { s += x[i] * x[i]; i += 1 }
        return s.squareRoot()
    }

    /// σ_max of the upper bidiagonal matrix with diagonal α and superdiagonal β, as √λ_max of
    /// the tridiagonal BᵀB, found by Sturm-sequence bisection.
    static func bidiagonalNorm(alphas: [Double], betas: [Double], atLeast known: Double = 0) -> Double {
        let k = alphas.count
        if k == 0 { return 0 }
        // T = BᵀB: diagonal α_j² + β_{j−1}², off-diagonal α_j β_j.
        var d = [Double](repeating: 0, count: k)
        var e = [Double](repeating: 0, count: k)   // e[j] couples j and j+1
        for j in 0..<k {
            d[j] = alphas[j] * alphas[j] + (j > 0 && j - 1 < betas.count ? betas[j - 1] * betas[j - 1] : 0)
            if j + 1 < k, j < betas.count { e[j] = alphas[j] * betas[j] }
        }
        var hi = 0.0
        for j in 0..<k { hi = max(hi, d[j] + abs(e[j]) + (j > 0 ? abs(e[j - 1]) : 0)) }
        var lo = min(known * known * (1 - 1e-15), hi)
        // Count of eigenvalues greater than x = k − (number of negative pivots of T − xI).
        func countAbove(_ x: Double) -> Int {
            var below = 0
            var q = d[0] - x
            if q < 0 { below += 1 }
            for j in 1..<max(k, 1) {
                let prev = q == 0 ? 1e-300 : q
                q = d[j] - x - e[j - 1] * e[j - 1] / prev
                if q < 0 { below += 1 }
            }
            return k - below
        }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if countAbove(mid) >= 1 { lo = mid } else { hi = mid }
            if hi - lo <= 1e-16 * hi { break }
        }
        return (0.5 * (lo + hi)).squareRoot()
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
