#if canImport(Glibc)
import Glibc
#endif
import Foundation
import UnrollKernels
import UnrollKernelsAVX512

/// One matrix operand read through strides: entry (i, p) is `base[i · rowStride + p · colStride]`,
/// so a transposed view is the same memory with the strides swapped.
struct Operand {
    let base: UnsafePointer<Double>
    let rowStride: Int
    let colStride: Int

    @inline(__always)
    subscript(i: Int, p: Int) -> Double { base[i * rowStride + p * colStride] }
}

/// The B operand of C += A·B (k × n) packed once for many products: blocks of `GEMM.depth` rows,
/// each cut into panels of `GEMM.tileColumns` columns laid out row by row, zero-padded at the
/// right edge. A recurrent weight matrix is packed once per pass and used at every step.
struct PackedB {
    let k: Int
    let n: Int
    /// n rounded up to whole panels.
    let paddedN: Int
    var data: [Double]

    init(_ b: Operand, k: Int, n: Int) {
        let nr = GEMM.tileColumns
        self.k = k
        self.n = n
        let paddedN = (n + nr - 1) / nr * nr
        self.paddedN = paddedN
        var packed = [Double](repeating: 0, count: k * paddedN)
        let panels = paddedN / nr
        packed.withUnsafeMutableBufferPointer { out in
            var p0 = 0
            while p0 < k {
                let kb = min(GEMM.depth, k - p0)
                for panel in 0..<panels {
                    let dest = out.baseAddress! + p0 * paddedN + panel * kb * nr
                    let j0 = panel * nr, width = min(nr, n - j0)
                    for p in 0..<kb {
                        for jj in 0..<width { dest[p * nr + jj] = b[p0 + p, j0 + jj] }
                    }
                }
                p0 += kb
            }
        }
        data = packed
    }
}

/// Large matrix products for the models that are too big for the lessons (see `LargeLayer`):
/// cache-blocked and packed, with a register tile of `tileRows` × `tileColumns` entries of C kept
/// in SIMD registers. The tile runs on AVX-512 (module `UnrollKernelsAVX512`) or AVX2 and fused
/// multiply–add (module `UnrollKernels`) when the CPU has them, else on a portable SSE2 tile of
/// separate multiplies and adds (`tile`). The AVX2 tile alone matches OpenBLAS on these shapes,
/// so the large path needs no library. Only shapes at or above `BLAS.threshold` come here, so the lessons' numbers never
/// depend on it.
enum GEMM {
    static var tileRows: Int { tile.rows }
    static var tileColumns: Int { tile.columns }
    /// Depth of one block: a tileColumns-wide panel of B (depth × 8 or 16 values, 16–32 KB) stays in L1.
    static let depth = 256
    /// Rows of A packed at once (rows × depth values, 192 KB): stays in L2 while B streams by.
    static let rowBlock = 96

    /// C (m × n, rows `ldc` apart) += A (m × k) · B (k × n).
    static func accumulate(m: Int, n: Int, k: Int, _ a: Operand, _ b: Operand,
                           _ c: UnsafeMutablePointer<Double>, ldc: Int) {
        if m == 0 || n == 0 || k == 0 { return }
        accumulate(m: m, a, PackedB(b, k: k, n: n), c, ldc: ldc)
    }

    /// C (m × n, rows `ldc` apart) += A (m × k) · B, with B (k × n) packed already.
    static func accumulate(m: Int, _ a: Operand, _ b: PackedB, _ c: UnsafeMutablePointer<Double>, ldc: Int) {
        let mr = tileRows, nr = tileColumns, k = b.k, n = b.n
        if m == 0 || n == 0 || k == 0 { return }
        let panels = b.paddedN / nr
        let kernel = tile.kernel
        // Sized for this product, so small ones stay below malloc's mmap threshold (no page faults per step).
        var aPack = [Double](repeating: 0, count: (min(m, rowBlock) + mr - 1) / mr * mr * min(k, depth))
        var edge = [Double](repeating: 0, count: mr * nr)
        aPack.withUnsafeMutableBufferPointer { ap in
            edge.withUnsafeMutableBufferPointer { ep in
                b.data.withUnsafeBufferPointer { bp in
                    let ap = ap.baseAddress!, ep = ep.baseAddress!
                    var p0 = 0
                    while p0 < k {
                        let kb = min(depth, k - p0)
                        var i0 = 0
                        while i0 < m {
                            let mb = min(rowBlock, m - i0)
                            packA(a, rows: i0, mb, depth: p0, kb, into: ap)
                            for panel in 0..<panels {
                                let bPanel = bp.baseAddress! + p0 * b.paddedN + panel * kb * nr
                                let j0 = panel * nr, width = min(nr, n - j0)
                                var ii = 0
                                while ii < mb {
                                    let height = min(mr, mb - ii)
                                    let cTile = c + (i0 + ii) * ldc + j0
                                    let aPanel = UnsafePointer(ap + ii * kb)
                                    if height == mr && width == nr {
                                        kernel(kb, aPanel, bPanel, cTile, ldc)
                                    } else {
                                        ep.update(repeating: 0, count: mr * nr)
                                        kernel(kb, aPanel, bPanel, ep, nr)
                                        for r in 0..<height { for q in 0..<width { cTile[r * ldc + q] += ep[r * nr + q] } }
                                    }
                                    ii += mr
                                }
                            }
                            i0 += mb
                        }
                        p0 += kb
                    }
                }
            }
        }
    }

