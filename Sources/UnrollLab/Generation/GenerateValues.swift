import Foundation
import UnrollEngine
import UnrollTasks

extension Experiment {
    /// Dense tasks (the sine): feed the true inputs x_0 … x_{p−1}, then feed each prediction
    /// ŷ_t back as x̂_{t+1} (`SineTask.freeRun`). Generated value k is ŷ_{p−1+k}, the model's
    /// guess at x_{p+k}; its truth is the clean wave there, and error_k = |ŷ − x_{p+k}|.
    /// The unrolled inputs are x_0 … x_{p−1} then the fed-back values; the targets are the true
    /// next values x_{t+1} all along, so the loss and gradients measure the drift.
    func generateValues(prime: GenerationPrime?, length: Int?) throws -> Generation {
        let stream = try TrueStream(self)
        let p: Int
        switch prime {
        case .steps(let n)?: p = n
        case .symbols?: throw EngineError("task \(task.name) reads numbers: prime it with a number of true steps (e.g. 20)")
        case nil: p = min(GenerationLimits.defaultPrimeSteps, max(1, example.length - 1))
        }
        let n = length ?? GenerationLimits.defaultValueLength
        guard (1...GenerationLimits.maxLength).contains(p) else {
            throw EngineError("the prime must be 1…\(GenerationLimits.maxLength) true steps (got \(p))")
        }
        if let available = stream.available, p + n > available {
            throw EngineError("the example has \(available) true values; prime (\(p)) + length (\(n)) must not exceed it")
        }
        var stepper = ModelStepper(model)
        let primeInputs = (0..<p).map(stream.input)
        let generated = try SineTask.freeRun(prime: primeInputs, steps: n) { x in
            (try stepper.feed(.vector([x]))).first ?? .nan
        }
        let steps = p + n - 1
        let inputs = primeInputs + generated.dropLast()
        let targets = (0..<steps).map { [stream.next($0)] }
        let truth = (0..<n).map { stream.next(p - 1 + $0) }
        let example = Example(input: .vectors(inputs.map { [$0] }), target: .values(targets),
                              mask: Array(repeating: 1, count: steps))
        return Generation(kind: .values, example: example, firstGeneratedStep: p - 1, symbols: [], values: generated,
                          tokens: generated.map(TaskFormatting.short), truth: truth,
                          error: zip(generated, truth).map { abs($0 - $1) }, truthSymbols: nil, truthTokens: nil, distributions: [],
                          stoppedAtEnd: false)
    }
}

/// The true series behind the example on screen: its inputs x_t and clean next values x_{t+1},
/// continued past the example's end along the same wave for the sine.
struct TrueStream {
    let inputs: [Double]
    let targets: [Double]
    let wave: SineWave?

    init(_ e: Experiment) throws {
        guard case .vectors(let v) = e.example.input, case .values(let t) = e.example.target else {
            throw EngineError("task \(e.task.name) has no dense series to continue")
        }
        inputs = v.map { $0.first ?? .nan }
        targets = t.map { $0.first ?? .nan }
        if let sine = e.task as? SineTask {
            wave = try sine.waves(count: e.shownExampleIndex + 1, seed: e.settings.dataSeed, split: .test).last
        } else {
            wave = nil
        }
    }

    /// How many true values exist (inputs x_0 … x_{T−1} and the last target x_T), or nil when the
    /// wave goes on for ever.
    var available: Int? { wave == nil ? inputs.count + 1 : nil }

    /// x_t as the model reads it (the example's input, noisy if the task adds noise).
    func input(_ t: Int) -> Double {
        t < inputs.count ? inputs[t] : (wave?.value(at: Double(t)) ?? .nan)
    }

    /// The clean x_{t+1}.
    func next(_ t: Int) -> Double {
        t < targets.count ? targets[t] : (wave?.value(at: Double(t + 1)) ?? .nan)
    }
}
