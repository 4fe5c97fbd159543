import ArgumentParser
import Foundation
import UnrollApp
import UnrollEngine
import UnrollLab
import UnrollTasks

/// `unroll generate`: train as `unroll train` does, prime the model, and let it run on its own.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model, prime it, and let it generate: each output becomes the next input.",
        discussion: """
        Trains exactly as `unroll train` with the same flags and defaults, then feeds the prime and \
        generates --length steps. Symbol tasks (hello, next-word, reber, embedded-reber, text) take \
        symbols as the prime (--prime h) and stop early at the grammar's E; seq2seq takes the source \
        string (--prime abc) and decodes until <eos>; the sine takes a number of true steps \
        (--prime 20) and prints the true continuation and the error |generated − truth| beside it. \
        Without --temperature the most likely symbol is taken (argmax); with it, symbols are drawn \
        from softmax(y/τ), seeded by --sample-seed (default: --seed), so a run is reproducible. \
        --json prints one line: generated (symbols as strings, or numbers), and truth and error for \
        dense tasks (non-finite numbers as the strings "nan", "inf", "-inf"). Here --length counts         generated steps; set the task's own sequence length with --set length=T.
        """)

    @OptionGroup var training: TrainingOptions
    @Option(help: "Symbols to start from (e.g. h), the source string (seq2seq), or a number of true steps (sine).") var prime: String?
    @Option(help: "Steps to generate (default: 20 symbols, 30 values; seq2seq: up to the longest answer and <eos>).") var length: Int?
    @Option(help: "Sample from softmax(y/τ) instead of taking the most likely symbol (0: argmax).") var temperature: Double?
    @Option(help: "Seed of the sampling (default: --seed).") var sampleSeed: UInt64?
    @Flag(help: "Print one JSON line.") var json = false
    @OptionGroup var options: LessonOptions

    func run() throws {
        guard let task = training.task else { fail("--task is required (see `unroll train --list`)") }
        if let length, !(1...GenerationLimits.maxLength).contains(length) {
            fail("--length must be 1…\(GenerationLimits.maxLength) generated steps (got \(length))")
        }
        let sampling: Sampling
        switch temperature {
        case nil, 0?: sampling = .argmax
        case let tau? where tau.isFinite && tau > 0: sampling = .temperature(tau, seed: sampleSeed ?? training.seed)
        case let tau?: fail("--temperature must be a positive number or 0 for argmax (got \(tau))")
        }
        let experiment: Experiment
        do { experiment = try Experiment(training.settings(task: task), dataDirectory: options.dataDirectoryIfAny) } catch { fail("\(error)") }
        let primed: GenerationPrime?
        do {
            _ = try experiment.generationKind()
            primed = try prime.map(experiment.prime(from:))
        } catch { fail("\(error)") }
        let trained = training.train(experiment).current
        let g: Generation
        do { g = try trained.generate(prime: primed, length: length, sampling: sampling) } catch { fail("\(error)") }
        Out.line(json ? Self.json(g, task: task, prime: primeText(g, trained), sampling: sampling) : Self.text(g, prime: primeText(g, trained)))
    }

    /// The prime as the model read it (for seq2seq the source, then `<go>`): symbol names, or numbers.
    func primeText(_ g: Generation, _ e: Experiment) -> [String] {
        let given = g.firstGeneratedStep + 1
        switch g.example.input {
        case .symbols(let s):
            let names = e.task.shape.input.symbolNames ?? []
            return s.prefix(given).map { names.indices.contains($0) ? names[$0] : "?" }
        case .vectors(let v):
            return v.prefix(given).map { FiguresExport.jsonNumber($0.first ?? .nan) }
        }
    }

    static func json(_ g: Generation, task: String, prime: [String], sampling: Sampling) -> String {
        func strings(_ a: [String]) -> String { "[" + a.map { JSONValue.string($0).serialized() }.joined(separator: ",") + "]" }
        func numbers(_ a: [Double]) -> String { "[" + a.map(FiguresExport.jsonNumber).joined(separator: ",") + "]" }
        var fields: [(String, String)] = [("task", JSONValue.string(task).serialized()), ("kind", JSONValue.string(g.kind.rawValue).serialized())]
        switch sampling {
        case .argmax: fields.append(("sampling", "\"argmax\""))
        case .temperature(let tau, let seed):
            fields.append(("sampling", "{\"temperature\":\(FiguresExport.jsonNumber(tau)),\"seed\":\(seed)}"))
        }
        switch g.kind {
        case .values:
            fields.append(("prime_steps", String(prime.count)))
            fields.append(("generated", numbers(g.values)))
            fields.append(("truth", numbers(g.truth ?? [])))
            fields.append(("error", numbers(g.error ?? [])))
        case .symbols, .decoder:
            fields.append(("prime", strings(prime)))
            fields.append(("generated", strings(g.tokens)))
            if let truth = g.truthTokens { fields.append(("truth", strings(truth))) }
            fields.append(("stopped_at_end", g.stoppedAtEnd ? "true" : "false"))
        }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static func text(_ g: Generation, prime: [String]) -> String {
        switch g.kind {
        case .symbols, .decoder:
            let separator = (prime + g.tokens).allSatisfy { $0.count == 1 } ? "" : " "
            var out = "prime      " + prime.joined(separator: separator) + "\ngenerated  " + g.tokens.joined(separator: separator)
            if let truth = g.truthTokens { out += "\ncorrect    " + truth.joined(separator: separator) }
            return out
        case .values:
            var lines = ["primed with \(prime.count) true steps; the output of each step is fed back as the next input",
                         "  step   generated       truth       error"]
            for (k, v) in g.values.enumerated() {
                let truth = g.truth?[k] ?? .nan, error = g.error?[k] ?? .nan
                lines.append(String(format: "%6d  %10.5f  %10.5f  %10.5f", g.firstGeneratedStep + k + 1, v, truth, error))
            }
            return lines.joined(separator: "\n")
        }
    }
}
