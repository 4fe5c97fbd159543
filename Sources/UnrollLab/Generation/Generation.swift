import Foundation
import UnrollEngine
import UnrollTasks

/// How a generated symbol is chosen from the read-out y_t.
public enum Sampling: Sendable, Equatable {
    /// k = argmax_k y_tk (the first on ties): the same answer every time.
    case argmax
    /// k ~ softmax(y_t / τ), drawn with `SeededRandom(seed:)`, so the same seed gives the same
    /// text. τ < 1 sharpens the distribution towards argmax, τ > 1 flattens it towards uniform.
    case temperature(Double, seed: UInt64)

    /// The distribution a symbol is drawn from: softmax(y / τ) (τ = 1 for argmax).
    func distribution(_ y: [Double]) -> [Double] {
        switch self {
        case .argmax: return TaskScoring.softmax(y)
        case .temperature(let tau, _): return TaskScoring.softmax(y.map { $0 / tau })
        }
    }
}

/// What generation starts from, before the model runs on its own.
public enum GenerationPrime: Sendable, Equatable {
    /// Symbols fed as given (symbol tasks, e.g. "h"); for the encoder–decoder task, the source
    /// string the encoder reads.
    case symbols([Int])
    /// The first n true inputs of the sequence (dense tasks, e.g. 20 steps of the sine).
    case steps(Int)
}

/// A free-running sequence: after the prime, the model's output at each step became its next
/// input. `example` is an ordinary sequence, so `Experiment.figures(of:)` unrolls it with its
/// states, gates and gradients like any other.
///
/// What the gradients are taken against (the targets of `example`):
/// - dense (the sine): the true continuation of the wave, x_{t+1}; the loss then measures drift;
/// - encoder–decoder: the correct answer (target letters, then `<eos>`; `<eos>` again if the
///   decoder runs past it), so a step is right when the decoder, fed its own outputs, still says
///   the true letter;
/// - other symbol tasks (hello, next-word, reber, text): the symbol that was generated next.
///   There is no single true continuation; the loss is −log p(chosen symbol), i.e. how sure the
///   model was of what it wrote.
///
/// Steps `0..<firstGeneratedStep` give outputs the model did not feed back (the prime); the
/// output of step `firstGeneratedStep + k` is generated token k. `example.length ==
/// firstGeneratedStep + tokens.count`: the last token is written but never read.
public struct Generation: Sendable {
    /// Which kind of task generated.
    public enum Kind: String, Sendable {
        /// Next-symbol tasks: the chosen symbol is the next input.
        case symbols
        /// One number per step (the sine): the predicted value is the next input.
        case values
        /// The encoder–decoder task: the encoder reads the source, then `<go>`; each decoder output
        /// is its next input, until `<eos>`.
        case decoder
    }

    public let kind: Kind
    /// The sequence as unrolled: prime inputs, then generated ones; targets and mask as above.
    public let example: Example
    /// The step whose output is the first generated token.
    public let firstGeneratedStep: Int
    /// Generated symbol indices (symbol and decoder tasks; empty for values).
    public let symbols: [Int]
    /// Generated values (dense tasks; empty for symbols).
    public let values: [Double]
    /// What was generated, as text: symbol names, or numbers (short form).
    public let tokens: [String]
    /// The true values over the generated steps, x_{p+k} for token k (dense tasks).
    public let truth: [Double]?
    /// |generated − truth| per generated step (dense tasks).
    public let error: [Double]?
    /// The correct answer: target letters then `<eos>` (decoder task).
    public let truthSymbols: [Int]?
    /// `truthSymbols` as names.
    public let truthTokens: [String]?
    /// The distribution each symbol was drawn from, softmax(y/τ), one row per token (symbols).
    public let distributions: [[Double]]
    /// True when generation stopped at the task's end symbol (`E`, `<eos>`), the last token.
    public let stoppedAtEnd: Bool

    /// The steps whose outputs were generated (and, but for the last, fed back in).
    public var generatedSteps: Range<Int> { firstGeneratedStep..<(firstGeneratedStep + tokens.count) }
}

/// Limits and defaults of generation.
public enum GenerationLimits {
    /// Most steps a generation may ask for.
    public static let maxLength = 10_000
    /// True steps a dense prime takes when none is given.
    public static let defaultPrimeSteps = 20
    /// Tokens generated when no length is given: symbol tasks, dense tasks.
    public static let defaultSymbolLength = 20
    public static let defaultValueLength = 30
}

extension Experiment {
    /// How this experiment's task generates, or a message saying why it cannot.
    public func generationKind() throws -> Generation.Kind {
        if task is Seq2SeqTask { return .decoder }
        let shape = task.shape
        switch shape.input {
        case .symbols(let names) where shape.loss == .crossEntropy && shape.outputNames == names:
            return .symbols
        case .dense(let size) where shape.loss == .mse && size == 1 && shape.outputSize == 1:
            return .values
        default:
            throw EngineError("task \(task.name) cannot generate: its outputs are not inputs it could read back "
                + "(generation needs a next-symbol or next-value task: hello, next-word, reber, embedded-reber, text, seq2seq, sine)")
        }
    }

    /// Primes the model and lets it run on its own for `length` tokens (fewer when the task's end
    /// symbol comes first). Nil prime: the first symbol of the example on screen, its source
    /// string (seq2seq), or its first 20 true steps (dense). Nil length: 20 symbols, 30 values, or
    /// the longest answer plus `<eos>` (seq2seq). Bad requests throw one clear message.
    public func generate(prime: GenerationPrime? = nil, length: Int? = nil, sampling: Sampling = .argmax) throws -> Generation {
        if let length, !(1...GenerationLimits.maxLength).contains(length) {
            throw EngineError("the length must be 1…\(GenerationLimits.maxLength) steps (got \(length))")
        }
        if case .temperature(let tau, _) = sampling, !(tau.isFinite && tau > 0) {
            throw EngineError("the temperature must be a positive number (got \(tau)); use argmax for the most likely symbol")
        }
        switch try generationKind() {
        case .symbols: return try generateSymbols(prime: prime, length: length, sampling: sampling)
        case .decoder: return try decode(prime: prime, length: length, sampling: sampling)
        case .values: return try generateValues(prime: prime, length: length)
        }
    }

    /// The held-out example index the screen shows (as `Experiment.example` clamps it).
    var shownExampleIndex: Int { max(0, min(settings.exampleIndex, Experiment.exampleLimit)) }
}
