import UnrollKernels

/// The inner loop of the large matrix products for CPUs with AVX-512 (x86-64-v4): the same
/// packed-panel contract as `fmaKernel6x8` in `UnrollKernels`, with an 8 × 16 tile of C held in
/// sixteen of AVX-512's thirty-two 8-wide registers (twice the AVX2 tile's work per instruction).
///
/// On x86-64 this module alone is compiled with AVX-512F/VL/DQ (see `Package.swift`), and
/// `UnrollEngine` calls it only on a CPU whose /proc/cpuinfo lists those extensions. Nothing
/// here is `@inlinable`, so none of its instructions leak into other modules.

/// Whether this module was built with the AVX-512 flags (`Package.swift` defines UNROLL_AVX512
/// with them; a dependency build gets no unsafe flags, and then the engine never calls it).
#if UNROLL_AVX512
public let avx512KernelsEnabled = true
#else
public let avx512KernelsEnabled = false
#endif

public let avx512TileRows = 8
public let avx512TileColumns = 16

@inline(__always)
func load8(_ p: UnsafePointer<Double>) -> SIMD8<Double> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Double>.self) }

@inline(__always)
func addRow(_ c: UnsafeMutablePointer<Double>, _ x: SIMD8<Double>, _ y: SIMD8<Double>) {
    let raw = UnsafeMutableRawPointer(c)
    raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<Double>.self) + x, as: SIMD8<Double>.self)
    raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self) + y, toByteOffset: 64, as: SIMD8<Double>.self)
}

/// C (8 × 16, rows `ldc` apart) += A · B over `k`, where `a` is a packed panel of k columns of
/// 8 values and `b` a packed panel of k rows of 16 values. One rounding per multiply–add.
public func avx512Kernel8x16(_ k: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                             _ c: UnsafeMutablePointer<Double>, _ ldc: Int) {
    var c00 = SIMD8<Double>(), c01 = SIMD8<Double>(), c10 = SIMD8<Double>(), c11 = SIMD8<Double>()
    var c20 = SIMD8<Double>(), c21 = SIMD8<Double>(), c30 = SIMD8<Double>(), c31 = SIMD8<Double>()
    var c40 = SIMD8<Double>(), c41 = SIMD8<Double>(), c50 = SIMD8<Double>(), c51 = SIMD8<Double>()
    var c60 = SIMD8<Double>(), c61 = SIMD8<Double>(), c70 = SIMD8<Double>(), c71 = SIMD8<Double>()
    var ap = a, bp = b
    for _ in 0..<k {
        let b0 = load8(bp), b1 = load8(bp + 8)
        var x = SIMD8(repeating: ap[0]); c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
        x = SIMD8(repeating: ap[1]); c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
        x = SIMD8(repeating: ap[2]); c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
        x = SIMD8(repeating: ap[3]); c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
        x = SIMD8(repeating: ap[4]); c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
        x = SIMD8(repeating: ap[5]); c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
        x = SIMD8(repeating: ap[6]); c60 = c60.addingProduct(x, b0); c61 = c61.addingProduct(x, b1)
        x = SIMD8(repeating: ap[7]); c70 = c70.addingProduct(x, b0); c71 = c71.addingProduct(x, b1)
        ap += 8
        bp += 16
    }
    addRow(c, c00, c01); addRow(c + ldc, c10, c11); addRow(c + 2 * ldc, c20, c21); addRow(c + 3 * ldc, c30, c31)
    addRow(c + 4 * ldc, c40, c41); addRow(c + 5 * ldc, c50, c51); addRow(c + 6 * ldc, c60, c61); addRow(c + 7 * ldc, c70, c71)
}

/// `peakChains` on 8-wide vectors in this module's AVX-512 instructions.
public func avx512PeakLoop(_ iterations: Int) -> Double { peakChains(iterations, SIMD8<Double>.self) }
