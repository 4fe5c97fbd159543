import Foundation
import UnrollEngine
import UnrollTasks

/// Every number behind the screen for one sequence, indexed by timestep t (0-based here;
/// lesson claims index from 1).
public struct Figures: Sendable {
    public let config: ModelConfig
    public let steps: Int
    /// Which recurrent layer the per-step figures describe.
    public let layer: Int
    /// The sequence these figures are about.
    public let example: Example
    /// A label per input step (symbol, or value).
    public let inputLabels: [String]
    /// A label per target step ("" where unscored).
    public let targetLabels: [String]
    /// Whether each step is scored.
    public let scored: [Bool]
    /// h_t, T × H.
    public let h: [[Double]]
    /// c_t, T × H (LSTM).
    public let c: [[Double]]?
    /// Each gate after its nonlinearity, T × H, in `config.cell.gateNames` order.
    public let gates: [(name: String, values: [[Double]])]
    /// y_t, T × O.
    public let y: [[Double]]
    /// With attention, α: T × T, row t the weights step t puts on each earlier step s (0 where
    /// s ≥ t); nil without attention.
    public let attention: [[Double]]?
    /// The predicted class name per step (cross-entropy tasks), else nil.
    public let predictions: [String]?
    public let stepLoss: [Double]
    public let loss: Double
    /// ‖dL/dh_t‖ per step.
    public let dh: [Double]
    /// ‖dL/dc_t‖ per step (LSTM).
    public let dc: [Double]?
    /// ‖dL/d gate pre-activation‖, T × G.
    public let gateGradients: [[Double]]
    /// ‖∂s_t/∂s_{t−1}‖ per step.
    public let gain: [Double]
    /// ‖∂s_T/∂s_t‖ per step (meaningful only when `reachComputed`).
    public let reach: [Double]
    /// Whether `reach` was computed (it is skipped while training runs, to keep ticks fast).
    public let reachComputed: Bool
    /// (σ_max·γ)^(T−t) per step.
    public let bound: [Double]
    public let sigmaMax: Double
    public let spectralRadius: Double
    public let gamma: Double
    /// Global gradient norm over all parameters (before any clipping).
    public let gradientNorm: Double
    /// The full gradient, for update previews.
    public let gradients: Parameters
    /// What the diagnostics budget left out (gain/reach NaN outside the steps named), or nil.
    public let diagnosticsNote: String?
    /// The task that reads `example` (names, marks and the rule that says which steps are right).
    public let task: any SequenceTask

    init(task: any SequenceTask, example: Example, model: Model, trace: ForwardTrace, backward: BackwardResult,
         flow: GradientFlow, layer: Int, reachComputed: Bool = true) {
        self.reachComputed = reachComputed
        config = model.config
        self.example = example
        steps = trace.steps
        self.layer = layer
        inputLabels = task.inputLabels(for: example)
        let weights = trace.weights.map { $0[0] }
        scored = weights.map { $0 != 0 }
        var targets: [String] = []
        switch example.target {
        case .values(let v): targets = v.map { $0.map { TaskFormatting.short($0) }.joined(separator: " ") }
        case .classes(let cls):
            let names = task.shape.outputNames ?? []
            targets = cls.map { $0 >= 0 && $0 < names.count ? names[$0] : "\($0)" }
        }
        targetLabels = zip(targets, scored).map { $1 ? $0 : "" }
        h = trace.hiddenStates(layer: layer)
        c = trace.cellStates(layer: layer)
        gates = model.config.cell.gateNames.enumerated().map { (g, name) in (name, trace.gate(g, layer: layer)) }
        y = trace.readouts()
        attention = trace.attentionWeights()
        if model.config.loss == .crossEntropy {
            let names = task.shape.outputNames ?? (0..<model.config.outputSize).map { "\($0)" }
            predictions = y.map { row in
                let k = row.indices.max { row[$0] < row[$1] || ($0 > $1 && row[$0] == row[$1]) } ?? 0
                return k < names.count ? names[k] : "\(k)"
            }
        } else {
            predictions = nil
        }
        stepLoss = trace.stepLoss()
        loss = trace.loss
        dh = backward.hiddenGradientNorms[layer]
        dc = backward.cellGradientNorms?[layer]
        gateGradients = backward.gateGradientNorms[layer]
        gain = flow.stepGains
        reach = flow.reach
        bound = flow.bound
        sigmaMax = flow.sigmaMax
        spectralRadius = flow.spectralRadius
        gamma = flow.gamma
        gradientNorm = backward.globalNorm
        gradients = backward.gradients
        diagnosticsNote = flow.note
        self.task = task
    }

    /// The first padding step: with a mask, the steps after the last scored one only make a short
    /// sequence as long as its batch (nothing they hold reaches the loss). nil: no padding.
    public var paddedFrom: Int? {
        guard let m = example.mask, let last = m.prefix(steps).lastIndex(where: { $0 > 0 }), last < steps - 1 else { return nil }
        return last + 1
    }

    /// True when any state, output or gradient norm is inf or NaN.
    public var hasNonFinite: Bool {
        !(h.allSatisfy { $0.allSatisfy(\.isFinite) } && dh.allSatisfy(\.isFinite) && loss.isFinite)
    }
}

/// Number formatting shared by labels and exports.
public enum TaskFormatting {
    public static func short(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        let a = abs(v)
        if a != 0 && (a < 1e-3 || a >= 1e4) { return String(format: "%.1e", v) }
        return String(format: "%.2f", v)
    }
}
