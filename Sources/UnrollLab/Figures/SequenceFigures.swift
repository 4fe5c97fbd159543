import UnrollEngine
import UnrollTasks

extension Experiment {
    /// The figures of any sequence of this task under the current weights and settings (truncated
    /// BPTT included): a generated sequence unrolled like the example on screen.
    public func figures(of sequence: Example, layer: Int = 0, includeReach: Bool = true) throws -> Figures {
        try model.config.validateRun(steps: sequence.length, batch: 1)
        let trace = try Network.forward(model, [sequence])
        let back = Network.backward(model, trace, options: .init(truncation: settings.truncation))
        let l = max(0, min(layer, model.config.layers - 1))
        let flow = GradientFlow.compute(model, trace, layer: l, includeReach: includeReach)
        return Figures(task: task, example: sequence, model: model, trace: trace, backward: back, flow: flow, layer: l,
                       reachComputed: includeReach)
    }
}
