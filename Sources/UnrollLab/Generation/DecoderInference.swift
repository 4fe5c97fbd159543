import Foundation
import UnrollEngine
import UnrollTasks

/// How well an encoder–decoder answers at inference, when it is fed its own outputs, beside the
/// teacher-forced figure training reports (the true previous symbol fed in at every step).
public struct InferenceAccuracy: Sendable, Equatable {
    /// Decoder steps right: generated token k equals true token k, counted over the true answer's
    /// steps (its letters and `<eos>`); a decoder that stops early misses the rest.
    public var stepAccuracy: Double
    /// Answers right as a whole: every letter, then `<eos>`.
    public var stringAccuracy: Double
    /// Per-step accuracy with teacher forcing (`Experiment.heldOut`, the same held-out strings).
    public var teacherForcedAccuracy: Double
    /// Held-out source strings decoded.
    public var sources: Int
}

extension Experiment {
    /// Decodes `count` held-out source strings greedily (argmax), each from its own outputs, and
    /// scores them against the true answers. Only for the seq2seq task.
    public func inferenceAccuracy(count: Int = 200) throws -> InferenceAccuracy {
        guard let seq = task as? Seq2SeqTask else { throw EngineError("inference accuracy needs the seq2seq task (got \(task.name))") }
        guard (1...10_000).contains(count) else { throw EngineError("count must be 1…10000 (got \(count))") }
        // The held-out strings `heldOut` scores (the same data seed and split).
        let pairs = try seq.pairs(count: count, seed: settings.dataSeed &+ 99, split: .test)
        var right = 0, steps = 0, strings = 0
        for pair in pairs {
            let g = try decode(prime: .symbols(pair.source), length: pair.decoderTarget.count, sampling: .argmax)
            let truth = pair.decoderTarget
            steps += truth.count
            right += zip(g.symbols, truth).filter { $0 == $1 }.count
            if g.symbols == truth { strings += 1 }
        }
        let teacherForced = try heldOut(count: count).accuracy ?? .nan
        return InferenceAccuracy(stepAccuracy: Double(right) / Double(max(steps, 1)),
                                 stringAccuracy: Double(strings) / Double(max(pairs.count, 1)),
                                 teacherForcedAccuracy: teacherForced, sources: pairs.count)
    }
}

/// Lesson 17's question: does feeding the encoder the source reversed help? The same task and
/// network trained twice from the same fresh weights, once reading the source as given and once
/// reversed, then decoded on the same held-out strings.
public struct SourceOrderComparison: Sendable, Equatable {
    /// `reverse_source = false`: the encoder reads the source as given.
    public var asGiven: InferenceAccuracy
    /// `reverse_source = true`: the encoder reads it back to front.
    public var reversed: InferenceAccuracy

    /// Compares two trained experiments (reading the source as given, and reversed).
    public static func compare(asGiven: Experiment, reversed: Experiment, count: Int = 200) throws -> SourceOrderComparison {
        SourceOrderComparison(asGiven: try asGiven.inferenceAccuracy(count: count),
                              reversed: try reversed.inferenceAccuracy(count: count))
    }

    /// Trains both orders from fresh weights for `steps` updates (default: the experiment's
    /// training steps) and compares them. Takes a few seconds per thousand updates.
    public static func train(_ e: Experiment, steps: Int? = nil, count: Int = 200) throws -> SourceOrderComparison {
        guard e.task is Seq2SeqTask else { throw EngineError("the source-order comparison needs the seq2seq task (got \(e.task.name))") }
        let n = steps ?? e.settings.steps
        guard (0...1_000_000).contains(n) else { throw EngineError("steps must be 0…1000000 (got \(n))") }
        func trained(reversed: Bool) throws -> Experiment {
            var s = e.settings
            s.taskSettings["reverse_source"] = reversed ? "true" : "false"
            var run = TrainingRun(try Experiment(s, dataDirectory: e.dataDirectory))
            for _ in 0..<n { try run.step() }
            return run.current
        }
        return try compare(asGiven: trained(reversed: false), reversed: trained(reversed: true), count: count)
    }
}
