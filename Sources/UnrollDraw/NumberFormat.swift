#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Compact number formatting without Foundation.
public enum NumberFormat {
    /// About `digits` significant digits; scientific outside [1e-3, 1e5). E.g. `0.25`, `1.5e-7`, `nan`.
    public static func short(_ v: Double, digits: Int = 3) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == 0 { return "0" }
        let d = max(1, min(15, digits))
        let mag = abs(v)
        var e = Int(log10Floor(mag))
        let sign = v < 0 ? "-" : ""
        if e >= -3 && e < 5 {
            let decimals = max(0, d - 1 - e)
            return sign + fixed(mag, decimals: decimals)
        }
        var m = mag / pow10(e)
        let scale = pow10(d - 1)
        m = (m * scale).rounded() / scale
        if m >= 10 { m /= 10; e += 1 }
        return sign + fixed(m, decimals: d - 1) + "e" + (e < 0 ? "-" : "") + String(abs(e))
    }

    /// The most precise rendering of `v` that fits in `width` cells, or nil when no honest one fits
    /// (the caller then draws a glyph and leaves the number to the inspector).
    ///
    /// Rules — a number shown is never a different number:
    /// - `v` is rounded to nearest, to at most `maxDigits` significant digits (fewer when narrow), and
    ///   never more coarsely than its own leading digit: the last digit shown is at or below the place
    ///   of the first significant digit of `v`. So 0.94 is `0.9` (3 cells) but never `0` or `1`,
    ///   −0.99 is `-1.0` (4 cells) or `-0.99` (5) but never `-1`, 8.42e-4 is `8e-4` but never `0.001`.
    /// - The sign and the leading `0.` are always kept (−0.347 → `-0.3` in 4 cells, nil in 3 — never
    ///   `-.3` or `-3`); zeros that carry the precision stay (`-1.0`, `1.0e6` for 999 960).
    /// - An exponent is written `e-4` / `e300` (no `+`) and never dropped; among the renderings with
    ///   the most digits that fit, the shorter wins, then plain decimals (`216`, not `2.16e2`).
    /// - Zero (and −0) is `0`; NaN is `nan`, ±∞ is `inf` / `-inf`, or nil when that does not fit.
    ///
    /// Examples at widths 1…8: −0.347 → nil nil nil `-0.3` `-0.35` `-0.347`…; 216 → nil nil `216`…;
    /// 8.42e-4 → nil nil nil `8e-4` `8e-4` `8.4e-4` `8.42e-4`…; 1e300 → nil×4 then `1e300`.
    public static func fit(_ v: Double, width: Int, maxDigits: Int = 4) -> String? {
        let w = max(0, width)
        if v.isNaN { return w >= 3 ? "nan" : nil }
        if v.isInfinite { let s = v > 0 ? "inf" : "-inf"; return s.count <= w ? s : nil }
        if v == 0 { return w >= 1 ? "0" : nil }
        let sign = v < 0 ? "-" : ""
        let mag = abs(v)
        let e = Int(log10Floor(mag))
        let top = max(1, min(15, maxDigits))
        for d in stride(from: top, through: 1, by: -1) {
            var best: String? = nil
            if let f = fixedDigits(mag, exponent: e, digits: d), f.count + sign.count <= w { best = sign + f }
            if let x = scientificDigits(mag, exponent: e, digits: d, keepZeros: false), x.count + sign.count <= w,
               best.map({ x.count + sign.count < $0.count }) ?? true {
                best = sign + x
            }
            if let b = best { return b }
        }
        return nil
    }

    /// A header read-out with a fixed number of significant digits: plain decimals for
    /// 0.01 ≤ |v| < 10 000 (`0.560`, `0.940`, `216`, `12.3`), an exponent otherwise (`8.42e-4`,
    /// `1.00e-3`, `2.44e4`). Trailing zeros are kept so the precision is visible and a value that
    /// changes while training keeps its width; `nan`, `inf`, `-inf`, `0` as in `fit`. At most
    /// `readoutWidth(digits:)` cells for any exponent above −100.
    public static func readout(_ v: Double, digits: Int = 3) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == 0 { return "0" }
        let d = max(1, min(15, digits))
        let sign = v < 0 ? "-" : ""
        let mag = abs(v)
        let e = Int(log10Floor(mag))
        if e >= -2 && e < 4 {
            var decimals = max(0, d - 1 - e)
            // rounding up into the next decade (9.996 → 10.0) keeps the number of significant digits
            if (mag * pow10(decimals)).rounded() >= pow10(max(d, e + 1)) {
                if e == 3 { return sign + (scientificDigits(mag, exponent: e, digits: d, keepZeros: true) ?? short(mag, digits: d)) }
                decimals = max(0, decimals - 1)
            }
            return sign + fixedPadded(mag, decimals: decimals)
        }
        return sign + (scientificDigits(mag, exponent: e, digits: d, keepZeros: true) ?? short(mag, digits: d))
    }

    /// Cells `readout` needs at most for `digits` significant digits (exponents −99…999).
    public static func readoutWidth(digits: Int = 3) -> Int {
        let d = max(1, min(15, digits))
        return 1 + d + (d > 1 ? 1 : 0) + 4  // sign, digits, point, e-99
    }

    /// Numbers side by side with `separator` between them, never cut: as many whole numbers as fit in
    /// `width` cells (each `short(_, digits:)`), then `…+k` for the k left out (with `ellipsis`).
    /// Empty when not even the first number and the mark fit.
    public static func vector(_ values: [Double], width: Int, digits: Int = 3, separator: String = " ",
                              ellipsis: Character = "…") -> String {
        let parts = values.map { short($0, digits: digits) }
        let sepWidth = separator.count
        var out = ""
        var used = 0
        let full = parts.reduce(0) { $0 + $1.count } + max(0, parts.count - 1) * sepWidth
        if full <= width { return parts.joined(separator: separator) }
        for (i, p) in parts.enumerated() {
            let add = (i == 0 ? 0 : sepWidth) + p.count
            let left = parts.count - i - 1
            let mark = left > 0 ? sepWidth + 1 + 1 + String(left).count : 0
            if used + add + mark <= width {
                out += (i == 0 ? "" : separator) + p
                used += add
                continue
            }
            let rest = parts.count - i
            let tail = String(ellipsis) + "+" + String(rest)
            if used + (i == 0 ? 0 : sepWidth) + tail.count <= width { out += (i == 0 ? "" : separator) + tail }
            return out
        }
        return out
    }

    /// `mag` (> 0, leading digit at 10^exponent) in plain decimals with `digits` significant digits
    /// (all integer digits are kept); trailing zeros removed down to the leading digit's place.
    static func fixedDigits(_ mag: Double, exponent e: Int, digits d: Int) -> String? {
        guard e < 15, e > -16 else { return nil }
        let decimals = max(0, d - 1 - e)
        let keep = max(0, -e)
        var s = fixedPadded(mag, decimals: decimals)
        guard !s.isEmpty else { return nil }
        if decimals > keep {
            var drop = 0
            for ch in s.reversed() { if ch == "0" && drop < decimals - keep { drop += 1 } else { break } }
            s.removeLast(drop)
        }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// `mag` as `m.mmm e x` with `digits` significant digits; zeros beyond the leading digit's place
    /// are removed unless `keepZeros`. Nil when rounding into the next decade leaves no digit at the
    /// value's own leading place (9.6e5 with one digit would be `1e6`).
    static func scientificDigits(_ mag: Double, exponent e: Int, digits d: Int, keepZeros: Bool) -> String? {
        let k = d - 1
        var m = e < -290 ? (mag * pow10(300)) / pow10(e + 300) : mag / pow10(e)
        let scale = pow10(k)
        m = (m * scale).rounded() / scale
        var e2 = e
        var rolled = false
        if m >= 10 { m /= 10; e2 += 1; rolled = true }
        if m < 1 { m = 1 }
        if rolled && k == 0 { return nil }
        var s = fixedPadded(m, decimals: k)
        if !keepZeros {
            let keep = rolled ? 1 : 0
            var drop = 0
            for ch in s.reversed() { if ch == "0" && drop < k - keep { drop += 1 } else { break } }
            s.removeLast(drop)
        }
        if s.hasSuffix(".") { s.removeLast() }
        return s + "e" + (e2 < 0 ? "-" : "") + String(abs(e2))
    }

    /// `v` ≥ 0 rounded to `decimals` places, with all of them written (`0.500`); empty if too large.
    static func fixedPadded(_ v: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let scaled = (v * scale).rounded()
        guard scaled.isFinite, scaled < 9e15 else { return "" }
        var digits = String(Int64(scaled))
        guard decimals > 0 else { return digits }
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        return String(digits.prefix(digits.count - decimals)) + "." + String(digits.suffix(decimals))
    }

    /// A fixed-point rendering with trailing zeros (and a bare point) removed.
    static func fixed(_ v: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let scaled = (v * scale).rounded()
        guard scaled < 9e15 else { return String(Int64(v.rounded())) }
        var digits = String(Int64(scaled))
        guard decimals > 0 else { return digits }
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        var intPart = String(digits.prefix(digits.count - decimals))
        var frac = String(digits.suffix(decimals))
        while frac.last == "0" { frac.removeLast() }
        if intPart.isEmpty { intPart = "0" }
        return frac.isEmpty ? intPart : intPart + "." + frac
    }

    /// The label of a decade: `1e-18`, `1e+0`, `1e+2`.
    public static func decade(_ e: Int) -> String { "1e" + (e < 0 ? "-" : "+") + String(abs(e)) }

    /// 10 raised to an integer power, correctly rounded (0 below 10^-340, inf above 10^308).
    static func pow10(_ e: Int) -> Double {
        if e < -340 { return 0 }
        if e > 308 { return .infinity }
        return powersOfTen[e + 340]
    }

    /// 10^-340 … 10^308, each the double nearest to it (parsed, so not off by repeated rounding).
    private static let powersOfTen: [Double] = (-340...308).map { Double("1e\($0)") ?? 0 }

    /// floor(log10(x)) for positive finite x, exact at powers of ten.
    static func log10Floor(_ x: Double) -> Double {
        var e = Double(Int(Math.log10(x).rounded(.down)))
        if pow10(Int(e) + 1) <= x { e += 1 } else if pow10(Int(e)) > x { e -= 1 }
        return e
    }
}

/// Small math helpers (libm only, no Foundation).
enum Math {
    /// Base-10 logarithm.
    @inline(__always) static func log10(_ x: Double) -> Double { _libmLog10(x) }
    /// 10 raised to a real power.
    @inline(__always) static func pow10(_ x: Double) -> Double { _libmPow(10, x) }
}

/// Calls the C library's log10 (kept outside `Math` to avoid name shadowing).
@inline(__always) private func _libmLog10(_ x: Double) -> Double { log10(x) }
/// Calls the C library's pow.
@inline(__always) private func _libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
