import Foundation
import UnrollKernels

/// What `unroll bench engine` reports about the machine: which kernel the large layers use and
/// the floating-point peak of one core in that kernel's instructions.
public enum EngineSpeed {
    /// "unroll's GEMM, 6×8 AVX2+FMA tile" (or the portable one), for benchmark reports.
    public static var largeLayerKernel: String {
        "unroll's packed GEMM, \(GEMM.tileRows)×\(GEMM.tileColumns) tile, \(GEMM.tile.name)"
    }

    /// One core's peak in GFLOP/s (a multiply–add counts 2), measured: the best of several runs
    /// of 12 independent multiply–add chains in the tile's own instructions (as many as two FMA
    /// pipes keep busy). With the portable tile, the chains are a multiply and an add each.
    public static func oneCorePeak() -> (gflops: Double, method: String) {
        let iterations = 500_000
        let tile = GEMM.tile
        var best = Double.infinity
        var sink = 0.0
        for _ in 0..<25 {
            let start = DispatchTime.now().uptimeNanoseconds
            sink += tile.peakLoop?(iterations) ?? portablePeakLoop(iterations)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        precondition(sink.isFinite)
        let flops = Double(iterations) * 12 * Double(tile.peakWidth) * 2
        let how = tile.peakLoop != nil
            ? "measured: 12 independent \(tile.peakWidth)-wide \(tile.name) multiply–add chains, double precision"
            : "measured: 12 independent 4-wide multiply-then-add chains (SSE2), double precision"
        return (flops / best / 1e9, how)
    }

    /// `fmaPeakLoop` in baseline instructions.
    static func portablePeakLoop(_ iterations: Int) -> Double {
        var c = (0..<12).map { SIMD4<Double>(repeating: Double($0) * 1e-3) }
        let x = SIMD4<Double>(repeating: 0.999999)
        c.withUnsafeMutableBufferPointer { p in
            var c0 = p[0], c1 = p[1], c2 = p[2], c3 = p[3], c4 = p[4], c5 = p[5]
            var c6 = p[6], c7 = p[7], c8 = p[8], c9 = p[9], c10 = p[10], c11 = p[11]
            for _ in 0..<iterations {
                c0 = c0 * x + x; c1 = c1 * x + x; c2 = c2 * x + x; c3 = c3 * x + x
                c4 = c4 * x + x; c5 = c5 * x + x; c6 = c6 * x + x; c7 = c7 * x + x
                c8 = c8 * x + x; c9 = c9 * x + x; c10 = c10 * x + x; c11 = c11 * x + x
            }
            p[0] = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11
        }
        return c[0].sum()
    }
}
