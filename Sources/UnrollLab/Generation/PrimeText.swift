import Foundation
import UnrollEngine
import UnrollTasks

/// Reads a prime typed by a person: symbols written one after another ("h", "BTS",
/// "i am learning", "<go>") or, for dense tasks, a number of true steps ("20").
public enum PrimeText {
    /// Splits `text` into vocabulary symbols by longest match, so "hell" → h e l l and "i am" →
    /// i, am. Whitespace between symbols is skipped unless the vocabulary has a space symbol; the
    /// text task's "␣", "↵" and "⇥" may be typed as the characters they stand for.
    public static func symbols(_ text: String, vocabulary: [String]) throws -> [Int] {
        let aliases: [(String, String)] = [("␣", " "), ("↵", "\n"), ("⇥", "\t")]
        var spellings: [(chars: [Character], symbol: Int)] = vocabulary.enumerated().map { (Array($0.element), $0.offset) }
        for (name, raw) in aliases { if let k = vocabulary.firstIndex(of: name) { spellings.append((Array(raw), k)) } }
        spellings = spellings.filter { !$0.chars.isEmpty }.sorted { $0.chars.count > $1.chars.count }
        let chars = Array(text)
        var i = 0
        var result: [Int] = []
        while i < chars.count {
            if let match = spellings.first(where: { i + $0.chars.count <= chars.count && Array(chars[i..<(i + $0.chars.count)]) == $0.chars }) {
                result.append(match.symbol)
                i += match.chars.count
            } else if chars[i].isWhitespace {
                i += 1
            } else {
                let shown = vocabulary.prefix(12).joined(separator: " ") + (vocabulary.count > 12 ? " …" : "")
                throw EngineError("'\(String(chars[i...].prefix(12)))' in the prime is not in the vocabulary (\(shown))")
            }
        }
        guard !result.isEmpty else { throw EngineError("the prime '\(text)' holds no symbol") }
        return result
    }
}

extension Experiment {
    /// The prime for this experiment's task from text: symbols for symbol tasks, a whole number of
    /// true steps for dense ones.
    public func prime(from text: String) throws -> GenerationPrime {
        switch try generationKind() {
        case .symbols, .decoder:
            return .symbols(try PrimeText.symbols(text, vocabulary: task.shape.input.symbolNames ?? []))
        case .values:
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1 else {
                throw EngineError("task \(task.name) is primed with a number of true steps (e.g. 20), not '\(text)'")
            }
            return .steps(n)
        }
    }
}