    /// Rows i0 ..< i0+mb, depth p0 ..< p0+kb of A into panels of `tileRows` rows, column by column.
    @inline(__always)
    static func packA(_ a: Operand, rows i0: Int, _ mb: Int, depth p0: Int, _ kb: Int, into out: UnsafeMutablePointer<Double>) {
        let mr = tileRows
        var ii = 0
        while ii < mb {
            let dest = out + ii * kb
            let height = min(mr, mb - ii)
            for p in 0..<kb {
                for r in 0..<mr { dest[p * mr + r] = r < height ? a[i0 + ii + r, p0 + p] : 0 }
            }
            ii += mr
        }
    }


    /// One register tile and the instructions it runs on.
    struct Tile: Sendable {
        let rows: Int
        let columns: Int
        let kernel: Kernel
        /// "AVX-512", "AVX2+FMA", … for benchmark reports.
        let name: String
        /// Which peak loop measures the same instructions (nil: the portable one).
        let peakLoop: (@Sendable (Int) -> Double)?
        /// Values per vector in `peakLoop`'s 12 chains.
        let peakWidth: Int
    }

    /// The best tile this CPU runs, chosen once: AVX-512 (F, VL, DQ) → 8 × 16, AVX2 and FMA → 6 × 8,
    /// else the portable 6 × 8 tile in SSE2. `UNROLL_KERNELS=avx2` or `=portable` picks a lesser one.
    static let tile: Tile = {
        let portable = Tile(rows: fmaTileRows, columns: fmaTileColumns, kernel: GEMM.portableKernel6x8,
                            name: "portable SIMD (SSE2, no FMA)", peakLoop: nil, peakWidth: 4)
        let choice = ProcessInfo.processInfo.environment["UNROLL_KERNELS"]?.lowercased()
        if choice == "portable" { return portable }
        let flags = cpuFlags()
        if choice != "avx2" && avx512KernelsEnabled && ["avx512f", "avx512vl", "avx512dq"].allSatisfy(flags.contains) {
            return Tile(rows: avx512TileRows, columns: avx512TileColumns, kernel: UnrollKernelsAVX512.avx512Kernel8x16,
                        name: "AVX-512", peakLoop: avx512PeakLoop, peakWidth: 8)
        }
        #if arch(arm64)
        let fma = true
        let fmaName = "NEON FMA"
        #else
        let fma = flags.contains("avx2") && flags.contains("fma")
        let fmaName = "AVX2+FMA"
        #endif
        if fma && fmaKernelsEnabled {
            return Tile(rows: fmaTileRows, columns: fmaTileColumns, kernel: UnrollKernels.fmaKernel6x8,
                        name: fmaName, peakLoop: fmaPeakLoop, peakWidth: 4)
        }
        return portable
    }()

    /// The CPU's feature flags as Linux lists them in /proc/cpuinfo (empty elsewhere).
    static func cpuFlags() -> Set<String> {
        #if os(Linux)
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return [] }
        return Set(flags.split(separator: " ").map(String.init))
        #else
        return []
        #endif
    }

    typealias Kernel = @Sendable (Int, UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void

    /// The same tile as `fmaKernel6x8` in baseline instructions: a multiply and an add per entry,
    /// one 6 × 4 half of C at a time so the accumulators fit SSE2's 16 registers.
    static func portableKernel6x8(_ k: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                  _ c: UnsafeMutablePointer<Double>, _ ldc: Int) {
        for half in 0..<2 {
            var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>()
            var s3 = SIMD4<Double>(), s4 = SIMD4<Double>(), s5 = SIMD4<Double>()
            var ap = a, bp = b + 4 * half
            for _ in 0..<k {
                let bv = Kernels.load4(bp)
                s0 += SIMD4(repeating: ap[0]) * bv
                s1 += SIMD4(repeating: ap[1]) * bv
                s2 += SIMD4(repeating: ap[2]) * bv
                s3 += SIMD4(repeating: ap[3]) * bv
                s4 += SIMD4(repeating: ap[4]) * bv
                s5 += SIMD4(repeating: ap[5]) * bv
                ap += 6
                bp += 8
            }
            let c0 = c + 4 * half
            Kernels.store4(Kernels.load4(c0) + s0, c0)
            Kernels.store4(Kernels.load4(c0 + ldc) + s1, c0 + ldc)
            Kernels.store4(Kernels.load4(c0 + 2 * ldc) + s2, c0 + 2 * ldc)
            Kernels.store4(Kernels.load4(c0 + 3 * ldc) + s3, c0 + 3 * ldc)
            Kernels.store4(Kernels.load4(c0 + 4 * ldc) + s4, c0 + 4 * ldc)
            Kernels.store4(Kernels.load4(c0 + 5 * ldc) + s5, c0 + 5 * ldc)
        }
    }
}
