import Foundation
import UnrollEngine

/// Central-difference gradient checking in Double precision.
enum GradientCheck {
    /// Relative error |a − n| / max(|a|, |n|, floor). The floor keeps central differences'
    /// rounding noise (about 1e-10 absolute at ε = 1e-6 on losses of order 1) from reading as
    /// a large relative error on gradients of 1e-6; any real error on an entry of that size
    /// or more still shows.
    static func error(_ a: Double, _ n: Double, floor: Double = 1e-3) -> Double {
        abs(a - n) / max(abs(a), abs(n), floor)
    }

    /// Compares the analytic gradient with central differences of `loss` at up to `samples`
    /// entries per tensor; returns the worst relative error and where it was.
    static func worst(_ model: Model, analytic: Parameters, samples: Int = 12, epsilon: Double = 1e-6,
                      loss: (Model) throws -> Double) rethrows -> (error: Double, at: String) {
        var worst = (0.0, "")
        let names = model.parameters.namedTensors.map { $0.name }
        var analyticFlat: [[Double]] = []
        var a = analytic
        a.forEachTensor { analyticFlat.append($0) }
        for (tensorIndex, name) in names.enumerated() {
            let count = analyticFlat[tensorIndex].count
            let stride = max(1, count / samples)
            var i = 0
            while i < count {
                func perturbed(_ delta: Double) -> Model {
                    var m = model
                    var index = 0
                    m.parameters.forEachTensor { t in
                        if index == tensorIndex { t[i] += delta }
                        index += 1
                    }
                    return m
                }
                let numeric = (try loss(perturbed(epsilon)) - loss(perturbed(-epsilon))) / (2 * epsilon)
                let e = error(analyticFlat[tensorIndex][i], numeric)
                if e > worst.0 { worst = (e, "\(name)[\(i)] analytic \(analyticFlat[tensorIndex][i]) numeric \(numeric)") }
                i += stride
            }
        }
        return worst
    }
}

/// Small random models and data for the checks.
enum Samples {
    static func dense(_ cfg: ModelConfig, steps T: Int, batch B: Int, seed: UInt64, mask: Bool = false) -> [Example] {
        var rng = SeededRandom(seed: seed)
        return (0..<B).map { b in
            let x = (0..<T).map { _ in (0..<cfg.inputSize).map { _ in rng.uniform(-1, 1) } }
            let target: TargetSequence
            switch cfg.loss {
            case .mse: target = .values((0..<T).map { _ in (0..<cfg.outputSize).map { _ in rng.uniform(-1, 1) } })
            case .crossEntropy: target = .classes((0..<T).map { _ in rng.int(below: cfg.outputSize) })
            }
            // Variable length: sequence b is padded after T − b steps.
            let m: [Double]? = mask ? (0..<T).map { $0 < T - b ? 1 : 0 } : nil
            return Example(input: .vectors(x), target: target, mask: m)
        }
    }

    static func symbols(_ cfg: ModelConfig, steps T: Int, batch B: Int, seed: UInt64) -> [Example] {
        var rng = SeededRandom(seed: seed)
        return (0..<B).map { _ in
            Example(input: .symbols((0..<T).map { _ in rng.int(below: cfg.inputSize) }),
                    target: .classes((0..<T).map { _ in rng.int(below: cfg.outputSize) }))
        }
    }

    /// A copy of the examples restricted to steps [start, end), with explicit masks taken from `weights`.
    static func slice(_ examples: [Example], _ start: Int, _ end: Int, weights: [[Double]]) -> [Example] {
        examples.enumerated().map { b, ex in
            let input: InputSequence
            switch ex.input {
            case .vectors(let v): input = .vectors(Array(v[start..<end]))
            case .symbols(let s): input = .symbols(Array(s[start..<end]))
            }
            let target: TargetSequence
            switch ex.target {
            case .values(let v): target = .values(Array(v[start..<end]))
            case .classes(let c): target = .classes(Array(c[start..<end]))
            }
            return Example(input: input, target: target, mask: (start..<end).map { weights[$0][b] })
        }
    }
}
