import Foundation
import UnrollEngine

/// One sine wave: x(t) = amplitude · sin(2π t / period + phase).
public struct SineWave: Sendable, Equatable {
    public var period: Double
    public var phase: Double
    public var amplitude: Double

    public init(period: Double, phase: Double, amplitude: Double = 1) {
        self.period = period
        self.phase = phase
        self.amplitude = amplitude
    }

    /// The wave's value at (real) step t.
    public func value(at t: Double) -> Double {
        amplitude * Foundation.sin(2 * Double.pi * t / period + phase)
    }

    /// `count` values at steps start, start+1, ….
    public func values(from start: Int, count: Int) -> [Double] {
        (0..<max(count, 0)).map { value(at: Double(start + $0)) }
    }
}

/// `sine`: one-step-ahead prediction of a sine wave, then free-running generation.
///
/// Each example is one wave with a random phase (uniform in [0, 2π)) and a period uniform in
/// [`min_period`, `max_period`] steps. Input x_t = sin(2π t/P + φ) + noise (Gaussian, std
/// `noise`), target = the noise-free x_{t+1}; dense input size 1, MSE at every step. A step is
/// correct when |y − target| < `tolerance`. Use `freeRun(prime:steps:step:)` to let a trained
/// model generate on its own.
public struct SineTask: SequenceTask {
    public static let name = "sine"
    public static let summary = "predict a sine wave one step ahead, then feed predictions back in"
    public static let settingSpecs: [SettingSpec] = [
        SettingSpec("length", .integer(1...10_000), default: "50", "sequence length T"),
        SettingSpec("min_period", .number(2...1_000), default: "10", "shortest period, in steps"),
        SettingSpec("max_period", .number(2...1_000), default: "30", "longest period, in steps"),
        SettingSpec("noise", .number(0...1), default: "0", "std of Gaussian noise added to the inputs"),
        SettingSpec("tolerance", .number(0.001...1), default: "0.05", "|y − target| below this is correct"),
    ]

    public let length: Int
    public let minPeriod: Double
    public let maxPeriod: Double
    public let noise: Double
    public let tolerance: Double

    /// A sine task; periods must satisfy 2 ≤ minPeriod ≤ maxPeriod ≤ 1000.
    public init(length: Int = 50, minPeriod: Double = 10, maxPeriod: Double = 30, noise: Double = 0,
                tolerance: Double = 0.05) throws {
        let specs = Self.settingSpecs, task = Self.name
        try TaskSettings.check(length, "length", specs: specs, task: task)
        try TaskSettings.check(minPeriod, "min_period", specs: specs, task: task)
        try TaskSettings.check(maxPeriod, "max_period", specs: specs, task: task)
        try TaskSettings.check(noise, "noise", specs: specs, task: task)
        try TaskSettings.check(tolerance, "tolerance", specs: specs, task: task)
        guard minPeriod <= maxPeriod else {
            throw TaskError.badSetting(task: task, setting: "min_period", value: TaskSettings.plain(minPeriod),
                                       reason: "min_period must not exceed max_period (\(TaskSettings.plain(maxPeriod)))")
        }
        self.length = length
        self.minPeriod = minPeriod
        self.maxPeriod = maxPeriod
        self.noise = noise
        self.tolerance = tolerance
    }

    public init(settings: [String: String], dataDirectory: URL? = nil) throws {
        let s = try TaskSettings(settings, specs: Self.settingSpecs, task: Self.name)
        try self.init(length: s.int("length"), minPeriod: s.double("min_period"), maxPeriod: s.double("max_period"),
                      noise: s.double("noise"), tolerance: s.double("tolerance"))
    }

    public var settings: [String: String] {
        ["length": String(length), "min_period": TaskSettings.plain(minPeriod),
         "max_period": TaskSettings.plain(maxPeriod), "noise": TaskSettings.plain(noise),
         "tolerance": TaskSettings.plain(tolerance)]
    }

    public var shape: TaskShape {
        TaskShape(input: .dense(size: 1), outputSize: 1, outputNames: nil, loss: .mse, scoring: .everyStep,
                  length: length)
    }

    /// MSE of always answering 0: the mean of sin², 0.5.
    public var baselineLoss: Double? { 0.5 }

    /// The waves behind `examples(count:seed:split:)` for the same arguments (for plotting the truth).
    public func waves(count: Int, seed: UInt64, split: Split) throws -> [SineWave] {
        try generate(count: count, seed: seed, split: split).map(\.wave)
    }

    public func examples(count: Int, seed: UInt64, split: Split) throws -> [Example] {
        try generate(count: count, seed: seed, split: split).map(\.example)
    }

    private func generate(count: Int, seed: UInt64, split: Split) throws -> [(wave: SineWave, example: Example)] {
        try ExampleBuilder.checkCount(count, task: Self.name)
        var rng = TaskStreams.random(seed: seed, split: split, salt: Self.name)
        return (0..<count).map { _ in
            let wave = SineWave(period: rng.uniform(minPeriod, maxPeriod.nextUp), phase: rng.uniform(0, 2 * Double.pi))
            let clean = wave.values(from: 0, count: length + 1)
            let inputs = clean.dropLast().map { x in [noise > 0 ? x + rng.normal(mean: 0, std: noise) : x] }
            let example = Example(input: .vectors(inputs), target: .values(clean.dropFirst().map { [$0] }),
                                  mask: Array(repeating: 1, count: length))
            return (wave, example)
        }
    }

    public func score(readouts: [[Double]], example: Example) -> (correct: Int, total: Int) {
        TaskScoring.defaultScore(readouts: readouts, example: example, tolerance: tolerance)
    }

    public var accuracyTolerance: Double? { tolerance }

    /// Free-running generation: feeds `prime` (true values) to `step` one at a time, then feeds
    /// each prediction back in as the next input for `steps` more steps. `step` is the caller's
    /// model (it keeps its own hidden state). Returns the `steps` generated values; the first is
    /// the prediction made after the last primed value. Empty `prime` starts from input 0.
    public static func freeRun(prime: [Double], steps: Int, step: (Double) throws -> Double) rethrows -> [Double] {
        var last = 0.0
        if prime.isEmpty {
            last = try step(0)
        } else {
            for x in prime { last = try step(x) }
        }
        var generated: [Double] = []
        generated.reserveCapacity(max(steps, 0))
        for i in 0..<max(steps, 0) {
            generated.append(last)
            if i + 1 < steps { last = try step(last) }
        }
        return generated
    }
}
