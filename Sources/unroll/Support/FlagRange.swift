/// Range checks for command-line values, each refusal one line naming the flag, the value and
/// the range (exit 2, bad input). The ranges match the lesson format's where both exist.
enum FlagRange {
    static func whole(_ value: Int, _ flag: String, _ range: ClosedRange<Int>) {
        guard range.contains(value) else {
            fail("\(flag) \(value) is out of range: a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
    }

    /// A finite number in [low, high], or (low, high] when `lowerOpen`.
    static func real(_ value: Double, _ flag: String, _ low: Double, _ high: Double, lowerOpen: Bool = false) {
        let ok = value.isFinite && (lowerOpen ? value > low : value >= low) && value <= high
        guard ok else {
            let range = "\(lowerOpen ? "(" : "[")\(text(low)), \(text(high))]"
            let what = value.isNaN ? "is not a number" : (value.isFinite ? "is out of range" : "is infinite")
            fail("\(flag) \(text(value)) \(what): it must be a number in \(range)")
        }
    }

    static func text(_ d: Double) -> String {
        d.isFinite && d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
    }
}
