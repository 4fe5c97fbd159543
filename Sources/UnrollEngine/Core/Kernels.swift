/// Dense kernels on raw row-major buffers, written so the compiler can vectorise them.
///
/// Naming follows BLAS: `A·Bᵀ` means every output entry is the dot product of a row of A
/// with a row of B (both contiguous), which is how `W x` is computed for a batch of rows x.
public enum Kernels {
    /// C (m × n) += A (m × k) · Bᵀ, where B is n × k.
    ///
    /// Four rows of B (a few KB) are held while every row of A passes by, so B is read once
    /// per call however many rows A has; the dot products run in SIMD accumulators.
    @inline(__always)
    public static func addABt(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                              _ c: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int) {
        if BLAS.worthIt(m, n, k), let gemm = BLAS.dgemm {
            gemm(BLAS.rowMajor, BLAS.noTrans, BLAS.trans, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), b, Int32(k), 1, c, Int32(n))
            return
        }
        let k4 = k & ~3
        var j = 0
        while j + 4 <= n {
            let b0 = b + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k
            for i in 0..<m {
                let ai = a + i * k
                var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s3 = SIMD4<Double>()
                var p = 0
                while p < k4 {
                    let x = load4(ai + p)
                    s0 += x * load4(b0 + p); s1 += x * load4(b1 + p)
                    s2 += x * load4(b2 + p); s3 += x * load4(b3 + p)
                    p += 4
                }
                var r0 = s0.sum(), r1 = s1.sum(), r2 = s2.sum(), r3 = s3.sum()
                while p < k {
                    let x = ai[p]
                    r0 += x * b0[p]; r1 += x * b1[p]; r2 += x * b2[p]; r3 += x * b3[p]
                    p += 1
                }
                let ci = c + i * n + j
                ci[0] += r0; ci[1] += r1; ci[2] += r2; ci[3] += r3
            }
            j += 4
        }
        while j < n {
            let bj = b + j * k
            for i in 0..<m {
                let ai = a + i * k
                var s = SIMD4<Double>()
                var p = 0
                while p < k4 { s += load4(ai + p) * load4(bj + p); p += 4 }
                var r = s.sum()
                while p < k { r += ai[p] * bj[p]; p += 1 }
                c[i * n + j] += r
            }
            j += 1
        }
    }

    @inline(__always)
    static func load4(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// C (m × n) += A (m × k) · B, where B is k × n.
    ///
    /// Every entry is summed in order of p, exactly as the plain loop does, so the result is
    /// the same to the last bit; four-by-four tiles of C stay in registers while k passes by.
    @inline(__always)
    public static func addAB(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                             _ c: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int) {
        if BLAS.worthIt(m, n, k), let gemm = BLAS.dgemm {
            gemm(BLAS.rowMajor, BLAS.noTrans, BLAS.noTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), b, Int32(n), 1, c, Int32(n))
            return
        }
        if m >= 4 && n >= 4 && allFinite(b, k * n) {
            tiledAccumulate(a, rowStride: k, depthStride: 1, b, c, m: m, n: n, k: k)
            return
        }
        for p in 0..<k {
            let bp = b + p * n
            for i in 0..<m {
                let x = a[i * k + p]
                if x == 0 { continue }
                let ci = c + i * n
                for j in 0..<n { ci[j] += x * bp[j] }
            }
        }
    }

    /// C (m × n) += Aᵀ · B, where A is k × m and B is k × n (the weight-gradient product dW += δᵀ x).
    ///
    /// Summed in order of p like `addAB`; four-by-four tiles of C stay in registers.
    @inline(__always)
    public static func addAtB(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                              _ c: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int) {
        if BLAS.worthIt(m, n, k), let gemm = BLAS.dgemm {
            gemm(BLAS.rowMajor, BLAS.trans, BLAS.noTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(m), b, Int32(n), 1, c, Int32(n))
            return
        }
        // With a batch of 1–3 (k) there is nothing to tile over: the plain loop is faster.
        if m >= 4 && n >= 4 && k >= 4 && allFinite(b, k * n) {
            tiledAccumulate(a, rowStride: 1, depthStride: m, b, c, m: m, n: n, k: k)
            return
        }
        for i in 0..<m {
            let ci = c + i * n
            for p in 0..<k {
                let x = a[p * m + i]
                if x == 0 { continue }
                let bp = b + p * n
                for j in 0..<n { ci[j] += x * bp[j] }
            }
        }
    }

    /// Whether all `count` values are finite (then skipping zero factors changes nothing:
    /// 0 · x adds ±0, and the plain loops' skip only matters for 0 · ∞).
    @inline(__always)
    static func allFinite(_ p: UnsafePointer<Double>, _ count: Int) -> Bool {
        var acc = SIMD4<Double>()
        var q = 0
        while q + 4 <= count { acc += load4(p + q) * 0; q += 4 }
        var r = acc.sum()
        while q < count { r += p[q] * 0; q += 1 }
        return r == 0
    }

    /// C (m × n) += A′ · B with A′[i, p] = a[i · rowStride + p · depthStride], B k × n row-major.
    /// Each C entry accumulates a′·b in increasing p (no fused multiply–add), as the plain loops do.
    @inline(__always)
    static func tiledAccumulate(_ a: UnsafePointer<Double>, rowStride rs: Int, depthStride ds: Int,
                                _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                                m: Int, n: Int, k: Int) {
        // Depth in chunks, so the strip of B one column block reads (chunk × 4 values on
        // chunk cache lines) stays in L1 while every row tile of A passes by. Chunks run in
        // increasing p, so each entry's sum keeps its order.
        let chunk = 128
        var p0 = 0
        while p0 < k {
            let kc = min(chunk, k - p0)
            tiledChunk(a + p0 * ds, rowStride: rs, depthStride: ds, b + p0 * n, c, m: m, n: n, k: kc)
            p0 += kc
        }
    }

    @inline(__always)
    static func tiledChunk(_ a: UnsafePointer<Double>, rowStride rs: Int, depthStride ds: Int,
                           _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                           m: Int, n: Int, k: Int) {
        var j = 0
        while j + 4 <= n {
            var i = 0
            while i + 4 <= m {
                let c0 = c + i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n
                var s0 = load4(c0), s1 = load4(c1), s2 = load4(c2), s3 = load4(c3)
                let a0 = a + i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs
                var bp = b + j
                var ap = 0
                for _ in 0..<k {
                    let bv = load4(bp)
                    s0 += SIMD4(repeating: a0[ap]) * bv
                    s1 += SIMD4(repeating: a1[ap]) * bv
                    s2 += SIMD4(repeating: a2[ap]) * bv
                    s3 += SIMD4(repeating: a3[ap]) * bv
                    bp += n
                    ap += ds
                }
                store4(s0, c0); store4(s1, c1); store4(s2, c2); store4(s3, c3)
                i += 4
            }
            while i < m {
                let c0 = c + i * n + j
                var s0 = load4(c0)
                let a0 = a + i * rs
                var bp = b + j
                var ap = 0
                for _ in 0..<k {
                    s0 += SIMD4(repeating: a0[ap]) * load4(bp)
                    bp += n
                    ap += ds
                }
                store4(s0, c0)
                i += 1
            }
            j += 4
        }
        while j < n {
            for i in 0..<m {
                var s = c[i * n + j]
                let a0 = a + i * rs
                for p in 0..<k { s += a0[p * ds] * b[p * n + j] }
                c[i * n + j] = s
            }
            j += 1
        }
    }

    @inline(__always)
    static func load4(_ p: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    static func store4(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }

    /// Adds each column sum of A (k × n) into c (n): the bias gradient Σ_b δ_b.
    @inline(__always)
    public static func addColumnSums(_ a: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, rows k: Int, cols n: Int) {
        for p in 0..<k {
            let ap = a + p * n
            for j in 0..<n { c[j] += ap[j] }
        }
    }
}

