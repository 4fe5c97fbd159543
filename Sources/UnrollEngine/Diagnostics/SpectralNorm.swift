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
    static func lanczosNorm(_ a: Matrix, scale: Double) -> Double {
        let m = a.rows, n = a.cols
        let kMax = min(m, n)
        var us: [[Double]] = []
        var vs: [[Double]] = []
        var alphas: [Double] = []
        var betas: [Double] = []
        // A fixed, generic start vector (never orthogonal to the top singular vector in practice).
        var v = (0..<n).map { 1 + 0.37 * sin(Double($0) * 1.618 + 0.5) }
        var vn = Vector.norm(v)
        for i in 0..<n { v[i] /= vn }
        var uPrev = [Double](repeating: 0, count: m)
        var betaPrev = 0.0
        var estimate = 0.0
        var settled = 0
        var av = [Double](repeating: 0, count: m)
        var atu = [Double](repeating: 0, count: n)
        for _ in 0..<kMax {
            vs.append(v)
            // u = s·A v − β u_prev
            a.data.withUnsafeBufferPointer { ap in
                v.withUnsafeBufferPointer { vp in
                    av.withUnsafeMutableBufferPointer { out in
                        for i in 0..<m { out[i] = 0 }
                        Kernels.addABt(vp.baseAddress!, ap.baseAddress!, out.baseAddress!, m: 1, n: m, k: n)
                    }
                }
            }
            var u = [Double](repeating: 0, count: m)
            for i in 0..<m { u[i] = scale * av[i] - betaPrev * uPrev[i] }
            for q in us { let d = Vector.dot(u, q); for i in 0..<m { u[i] -= d * q[i] } }
            let alpha = Vector.norm(u)
            alphas.append(alpha)
            if alpha <= 1e-300 { break }
            for i in 0..<m { u[i] /= alpha }
            us.append(u)
            // v' = s·Aᵀ u − α v
            a.data.withUnsafeBufferPointer { ap in
                u.withUnsafeBufferPointer { up in
                    atu.withUnsafeMutableBufferPointer { out in
                        for i in 0..<n { out[i] = 0 }
                        Kernels.addAB(up.baseAddress!, ap.baseAddress!, out.baseAddress!, m: 1, n: n, k: m)
                    }
                }
            }
            var w = [Double](repeating: 0, count: n)
            for i in 0..<n { w[i] = scale * atu[i] - alpha * v[i] }
            for q in vs { let d = Vector.dot(w, q); for i in 0..<n { w[i] -= d * q[i] } }
            let beta = Vector.norm(w)
            // Ritz values only grow; test for settling every third step (bisection is the costly part).
            let j = alphas.count
            if j >= 4 && (j % 3 == 0 || beta <= 1e-300 || vs.count >= n) {
                let next = bidiagonalNorm(alphas: alphas, betas: betas, atLeast: estimate)
                if abs(next - estimate) <= 1e-13 * next { settled += 1 } else { settled = 0 }
                estimate = next
            }
            if settled >= 1 || beta <= 1e-300 || vs.count >= n { break }
            betas.append(beta)
            for i in 0..<n { w[i] /= beta }
            uPrev = u
            betaPrev = beta
            v = w
            vn = 1
        }
        return max(estimate, bidiagonalNorm(alphas: alphas, betas: betas, atLeast: estimate))
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
