/// The inner loop of the large matrix products, built for CPUs with fused multiply–add.
///
/// On x86-64 this module alone is compiled with AVX2 and FMA enabled (see `Package.swift`), and
/// `UnrollEngine` calls it only after checking that the CPU has both (`GEMM.kernel`), so the
/// program still runs on any x86-64 CPU. On arm64, FMA is part of the baseline and no flag is
/// needed. Nothing here is `@inlinable`, so none of its instructions leak into other modules.

/// Whether this module was built with fused multiply–add instructions (`Package.swift` defines
/// UNROLL_FMA with the flags). Without them, as when unroll is a dependency and gets no unsafe
/// flags, `addingProduct` would call libm's `fma` for every entry, so the caller uses its portable tile.
#if UNROLL_FMA
public let fmaKernelsEnabled = true
#else
public let fmaKernelsEnabled = false
#endif

/// Rows and columns of the register tile: 6 rows × 8 columns, two 4-wide vectors per row, so
/// the 12 accumulators, two rows of B and one broadcast fit AVX2's 16 registers without a spill
/// (a 4 × 12 tile needs 16 and spills one accumulator, which halves the speed).
public let fmaTileRows = 6
public let fmaTileColumns = 8

/// C (6 × 8, rows `ldc` apart) += A · B over `k`, where `a` is a packed panel of k columns of
/// 6 values and `b` a packed panel of k rows of 8 values. One rounding per multiply–add.
public func fmaKernel6x8(_ k: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                          _ c: UnsafeMutablePointer<Double>, _ ldc: Int) {
    var c00 = SIMD4<Double>(), c01 = SIMD4<Double>()
    var c10 = SIMD4<Double>(), c11 = SIMD4<Double>()
    var c20 = SIMD4<Double>(), c21 = SIMD4<Double>()
    var c30 = SIMD4<Double>(), c31 = SIMD4<Double>()
    var c40 = SIMD4<Double>(), c41 = SIMD4<Double>()
    var c50 = SIMD4<Double>(), c51 = SIMD4<Double>()
    var ap = a, bp = b
    for _ in 0..<k {
        let b0 = load(bp), b1 = load(bp + 4)
        var x = SIMD4(repeating: ap[0])
        c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
        x = SIMD4(repeating: ap[1])
        c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
        x = SIMD4(repeating: ap[2])
        c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
        x = SIMD4(repeating: ap[3])
        c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
        x = SIMD4(repeating: ap[4])
        c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
        x = SIMD4(repeating: ap[5])
        c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
        ap += 6
        bp += 8
    }
    addRow2(c, c00, c01); addRow2(c + ldc, c10, c11); addRow2(c + 2 * ldc, c20, c21)
    addRow2(c + 3 * ldc, c30, c31); addRow2(c + 4 * ldc, c40, c41); addRow2(c + 5 * ldc, c50, c51)
}

@inline(__always)
func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
}

@inline(__always)
func addRow2(_ c: UnsafeMutablePointer<Double>, _ x: SIMD4<Double>, _ y: SIMD4<Double>) {
    let raw = UnsafeMutableRawPointer(c)
    raw.storeBytes(of: raw.loadUnaligned(as: SIMD4<Double>.self) + x, as: SIMD4<Double>.self)
    raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self) + y, toByteOffset: 32, as: SIMD4<Double>.self)
}

/// `iterations` rounds of 12 independent fused multiply–add chains of vectors `V` (enough to keep
/// two FMA pipes busy), for measuring one core's peak; returns the sum so the work stays.
/// Inlined into its caller so it runs in the caller's module's instructions (this one's AVX2,
/// or `UnrollKernelsAVX512`'s AVX-512).
@inlinable @inline(__always)
public func peakChains<V: SIMD>(_ iterations: Int, _: V.Type) -> Double where V.Scalar == Double {
    let x = V(repeating: 0.999999)
    // Different starting values, so the compiler cannot merge the chains.
    var c0 = V(repeating: 0.10), c1 = V(repeating: 0.11), c2 = V(repeating: 0.12), c3 = V(repeating: 0.13)
    var c4 = V(repeating: 0.14), c5 = V(repeating: 0.15), c6 = V(repeating: 0.16), c7 = V(repeating: 0.17)
    var c8 = V(repeating: 0.18), c9 = V(repeating: 0.19), c10 = V(repeating: 0.20), c11 = V(repeating: 0.21)
    for _ in 0..<iterations {
        c0 = x.addingProduct(c0, x); c1 = x.addingProduct(c1, x); c2 = x.addingProduct(c2, x)
        c3 = x.addingProduct(c3, x); c4 = x.addingProduct(c4, x); c5 = x.addingProduct(c5, x)
        c6 = x.addingProduct(c6, x); c7 = x.addingProduct(c7, x); c8 = x.addingProduct(c8, x)
        c9 = x.addingProduct(c9, x); c10 = x.addingProduct(c10, x); c11 = x.addingProduct(c11, x)
    }
    return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).sum()
}

/// `peakChains` on 4-wide vectors in this module's AVX2+FMA instructions.
public func fmaPeakLoop(_ iterations: Int) -> Double { peakChains(iterations, SIMD4<Double>.self) }
