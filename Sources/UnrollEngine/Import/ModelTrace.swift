/// What `unroll trace --model` prints: one JSON object with the forward pass and BPTT of an
/// imported model on one sequence.
///
///     loss        L (null without a target)
///     y           T × O read-outs (logits for cross-entropy)
///     h, c        T × H states of the top layer (c for LSTM)
///     gates       the top layer's gates after their nonlinearity, {i,f,g,o} or {r,z,n}, each T × H
///     dh_norms    ‖dL/dh_t‖₂ of the top layer, the total derivative (read-out and later steps)
///     dc_norms    ‖dL/dc_t‖₂ (LSTM)
///     layers      the same keys for every layer, bottom first (the layer above also feeds dL/dh_t)
///     grads       dL/d every tensor of the file, keyed by its name, in its shape
///
/// Without a target, loss, dh_norms, dc_norms and grads are null. Non-finite numbers are null.
public enum ModelTrace {
    public static func run(_ r: ImportedRun) throws -> JSONValue {
        let model = r.model, cfg = model.config
        let trace = try Network.forward(model, [r.example])
        let back = r.hasTarget ? Network.backward(model, trace) : nil

        func layer(_ l: Int) -> [(String, JSONValue)] {
            var out: [(String, JSONValue)] = [("h", .matrix(trace.hiddenStates(layer: l)))]
            if let c = trace.cellStates(layer: l) { out.append(("c", .matrix(c))) }
            if cfg.cell != .rnn {
                out.append(("gates", .object(cfg.cell.gateSymbols.enumerated().map { g, sym in (sym, .matrix(trace.gate(g, layer: l))) })))
            }
            out.append(("dh_norms", back.map { .vector($0.hiddenGradientNorms[l]) } ?? .null))
            if cfg.hasCellState { out.append(("dc_norms", back.flatMap { $0.cellGradientNorms.map { .vector($0[l]) } } ?? .null)) }
            return out
        }

        var out: [(String, JSONValue)] = [("loss", r.hasTarget ? .number(trace.loss) : .null), ("y", .matrix(trace.readouts()))]
        out += layer(cfg.layers - 1)
        out.append(("layers", .array((0..<cfg.layers).map { .object(layer($0)) })))
        if let back {
            out.append(("grads", .object(r.source.tensors(back.gradients).map { ($0.name, .tensor($0.values, shape: $0.shape)) })))
        } else {
            out.append(("grads", .null))
        }
        return .object(out)
    }
}

extension JSONValue {
    /// Row-major `values` nested as `shape` says: a number for [], a list for [n], a list of
    /// rows for [r, c], and so on.
    public static func tensor(_ values: [Double], shape: [Int]) -> JSONValue {
        guard let first = shape.first else { return .number(values.first ?? .nan) }
        let rest = Array(shape.dropFirst())
        let stride = rest.reduce(1, *)
        if rest.isEmpty { return .vector(values) }
        return .array((0..<first).map { i in .tensor(Array(values[(i * stride)..<((i + 1) * stride)]), shape: rest) })
    }
}
