#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Optional acceleration for large matrix products: OpenBLAS's `cblas_dgemm`, loaded at run
/// time when the library is installed (Debian: `libopenblas0`), never required to build or run.
///
/// Plain Swift loops on the baseline x86-64 target (SSE2, no FMA) reach about 12 GFLOP/s,
/// which is not enough for the large shapes of `unroll bench engine` (lstm:256:50:16 needs
/// ~21 GFLOP/s for 60 ms per step); OpenBLAS picks AVX2/FMA kernels for the CPU it runs on.
/// Only products of at least `threshold` multiply–adds use it, so the small models of the
/// lessons and the reference cases always run the plain loops and give the same bits on
/// every machine. `UNROLL_BLAS=off` turns it off. Non-finite values follow IEEE arithmetic in
/// dgemm (0·∞ = NaN, as in PyTorch); the plain loops may skip a zero factor instead, so a
/// model that has already overflowed can show NaN where the plain loops show ∞.
public enum BLAS {
    /// cblas_dgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc).
    typealias DGEMM = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Double,
                                      UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32,
                                      Double, UnsafeMutablePointer<Double>?, Int32) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void

    static let rowMajor: Int32 = 101, noTrans: Int32 = 111, trans: Int32 = 112

    /// Products smaller than this many multiply–adds stay in the step-by-step Swift loops; so do
    /// layers whose recurrent product is smaller (`LargeLayer`). 2^20 lies far above every lesson
    /// model (the largest, a held-out batch of 64 through an LSTM of H = 16, is under 2^18;
    /// `LessonSizeTests` checks every page's panels), so the lessons give the same bits on every
    /// machine, with or without OpenBLAS, AVX2 or AVX-512.
    public static let threshold = 1 << 20

    /// What `load` found: the routine and the library's name, fixed for the life of the process.
    struct Loaded: Sendable {
        let dgemm: DGEMM?
        let name: String
    }

    /// Loaded once, on first use; immutable after that, so any thread may read it.
    static let loaded: Loaded = load()

    static var dgemm: DGEMM? { loaded.dgemm }

    /// Whether OpenBLAS was found and will take the large products.
    public static var isLoaded: Bool { dgemm != nil }

    /// "OpenBLAS (libopenblas.so.0)" or "Swift loops", for benchmark reports.
    public static var backend: String { dgemm == nil ? "Swift loops" : "OpenBLAS (\(loaded.name), 1 thread) for matrix products ≥ 2^20 multiply–adds, every side ≥ 4" }

    static func load() -> Loaded {
        #if canImport(Glibc)
        if ProcessInfo.processInfo.environment["UNROLL_BLAS"]?.lowercased() == "off" { return Loaded(dgemm: nil, name: "") }
        for name in ["libopenblas.so.0", "libopenblas.so"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let symbol = dlsym(handle, "cblas_dgemm") else { dlclose(handle); continue }
            // One thread: the figures are for one core, and the app's training shares the machine.
            if let set = dlsym(handle, "openblas_set_num_threads") {
                unsafeBitCast(set, to: SetThreads.self)(1)
            }
            return Loaded(dgemm: unsafeBitCast(symbol, to: DGEMM.self), name: name)
        }
        #endif
        return Loaded(dgemm: nil, name: "")
    }

    /// Whether a product of this size should go to BLAS (when loaded and within Int32 sizes).
    @inline(__always)
    static func worthIt(_ m: Int, _ n: Int, _ k: Int) -> Bool {
        // Matrix–vector shapes (a batch of one) are faster in the SIMD loops than through dgemm's packing.
        guard dgemm != nil, m >= 4, n >= 4, k >= 4, m < Int(Int32.max), n < Int(Int32.max), k < Int(Int32.max) else { return false }
        let (mn, o1) = m.multipliedReportingOverflow(by: n)
        let (mnk, o2) = mn.multipliedReportingOverflow(by: k)
        return !o1 && !o2 && mnk >= threshold
    }
}
