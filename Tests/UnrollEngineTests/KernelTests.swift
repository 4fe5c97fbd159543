import Testing
import UnrollEngine

/// The matrix kernels (plain Swift, tiled, or OpenBLAS above `BLAS.threshold`) against a naive
/// triple loop, at sizes on both sides of every switch.
struct KernelTests {
    // Below 2^16 with every side ≥ 4: the tiled Swift path; above: OpenBLAS when installed.
    static let shapes: [(Int, Int, Int)] = [(1, 128, 32), (3, 7, 5), (16, 1024, 4), (16, 256, 1024), (64, 96, 48), (5, 4, 4), (32, 40, 48)]

    func random(_ count: Int, _ rng: inout SeededRandom) -> [Double] { (0..<count).map { _ in rng.uniform(-1, 1) } }

    @Test(arguments: 0..<7)
    func productsMatchTheNaiveLoops(index: Int) {
        let (m, n, k) = Self.shapes[index]
        var rng = SeededRandom(seed: UInt64(index + 1))
        let a = random(m * k, &rng), bt = random(n * k, &rng), b = random(k * n, &rng), at = random(k * m, &rng)
        let c0 = random(m * n, &rng)
        func check(_ got: [Double], _ want: [Double], _ name: String) {
            var worst = 0.0
            for i in 0..<got.count { worst = max(worst, abs(got[i] - want[i]) / max(1, abs(want[i]))) }
            #expect(worst < 1e-12, "\(name) \(m)×\(n)×\(k): error \(worst) (backend: \(BLAS.backend))")
        }
        // C += A·Bᵀ
        var c = c0, want = c0
        Kernels.addABt(a, bt, &c, m: m, n: n, k: k)
        for i in 0..<m { for j in 0..<n { var s = 0.0; for p in 0..<k { s += a[i * k + p] * bt[j * k + p] }; want[i * n + j] += s } }
        check(c, want, "A·Bᵀ")
        // C += A·B
        c = c0; want = c0
        Kernels.addAB(a, b, &c, m: m, n: n, k: k)
        for i in 0..<m { for j in 0..<n { var s = 0.0; for p in 0..<k { s += a[i * k + p] * b[p * n + j] }; want[i * n + j] += s } }
        check(c, want, "A·B")
        // C += Aᵀ·B
        c = c0; want = c0
        Kernels.addAtB(at, b, &c, m: m, n: n, k: k)
        for i in 0..<m { for j in 0..<n { var s = 0.0; for p in 0..<k { s += at[p * m + i] * b[p * n + j] }; want[i * n + j] += s } }
        check(c, want, "Aᵀ·B")
    }

    @Test func nonFiniteInputsPropagateWithoutTrapping() {
        let m = 16, n = 1024, k = 8
        var a = [Double](repeating: 0.5, count: m * k)
        a[3] = .infinity
        let b = [Double](repeating: 1, count: n * k)
        var c = [Double](repeating: 0, count: m * n)
        Kernels.addABt(a, b, &c, m: m, n: n, k: k)
        #expect(c[0] == .infinity)
        #expect(c[n] == 4, "other rows unaffected")
    }
}
