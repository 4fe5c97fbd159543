import Foundation
import UnrollEngine

/// Seeded mutations of a safetensors file, for robustness tests: bit flips, truncations, edits
/// of the header's text (through `Mutator`) with and without a matching length field, absurd
/// length fields, overlapping and shifted data offsets, enormous shapes, other dtypes,
/// repeated and renamed tensors, and bytes added to the data.
public struct SafeTensorsMutator {
    var rng: SeededRandom
    var text: Mutator

    public init(seed: UInt64) {
        rng = SeededRandom(seed: seed)
        text = Mutator(seed: seed &+ 1)
    }

    /// The header (as bytes) and the data of a file, or nil when the length field does not fit.
    static func split(_ b: [UInt8]) -> (header: [UInt8], data: [UInt8])? {
        guard b.count >= 8 else { return nil }
        var n = 0
        for k in 0..<8 { n |= Int(b[k]) << (8 * k) }
        guard n >= 0, n <= b.count - 8 else { return nil }
        return (Array(b[8..<(8 + n)]), Array(b[(8 + n)...]))
    }

    static func join(_ header: [UInt8], _ data: [UInt8], length: UInt64? = nil) -> [UInt8] {
        let n = length ?? UInt64(header.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * UInt64($0))) } + header + data
    }

    /// One mutated copy of `original` (a kind chosen at random).
    public mutating func mutate(_ original: [UInt8]) -> [UInt8] {
        guard let (header, data) = Self.split(original) else { return original }
        var h = String(decoding: header, as: UTF8.self)
        switch rng.int(below: 13) {
        case 0: // flip bits anywhere
            var b = original
            for _ in 0..<(1 + rng.int(below: 8)) where !b.isEmpty { b[rng.int(below: b.count)] ^= UInt8(1 << rng.int(below: 8)) }
            return b
        case 1: // truncate
            return Array(original.prefix(rng.int(below: original.count)))
        case 2: // edit the header's text, length field kept right
            return Self.join(text.mutate(header), data)
        case 3: // edit the header's text, length field left as it was
            return Self.join(text.mutate(header), data, length: UInt64(header.count))
        case 4: // an absurd length field
            let lengths: [UInt64] = [0, 1, 7, 8, UInt64(max(header.count - 1, 0)), UInt64(header.count + 1), UInt64(original.count),
                                     UInt64.max, 1 << 63, 1 << 32, UInt64(100_000_001), rng.next()]
            return Self.join(header, data, length: rng.pick(lengths))
        case 5: // data offsets copied from another tensor (overlaps), or shifted
            var ranges = Self.matches(h, after: "\"data_offsets\":[")
            guard ranges.count >= 1 else { return original }
            let target = ranges.remove(at: rng.int(below: ranges.count))
            let replacement: String
            if let other = ranges.isEmpty ? nil : rng.pick(ranges), rng.bernoulli(0.5) {
                replacement = String(h[other])
            } else {
                let nums = h[target].split(separator: ",").compactMap { Int($0) }
                guard nums.count == 2 else { return original }
                let d = rng.pick([-16, -8, -2, -1, 1, 2, 8, 16, 1 << 40])
                replacement = rng.bernoulli(0.5) ? "\(nums[0] + d),\(nums[1] + d)" : "\(nums[0]),\(nums[1] + d)"
            }
            h.replaceSubrange(target, with: replacement)
            return Self.join(Array(h.utf8), data)
        case 6: // an enormous, empty or negative shape
            let ranges = Self.matches(h, after: "\"shape\":[")
            guard !ranges.isEmpty else { return original }
            let r = rng.pick(ranges)
            h.replaceSubrange(r, with: rng.pick(["1000000,1000000", "18446744073709551615", "0", "4294967296,4294967296,4294967296",
                                               "-1", "", "2.5", "1e3", "3,3,3", "250000001"]))
            return Self.join(Array(h.utf8), data)
        case 7: // another dtype
            for dtype in ["\"F64\"", "\"F32\"", "\"F16\"", "\"BF16\""] where h.contains(dtype) {
                if let r = h.range(of: dtype) {
                    h.replaceSubrange(r, with: rng.pick(["\"F32\"", "\"F16\"", "\"BF16\"", "\"F64\"", "\"I64\"", "\"U8\"", "\"BOOL\"", "\"F8_E4M3\"", "\"X\"", "3"]))
                }
                break
            }
            return Self.join(Array(h.utf8), data)
        case 8: // a tensor named twice
            guard let open = h.firstIndex(of: "{"), let end = h.range(of: "]}") else { return original }
            let entry = h[h.index(after: open)..<end.upperBound]
            h.insert(contentsOf: entry + ",", at: h.index(after: open))
            return Self.join(Array(h.utf8), data)
        case 9: // bytes added to or removed from the data
            var d = data
            if rng.bernoulli(0.5) || d.isEmpty {
                d.insert(contentsOf: (0..<(1 + rng.int(below: 16))).map { _ in UInt8(rng.int(below: 256)) }, at: rng.int(below: d.count + 1))
            } else {
                d.remove(at: rng.int(below: d.count))
            }
            return Self.join(header, d)
        case 10: // a tensor renamed: reversed, projected, another layer, no prefix, an unknown role
            let names = Self.matches(h, after: "\"", before: "\":{")
            guard !names.isEmpty else { return original }
            let r = rng.pick(names)
            let old = String(h[r])
            let renamed = rng.pick([old + "_reverse", old.replacingOccurrences(of: "_ih_", with: "_hr_"),
                                    old.replacingOccurrences(of: "_l0", with: "_l7"), String(old.split(separator: ".").last ?? ""),
                                    "other." + old, old.replacingOccurrences(of: "weight", with: "running_mean"), "", "__metadata__"])
            h.replaceSubrange(r, with: renamed)
            return Self.join(Array(h.utf8), data)
        case 11: // the values made non-finite or huge
            var d = data
            for _ in 0..<(1 + rng.int(below: 4)) where d.count >= 8 {
                let at = rng.int(below: d.count - 7)
                let v = rng.pick([Double.nan, .infinity, -.infinity, 1e308, -1e308, .leastNonzeroMagnitude])
                for k in 0..<8 { d[at + k] = UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt64(k))) }
            }
            return Self.join(header, d)
        default: // several at once
            var b = original
            for _ in 0..<3 { b = mutate(b) }
            return b
        }
    }

    /// The ranges between each `after` and the next `before` (or `]`) in `s`.
    static func matches(_ s: String, after: String, before: String = "]") -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var from = s.startIndex
        while let a = s.range(of: after, range: from..<s.endIndex) {
            guard let b = s.range(of: before, range: a.upperBound..<s.endIndex) else { break }
            out.append(a.upperBound..<b.lowerBound)
            from = b.upperBound
        }
        return out
    }
}
