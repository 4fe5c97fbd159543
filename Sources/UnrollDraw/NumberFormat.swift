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
        // Subnormal magnitudes (a gradient vanished to 1e-310): 10^e underflows to 0 and m is ∞.
        guard m.isFinite else { return sign + "\(mag)" }
        let scale = pow10(d - 1)
        m = (m * scale).rounded() / scale
        if m >= 10 { m /= 10; e += 1 }
        return sign + fixed(m, decimals: d - 1) + "e" + (e < 0 ? "-" : "") + String(abs(e))
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

    /// 10 raised to an integer power.
    static func pow10(_ e: Int) -> Double {
        var r = 1.0
        let n = min(abs(e), 400)
        for _ in 0..<n { r *= 10 }
        return e < 0 ? 1 / r : r
    }

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
}

/// Calls the C library's log10 (kept outside `Math` to avoid name shadowing).
@inline(__always) private func _libmLog10(_ x: Double) -> Double { log10(x) }
