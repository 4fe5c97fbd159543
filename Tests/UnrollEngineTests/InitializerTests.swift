import Testing
import UnrollEngine

struct InitializerTests {
    let rnn = ModelConfig(cell: .rnn, inputSize: 3, hiddenSize: 16, outputSize: 2)

    @Test func sameSeedSameWeightsDifferentSeedDifferentWeights() throws {
        let a = try Model.initialized(rnn, InitSettings(seed: 4))
        let b = try Model.initialized(rnn, InitSettings(seed: 4))
        let c = try Model.initialized(rnn, InitSettings(seed: 5))
        #expect(a == b)
        #expect(a != c)
    }

    @Test func defaultIsUniformWithinOneOverRootH() throws {
        let m = try Model.initialized(rnn, InitSettings(scheme: .default, seed: 1))
        let bound = 1 / 4.0
        #expect(m.parameters.layers[0].W_hh.data.allSatisfy { abs($0) <= bound })
        #expect(Vector.maxAbs(m.parameters.layers[0].W_hh.data) > 0.9 * bound)
    }

    @Test func orthogonalBlocksAreOrthogonal() throws {
        let m = try Model.initialized(ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 8, outputSize: 1), InitSettings(scheme: .orthogonal, seed: 2))
        for g in 0..<4 {
            let q = m.parameters.layers[0].W_hh.rowBlock(g * 8, count: 8)
            let qtq = Matrix.product(q.transposed, q)
            for r in 0..<8 { for c in 0..<8 { #expect(abs(qtq[r, c] - (r == c ? 1 : 0)) < 1e-12) } }
        }
        #expect(m.parameters.layers[0].b_ih.allSatisfy { $0 == 0 })
    }

    @Test func identityInitIsIRNN() throws {
        let m = try Model.initialized(ModelConfig(cell: .rnn, activation: .relu, inputSize: 2, hiddenSize: 5, outputSize: 1), InitSettings(scheme: .identity, seed: 3))
        #expect(m.parameters.layers[0].W_hh == Matrix.identity(5))
        #expect(m.parameters.layers[0].b_hh.allSatisfy { $0 == 0 })
        #expect(Vector.maxAbs(m.parameters.layers[0].W_ih.data) < 0.01)
    }

    @Test(arguments: [0.5, 0.9, 1.0, 1.5, 3.0])
    func spectralRadiusScaling(rho: Double) throws {
        let m = try Model.initialized(rnn, InitSettings(seed: 9, spectralRadius: rho))
        #expect(abs(Spectral.spectralRadius(m.parameters.layers[0].W_hh) - rho) < 1e-6 * rho)
    }

    @Test func forgetBiasIsSetOnTheForgetBlock() throws {
        let m = try Model.initialized(ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 3, outputSize: 1), InitSettings(seed: 1, forgetBias: 1))
        let b = m.parameters.layers[0]
        for j in 0..<3 { #expect(b.b_ih[3 + j] + b.b_hh[3 + j] == 1) }
    }

    @Test func spectralToolsAgreeWithKnownMatrices() {
        // A rotation by 90° scaled by 2: radius 2, σ_max 2; a Jordan-like block: radius 0.5, σ_max > 1.
        let rot = Matrix([[0, -2], [2, 0]])
        #expect(abs(Spectral.spectralRadius(rot) - 2) < 1e-9)
        #expect(abs(Spectral.norm(rot) - 2) < 1e-12)
        let jordan = Matrix([[0.5, 1], [0, 0.5]])
        #expect(abs(Spectral.spectralRadius(jordan) - 0.5) < 1e-6)
        #expect(abs(Spectral.norm(jordan) - (1 + 2.0.squareRoot()) / 2) < 1e-12)
        let nilpotent = Matrix([[0, 1], [0, 0]])
        #expect(Spectral.spectralRadius(nilpotent) == 0)
        // Power iteration (n > 24) agrees with the exact solver.
        var rng = SeededRandom(seed: 12)
        var big = Matrix(rows: 64, cols: 64)
        for i in 0..<big.count { big.data[i] = rng.normal() }
        #expect(abs(Spectral.norm(big) - Spectral.exactNorm(big)) < 1e-9 * Spectral.exactNorm(big))
    }
}