extension Matrix {
    /// self (m × n) += a (m × k) · bᵀ (b is n × k).
    public mutating func addProduct(_ a: Matrix, transposing b: Matrix) {
        precondition(a.cols == b.cols && rows == a.rows && cols == b.rows, "shape mismatch in A·Bᵀ")
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                data.withUnsafeMutableBufferPointer { pc in
                    Kernels.addABt(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!, m: a.rows, n: b.rows, k: a.cols)
                }
            }
        }
    }

    /// The product a · b.
    public static func product(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.cols == b.rows, "shape mismatch in A·B")
        var c = Matrix(rows: a.rows, cols: b.cols)
        if a.count == 0 || b.count == 0 { return c }
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                c.data.withUnsafeMutableBufferPointer { pc in
                    Kernels.addAB(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!, m: a.rows, n: b.cols, k: a.cols)
                }
            }
        }
        return c
    }

    /// Matrix–vector product A v.
    public func times(_ v: [Double]) -> [Double] {
        precondition(v.count == cols, "shape mismatch in A·v")
        var out = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            var s = 0.0
            let base = r * cols
            for c in 0..<cols { s += data[base + c] * v[c] }
            out[r] = s
        }
        return out
    }

    /// Transposed matrix–vector product Aᵀ v.
    public func transposedTimes(_ v: [Double]) -> [Double] {
        precondition(v.count == rows, "shape mismatch in Aᵀ·v")
        var out = [Double](repeating: 0, count: cols)
        for r in 0..<rows {
            let x = v[r]
            if x == 0 { continue }
            let base = r * cols
            for c in 0..<cols { out[c] += x * data[base + c] }
        }
        return out
    }

    /// Multiplies every entry by s.
    public mutating func scale(by s: Double) {
        for i in 0..<data.count { data[i] *= s }
    }
}
