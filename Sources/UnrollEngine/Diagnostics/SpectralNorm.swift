import Foundation

/// Singular values and eigenvalues of the small matrices the diagnostics need.
public enum Spectral {
    /// σ_max(A) = √λ_max(AᵀA), the spectral norm ‖A‖₂.
    ///
    /// Power iteration on AᵀA (never formed), warm-started from `start` when given, with the
    /// Rayleigh quotient as the estimate; matrices up to 24 columns, and any iteration that
    /// has not settled, fall back to the exact symmetric eigenvalue of AᵀA (cyclic Jacobi).
    /// `start` is updated with the right singular vector for the next call.
    public static func norm(_ a: Matrix, start: inout [Double]?) -> Double {
        let n = a.cols
        if a.rows == 0 || n == 0 { return 0 }
        if !a.isAllFinite { return a.data.contains { $0.isNaN } ? .nan : .infinity }
        let maxEntry = Vector.maxAbs(a.data)
        if maxEntry == 0 { return 0 }
        if n <= 24 { return exactNorm(a) }
        // Scale to avoid overflow in AᵀA.
        var v = (start?.count == n) ? start! : [Double](repeating: 1 / Double(n).squareRoot(), count: n)
        var vn = Vector.norm(v)
        if !(vn > 0) || !vn.isFinite { v = [Double](repeating: 1 / Double(n).squareRoot(), count: n); vn = 1 }
        for i in 0..<n { v[i] /= vn }
        var previous = -1.0
        var settled = 0
        for _ in 0..<300 {
            let av = a.times(v)                      // A v
            let rayleigh = Vector.dot(av, av)         // vᵀ AᵀA v with ‖v‖ = 1
            var w = a.transposedTimes(av)             // AᵀA v
            let wn = Vector.norm(w)
            guard wn > 0, wn.isFinite else { break }
            for i in 0..<n { w[i] /= wn }
            v = w
            if previous > 0 && abs(rayleigh - previous) <= 1e-13 * rayleigh {
                settled += 1
                if settled >= 3 { start = v; return rayleigh.squareRoot() }
            } else {
                settled = 0
            }
            previous = rayleigh
        }
        start = v
        return exactNorm(a)
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
