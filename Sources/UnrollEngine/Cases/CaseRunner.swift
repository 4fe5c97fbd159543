/// Runs a reference case through the engine and reports what `expected` holds.
public enum CaseRunner {
    /// Forward, BPTT, diagnostics and (with `train`) the training run, as one JSON object
    /// with the keys and shapes of the format's `expected`.
    public static func run(_ c: ReferenceCase) throws -> JSONValue {
        let model = c.model
        let cfg = model.config
        let trace = try Network.forward(model, [c.example], initialState: c.initialState)
        let back = Network.backward(model, trace)
        let flow = GradientFlow.compute(model, trace, includeReach: false, budget: .batch)
        var out: [(String, JSONValue)] = []
        out.append(("loss", .number(trace.loss)))
        out.append(("h", .matrix(trace.hiddenStates())))
        if let cs = trace.cellStates() { out.append(("c", .matrix(cs))) }
        out.append(("y", .matrix(trace.readouts())))
        if cfg.cell != .rnn {
            var gates: [(String, JSONValue)] = []
            for (g, sym) in cfg.cell.gateSymbols.enumerated() { gates.append((sym, .matrix(trace.gate(g)))) }
            out.append(("gates", .object(gates)))
        }
        out.append(("grads", gradientObject(back.gradients)))
        out.append(("dh_norms", .vector(back.hiddenGradientNorms[0])))
        if let dc = back.cellGradientNorms { out.append(("dc_norms", .vector(dc[0]))) }
        out.append(("state_jacobian_norms", .vector(flow.stepGains)))
        if let spec = c.training {
            var trainer = Trainer(model: model, optimizer: Optimizer(spec.optimizer), clipping: spec.clipping)
            let losses = try trainer.run(examples: [c.example], initialState: c.initialState, steps: spec.steps)
            out.append(("train_losses", .vector(losses)))
        }
        // Only when the budget left something out (state_jacobian_norms is null there).
        if let note = flow.note { out.append(("notes", .array([.string(note)]))) }
        return .object(out)
    }

    /// Gradients keyed as the format's `params`.
    static func gradientObject(_ g: Parameters) -> JSONValue {
        let l = g.layers[0]
        return .object([
            ("W_ih", .matrix(l.W_ih)), ("W_hh", .matrix(l.W_hh)),
            ("b_ih", .vector(l.b_ih)), ("b_hh", .vector(l.b_hh)),
            ("W_hy", .matrix(g.W_hy)), ("b_y", .vector(g.b_y)),
        ])
    }
}
