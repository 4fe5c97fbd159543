import Foundation
import UnrollEngine
import UnrollTasks

extension Experiment {
    /// Next-symbol tasks: feed the prime s_1 … s_p, then repeatedly choose g_k from y_t and feed it
    /// back. The unrolled stream is s_1 … s_p g_1 … g_N; input = all but its last symbol,
    /// target = all but its first (so the target of each step is the symbol that came next).
    func generateSymbols(prime: GenerationPrime?, length: Int?, sampling: Sampling) throws -> Generation {
        let names = task.shape.input.symbolNames ?? []
        let start: [Int]
        switch prime {
        case .symbols(let s)?: start = s
        case .steps?: throw EngineError("task \(task.name) reads symbols: prime it with symbols (e.g. \(names.first ?? "a")), not a number of steps")
        case nil:
            guard case .symbols(let s) = example.input, let first = s.first else { throw EngineError("the example has no symbols") }
            start = [first]
        }
        try Self.checkPrime(start, vocabulary: names)
        var stepper = ModelStepper(model)
        var y: [Double] = []
        for s in start { y = try stepper.feed(.symbol(s)) }
        let run = try Self.runFree(from: y, stepper: &stepper, length: length ?? GenerationLimits.defaultSymbolLength,
                                   sampling: sampling, stop: endSymbol, stopAfter: endCount - start.filter { $0 == endSymbol }.count)
        let stream = start + run.symbols
        let steps = stream.count - 1
        let example = Example(input: .symbols(Array(stream.dropLast())), target: .classes(Array(stream.dropFirst())),
                              mask: Array(repeating: 1, count: steps))
        return Generation(kind: .symbols, example: example, firstGeneratedStep: start.count - 1, symbols: run.symbols,
                          values: [], tokens: run.symbols.map { names.entry(at: $0) ?? "?" }, truth: nil, error: nil,
                          truthSymbols: nil, truthTokens: nil, distributions: run.distributions, stoppedAtEnd: run.stopped)
    }

    /// The encoder–decoder at inference: the encoder reads the source (reversed when the task says
    /// so), then `<go>`; from there each output is the decoder's next input, until `<eos>`.
    func decode(prime: GenerationPrime?, length: Int?, sampling: Sampling) throws -> Generation {
        guard let seq = task as? Seq2SeqTask else { throw EngineError("decoding needs the seq2seq task") }
        let source: [Int]
        switch prime {
        case .symbols(let s)?: source = s
        case .steps?: throw EngineError("seq2seq is primed with a source string of letters (e.g. abc), not a number of steps")
        case nil:
            guard let pair = try seq.pairs(count: shownExampleIndex + 1, seed: settings.dataSeed, split: .test).last else {
                throw EngineError("the task produced no source string")
            }
            source = pair.source
        }
        let letters = seq.vocabulary.prefix(seq.letters).joined(separator: ", ")
        guard !source.isEmpty else { throw EngineError("the source string is empty; give letters from \(letters)") }
        guard source.allSatisfy({ (0..<seq.letters).contains($0) }) else {
            throw EngineError("the source may hold only the letters \(letters) (no <go> or <eos>)")
        }
        let pair = seq.pair(source: source)
        var stepper = ModelStepper(model)
        var y: [Double] = []
        for s in pair.encoderInput + [seq.goSymbol] { y = try stepper.feed(.symbol(s)) }
        let run = try Self.runFree(from: y, stepper: &stepper, length: length ?? seq.maxLength + 1, sampling: sampling,
                                   stop: seq.eosSymbol)
        let encoder = pair.encoderInput.count
        let truth = pair.decoderTarget
        let decoderTargets = run.symbols.indices.map { k in k < truth.count ? truth[k] : seq.eosSymbol }
        let example = Example(input: .symbols(pair.encoderInput + [seq.goSymbol] + run.symbols.dropLast()),
                              target: .classes(Array(repeating: seq.eosSymbol, count: encoder) + decoderTargets),
                              mask: Array(repeating: 0, count: encoder) + Array(repeating: 1, count: run.symbols.count))
        return Generation(kind: .decoder, example: example, firstGeneratedStep: encoder, symbols: run.symbols, values: [],
                          tokens: run.symbols.map { seq.vocabulary.entry(at: $0) ?? "?" }, truth: nil, error: nil,
                          truthSymbols: truth, truthTokens: truth.map { seq.vocabulary.entry(at: $0) ?? "?" }, distributions: run.distributions, stoppedAtEnd: run.stopped)
    }

    /// The symbol that ends a string of this task (Reber's E), after which nothing is legal.
    var endSymbol: Int? {
        task is any ReberSequenceTask ? ReberGrammar.Symbol.E.rawValue : nil
    }

    /// How many end symbols a whole string has: the embedded grammar wraps a Reber string (its own
    /// E) and ends with a second E.
    var endCount: Int { task.name == "embedded-reber" ? 2 : 1 }

    /// Chooses g_1 from `y`, feeds it, chooses g_2, … until `length` tokens or the `stop` symbol.
    static func runFree(from first: [Double], stepper: inout ModelStepper, length: Int, sampling: Sampling, stop: Int?,
                        stopAfter: Int = 1)
        throws -> (symbols: [Int], distributions: [[Double]], stopped: Bool) {
        var rng: SeededRandom? = nil
        if case .temperature(_, let seed) = sampling { rng = SeededRandom(seed: seed) }
        var y = first
        var symbols: [Int] = [], distributions: [[Double]] = []
        while symbols.count < length {
            guard y.contains(where: \.isFinite) else {
                throw EngineError("the read-out at step \(stepper.steps) is not finite, so no symbol can be chosen; lower ρ or reset the weights")
            }
            let p = sampling.distribution(y)
            let k = rng == nil ? (TaskScoring.argmax(y) ?? 0) : rng!.sample(weights: p)
            symbols.append(k)
            distributions.append(p)
            if k == stop && symbols.filter({ $0 == k }).count >= stopAfter { return (symbols, distributions, true) }
            if symbols.count < length { y = try stepper.feed(.symbol(k)) }
        }
        return (symbols, distributions, false)
    }

    static func checkPrime(_ prime: [Int], vocabulary: [String]) throws {
        guard !prime.isEmpty else { throw EngineError("the prime is empty; give at least one symbol") }
        guard prime.count <= GenerationLimits.maxLength else {
            throw EngineError("the prime has \(prime.count) symbols; at most \(GenerationLimits.maxLength)")
        }
        if let bad = prime.first(where: { !vocabulary.indices.contains($0) }) {
            throw EngineError("symbol \(bad) is outside the vocabulary of \(vocabulary.count)")
        }
    }
}
