import Foundation
import UnrollEngine

/// Seeded mutations of a text file, for robustness tests: truncations, byte flips, deleted
/// and duplicated lines, invalid UTF-8, empty files, enormous numbers, NaN and inf, deep
/// nesting and wrong types.
public struct Mutator {
    var rng: SeededRandom

    public init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    /// One mutated copy of `original` (a kind chosen at random).
    public mutating func mutate(_ original: [UInt8]) -> [UInt8] {
        var b = original
        switch rng.int(below: 12) {
        case 0: // truncate
            b = Array(b.prefix(rng.int(below: max(b.count, 1))))
        case 1: // flip bytes
            for _ in 0..<(1 + rng.int(below: 8)) where !b.isEmpty { b[rng.int(below: b.count)] = UInt8(rng.int(below: 256)) }
        case 2: // delete a line
            var lines = split(b)
            if !lines.isEmpty { lines.remove(at: rng.int(below: lines.count)) }
            b = join(lines)
        case 3: // duplicate a line
            var lines = split(b)
            if !lines.isEmpty { let i = rng.int(below: lines.count); lines.insert(lines[i], at: i) }
            b = join(lines)
        case 4: // invalid UTF-8
            let at = rng.int(below: b.count + 1)
            b.insert(contentsOf: [0xC3, 0x28, 0xFF, 0xFE], at: at)
        case 5: // empty
            b = []
        case 6: // enormous or non-finite numbers in place of a number
            b = replaceNumber(b, with: rng.pick(["1e308", "1e999", "-1e400", "NaN", "inf", "-inf", "99999999999999999999999", "1e-400", "nan", ".inf", "0x7fffffffffffffff"]))
        case 7: // deep nesting
            let depth = rng.pick([50, 600, 5000])
            let at = rng.int(below: b.count + 1)
            b.insert(contentsOf: Array(repeating: UInt8(ascii: rng.bernoulli(0.5) ? "[" : "{"), count: depth), at: at)
        case 8: // wrong type: a number or word becomes a list/string/object
            b = replaceNumber(b, with: rng.pick(["\"text\"", "[1, 2]", "{}", "true", "null", "[]", "- a\n- b"]))
        case 9: // swap two lines
            var lines = split(b)
            if lines.count > 1 { lines.swapAt(rng.int(below: lines.count), rng.int(below: lines.count)) }
            b = join(lines)
        case 10: // insert random printable junk
            let junk = (0..<(1 + rng.int(below: 20))).map { _ in UInt8(32 + rng.int(below: 95)) }
            b.insert(contentsOf: junk, at: rng.int(below: b.count + 1))
        default: // several mutations at once
            for _ in 0..<3 { b = mutateOnce(b) }
        }
        return b
    }

    mutating func mutateOnce(_ b: [UInt8]) -> [UInt8] {
        var m = self
        let out = m.mutate(b)
        self = m
        return out
    }

    func split(_ b: [UInt8]) -> [[UInt8]] { b.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init) }
    func join(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined(separator: [UInt8(ascii: "\n")])) }

    /// Replaces the digits of one number found in the text.
    mutating func replaceNumber(_ b: [UInt8], with replacement: String) -> [UInt8] {
        let digitPositions = b.indices.filter { b[$0] >= 48 && b[$0] <= 57 }
        guard !digitPositions.isEmpty else { return b + Array(replacement.utf8) }
        var start = digitPositions[rng.int(below: digitPositions.count)]
        var end = start
        func isNumberByte(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "-") }
        while start > 0 && isNumberByte(b[start - 1]) { start -= 1 }
        while end + 1 < b.count && isNumberByte(b[end + 1]) { end += 1 }
        var out = b
        out.replaceSubrange(start...end, with: Array(replacement.utf8))
        return out
    }
}
