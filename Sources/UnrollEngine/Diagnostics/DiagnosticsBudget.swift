import Foundation

/// How much memory and work the Jacobian diagnostics (`GradientFlow`) may spend on one sequence.
///
/// Every buffer they allocate grows with n² (n = H, or 2H for LSTM) and their work with T·n²
/// (gains) and T·n³ (reach products), so a model inside the engine's size limits can ask for
/// hours of work. The plan keeps what fits: all of it, or the last steps (the reach of step t
/// needs every Jacobian after t), or nothing when one n × n buffer is over the memory limit, and
/// says which in `note`.
public struct DiagnosticsBudget: Sendable, Equatable {
    /// Operations (multiply-adds, roughly) one computation may spend.
    public var work: Double
    /// Bytes the Jacobian and Lanczos buffers may take.
    public var bytes: Int

    public init(work: Double, bytes: Int) {
        self.work = work
        self.bytes = bytes
    }

    /// The screen and lesson claims: about a second on a 2-core machine (≈ 3.5e9 operations/s).
    public static let interactive = DiagnosticsBudget(work: 4e9, bytes: 1 << 30)
    /// Command-line runs (`unroll trace`): about ten seconds.
    public static let batch = DiagnosticsBudget(work: 3e10, bytes: 2 << 30)
    /// No limit (tests of the arithmetic).
    public static let unlimited = DiagnosticsBudget(work: .infinity, bytes: .max)

    /// Which steps to compute.
    public struct Plan: Sendable, Equatable {
        /// Gains are computed for steps gainStart..<T.
        public var gainStart: Int
        /// Reaches are computed for steps reachStart..<T (reachStart ≥ gainStart).
        public var reachStart: Int
        /// False: not even one step's buffers fit; no gain or reach is computed.
        public var fitsInMemory: Bool
        /// Whether ρ(W_hh) (40 squarings of an H × H matrix) fits in the budget.
        public var includesRadius: Bool
        public var note: String?
    }

    /// The bytes the diagnostics of one layer allocate: the Jacobian, the reach product and its
    /// scratch copy (n² each), and the Lanczos workspace.
    public static func bytesNeeded(n: Int, includeReach: Bool) -> Double {
        let lanczos = Double(min(n, Spectral.maximumLanczosSteps)) * Double(2 * n)
        return 8 * (Double(n) * Double(n) * (includeReach ? 3 : 1) + lanczos)
    }

    public func plan(cell: CellKind, hidden H: Int, steps T: Int, includeReach: Bool) -> Plan {
        let n = Double(cell == .lstm ? 2 * H : H)
        let needed = Self.bytesNeeded(n: Int(n), includeReach: includeReach)
        let radiusWork = 80 * Double(H) * Double(H) * Double(H)
        let includesRadius = radiusWork <= work
        var notes: [String] = []
        if !includesRadius {
            notes.append("ρ(W_hh) not computed for H = \(H) (about \(Self.count(radiusWork)) operations; the limit is \(Self.count(work)))")
        }
        guard needed <= Double(bytes) else {
            notes.insert("gain and reach not computed: one \(Int(n)) × \(Int(n)) state Jacobian with its workspace needs \(Self.size(needed)); the limit is \(Self.size(Double(bytes)))", at: 0)
            return Plan(gainStart: T, reachStart: T, fitsInMemory: false, includesRadius: includesRadius, note: notes.joined(separator: "; "))
        }
        let remaining = max(0, work - (includesRadius ? radiusWork : 0))
        let gain = n <= 16 ? 4 * n * n * n : 64 * n * n
        let reach = includeReach ? (cell == .lstm ? n * n * n / 2 : n * n * n) + 64 * n * n : 0
        let steps = Double(T)
        let full = steps * gain + (steps - 1) * reach
        var gainStart = 0, reachStart = includeReach ? 0 : T
        if full > remaining {
            if steps * gain <= remaining / 2 || !includeReach {
                let g = includeReach ? T : max(1, min(T, Int(remaining / gain)))
                gainStart = T - g
                if includeReach { reachStart = T - max(1, min(T, 1 + Int((remaining - steps * gain) / reach))) }
            } else {
                let w = max(1, min(T, 1 + Int(remaining / (gain + reach))))
                gainStart = T - w
                reachStart = T - w
            }
            let what = includeReach && gainStart == 0 ? "reach" : (includeReach ? "gain and reach" : "gain")
            let covered = T - (what == "gain" ? gainStart : reachStart)
            notes.insert("\(what) computed for the last \(covered) of \(T) steps only (all of them: about \(Self.count(full)) operations; the limit is \(Self.count(remaining)))", at: 0)
        }
        return Plan(gainStart: gainStart, reachStart: reachStart, fitsInMemory: true, includesRadius: includesRadius,
                    note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    static func count(_ x: Double) -> String {
        x.isFinite ? String(format: "%.1e", x) : "∞"
    }

    static func size(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }
}
