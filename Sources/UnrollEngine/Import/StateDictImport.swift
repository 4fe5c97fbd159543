/// Maps a PyTorch state_dict (as safetensors) onto the engine's model:
///
///     [nn.Embedding]  →  nn.RNN | nn.LSTM | nn.GRU (num_layers ≥ 1, bias or not)  →  [nn.Linear]
///
/// - The recurrent tensors are found by their last name part (`weight_ih_l0`, `bias_hh_l1`, …;
///   `weight_ih` for an nn.*Cell) under any one prefix. The cell comes from W_hh's shape
///   (G·H) × H: G = 1 RNN, 3 GRU, 4 LSTM. `_reverse` (bidirectional) and `weight_hr`
///   (proj_size) are refused with a message saying so.
/// - Every other tensor belongs to a module `prefix.weight` [+ `prefix.bias`]. A module with a
///   bias is an nn.Linear; the read-out's weight is O × H. An embedding has no bias and is
///   V × I (I = W_ih_l0's columns). Each tensor gets exactly one role; when two readings fit,
///   a module whose name contains "emb" is the embedding; if that does not settle it, the
///   error lists the tensors and names `--readout` and `--embedding`.
/// - Without a read-out the model outputs h itself (y_t = h_t, O = H).
public enum StateDictImport {
    /// Reads a file and maps it (see the type's description).
    public static func load(path: String, options: ImportOptions = ImportOptions()) throws -> ImportedModel {
        try model(from: SafeTensorsFile.read(path: path), fileLabel: path, options: options)
    }

    /// A recurrent tensor's name, split: `prefix.weight_ih_l3_reverse`.
    struct RecurrentName {
        var prefix: String
        var isWeight: Bool
        /// "ih", "hh" or "hr".
        var kind: String
        /// nil for an nn.*Cell's unnumbered names.
        var layer: Int?
        var reverse: Bool

        init?(_ name: String) {
            let (prefix, last) = StateDictImport.split(name)
            var rest = Substring(last)
            if rest.hasPrefix("weight_") { isWeight = true; rest = rest.dropFirst(7) }
            else if rest.hasPrefix("bias_") { isWeight = false; rest = rest.dropFirst(5) }
            else { return nil }
            guard let k = ["ih", "hh", "hr"].first(where: { rest.hasPrefix($0) }) else { return nil }
            kind = k
            rest = rest.dropFirst(2)
            layer = nil
            if rest.hasPrefix("_l") {
                let digits = rest.dropFirst(2).prefix { $0.isASCII && $0.isNumber }
                // PyTorch writes l0, l1, …: no sign, no leading zeros (so l00 cannot alias l0).
                guard !digits.isEmpty, digits.count <= 6, digits == "0" || digits.first != "0", let l = Int(digits) else { return nil }
                layer = l
                rest = rest.dropFirst(2 + digits.count)
            }
            reverse = rest == "_reverse"
            guard rest.isEmpty || reverse else { return nil }
            self.prefix = prefix
        }
    }

    /// "a.b.c" → ("a.b", "c"); "c" → ("", "c").
    static func split(_ name: String) -> (prefix: String, last: String) {
        guard let dot = name.lastIndex(of: ".") else { return ("", name) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// A module outside the recurrent stack: `prefix.weight` and maybe `prefix.bias`.
    struct Module {
        var prefix: String
        var weight: SafeTensor
        var bias: SafeTensor?
        var label: String {
            ImportError.quoted(weight.name) + " " + weight.shapeText + (bias.map { ", " + ImportError.quoted($0.name) + " " + $0.shapeText } ?? "")
        }
    }

    /// Maps the tensors of `file` (named `fileLabel` in errors) onto a model.
    public static func model(from file: SafeTensorsFile, fileLabel: String, options: ImportOptions = ImportOptions()) throws -> ImportedModel {
        func fail(_ m: String) -> ImportError { ImportError(file: fileLabel, m) }
        func q(_ s: String) -> String { ImportError.quoted(s) }
        guard !file.tensors.isEmpty else { throw fail("the file holds no tensors") }
        // A file built in memory (not parsed) must still hold as many values as its shapes say.
        for t in file.tensors {
            let (count, overflow) = t.shape.reduce((1, false)) { acc, d in
                let (p, o) = acc.0.multipliedReportingOverflow(by: d)
                return (p, acc.1 || o || d < 0)
            }
            guard !overflow, count == t.values.count else {
                throw fail("tensor \(q(t.name)) has \(t.values.count) values for shape \(t.shapeText)")
            }
        }

        // 1. The recurrent stack.
        var recurrent: [(tensor: SafeTensor, name: RecurrentName)] = []
        var others: [SafeTensor] = []
        for t in file.tensors {
            if let n = RecurrentName(t.name) { recurrent.append((t, n)) } else { others.append(t) }
        }
        guard !recurrent.isEmpty else {
            let listed = file.tensors.prefix(8).map { q($0.name) }.joined(separator: ", ")
            throw fail("no recurrent layer found: unroll looks for an nn.RNN, nn.LSTM or nn.GRU's weight_ih_l0 and weight_hh_l0 (the file holds \(listed)\(file.tensors.count > 8 ? ", …" : ""))")
        }
        let prefixes = Set(recurrent.map { $0.name.prefix })
        guard prefixes.count == 1, let stackPrefix = prefixes.first else {
            throw fail("the file holds \(prefixes.count) recurrent stacks (\(prefixes.sorted().prefix(4).map { q($0) }.joined(separator: ", "))); unroll shows one nn.RNN, nn.LSTM or nn.GRU")
        }
        let stackName = stackPrefix.isEmpty ? "the recurrent stack" : q(stackPrefix)
        if let r = recurrent.first(where: { $0.name.reverse }) {
            throw fail("\(stackName) is bidirectional (\(q(r.tensor.name))); unroll runs one direction only — bidirectional=True is not supported")
        }
        if let r = recurrent.first(where: { $0.name.kind == "hr" }) {
            throw fail("\(stackName) is an LSTM with a projection (proj_size > 0, \(q(r.tensor.name))); unroll does not support proj_size")
        }
        let numbered = recurrent.filter { $0.name.layer != nil }
        guard numbered.isEmpty || numbered.count == recurrent.count else {
            throw fail("\(stackName) mixes layer-numbered names (weight_ih_l0) with cell names (weight_ih)")
        }
        var byLayer: [Int: [String: SafeTensor]] = [:]
        for (t, n) in recurrent {
            byLayer[n.layer ?? 0, default: [:]][(n.isWeight ? "weight_" : "bias_") + n.kind] = t
        }
        let L = (byLayer.keys.max() ?? 0) + 1
        guard L <= EngineLimits.maxLayers else {
            throw fail("\(stackName) has layer \(L - 1); unroll runs at most \(EngineLimits.maxLayers) layers")
        }
        for l in 0..<L {
            guard let parts = byLayer[l] else { throw fail("\(stackName) has \(L) layers but no tensors for layer \(l)") }
            for key in ["weight_ih", "weight_hh"] where parts[key] == nil {
                throw fail("layer \(l) of \(stackName) has no \(key)\(numbered.isEmpty ? "" : "_l\(l)")")
            }
        }
        let hasBias = byLayer[0]!["bias_ih"] != nil || byLayer[0]!["bias_hh"] != nil
        for l in 0..<L {
            for key in ["bias_ih", "bias_hh"] where (byLayer[l]![key] != nil) != hasBias {
                let suffix = numbered.isEmpty ? "" : "_l\(l)"
                throw fail(hasBias ? "layer \(l) of \(stackName) has no \(key)\(suffix), but other layers have biases (PyTorch's bias flag covers every layer)"
                                   : "layer \(l) of \(stackName) has \(key)\(suffix) but layer 0 has no biases")
            }
        }

        // The cell, from W_hh_l0: (G·H) × H.
        let whh0 = byLayer[0]!["weight_hh"]!
        guard whh0.shape.count == 2, whh0.shape[1] >= 1, whh0.shape[0] >= 1 else {
            throw fail("\(q(whh0.name)) is \(whh0.shapeText); a recurrent weight must be a (gates · H) × H matrix")
        }
        let H = whh0.shape[1]
        let blocks = whh0.shape[0] % H == 0 ? whh0.shape[0] / H : 0
        let cellFromShape: CellKind
        switch blocks {
        case 1: cellFromShape = .rnn
        case 3: cellFromShape = .gru
        case 4: cellFromShape = .lstm
        default:
            throw fail("\(q(whh0.name)) is \(whh0.shapeText): \(whh0.shape[0]) rows for H = \(H) is neither an RNN (H rows), a GRU (3H) nor an LSTM (4H)")
        }
        if let c = options.cell, c != cellFromShape {
            throw fail("--cell \(c.rawValue) needs \(q(whh0.name)) to be [\(c.gateCount * H), \(H)], but it is \(whh0.shapeText) — the shapes say \(cellFromShape.rawValue)")
        }
        let cell = cellFromShape, GH = blocks * H
        guard let wih0 = byLayer[0]!["weight_ih"], wih0.shape.count == 2, wih0.shape[0] == GH, wih0.shape[1] >= 1 else {
            let w = byLayer[0]!["weight_ih"]!
            throw fail("\(q(w.name)) is \(w.shapeText); layer 0 of this \(cell.displayName) (H = \(H)) needs [\(GH), I] with I ≥ 1")
        }
        let I = wih0.shape[1]
        for l in 0..<L {
            let parts = byLayer[l]!
            let expected: [(String, [Int])] = [("weight_ih", [GH, l == 0 ? I : H]), ("weight_hh", [GH, H]), ("bias_ih", [GH]), ("bias_hh", [GH])]
            for (key, shape) in expected {
                guard let t = parts[key] else { continue }
                guard t.shape == shape else {
                    throw fail("\(q(t.name)) is \(t.shapeText); layer \(l) of this \(cell.displayName) (input \(l == 0 ? I : H), H = \(H)) needs \(SafeTensorsFile.shapeText(shape))")
                }
            }
        }

        // 2. The modules around it: every other tensor is `prefix.weight` or `prefix.bias`.
        var moduleParts: [String: (weight: SafeTensor?, bias: SafeTensor?)] = [:]
        var unknown: [SafeTensor] = []
        for t in others {
            let (prefix, last) = split(t.name)
            switch last {
            case "weight": moduleParts[prefix, default: (nil, nil)].weight = t
            case "bias": moduleParts[prefix, default: (nil, nil)].bias = t
            default: unknown.append(t)
            }
        }
        var modules: [Module] = []
        for (prefix, parts) in moduleParts.sorted(by: { $0.key < $1.key }) {
            guard let w = parts.weight else { unknown.append(parts.bias!); continue }
            modules.append(Module(prefix: prefix, weight: w, bias: parts.bias))
        }
        guard unknown.isEmpty else {
            let listed = unknown.prefix(6).map { q($0.name) + " " + $0.shapeText }.joined(separator: ", ")
            throw fail("\(unknown.count == 1 ? "tensor" : "tensors") \(listed)\(unknown.count > 6 ? ", …" : "") \(unknown.count == 1 ? "fits" : "fit") no role: unroll reads an optional nn.Embedding, one nn.RNN/LSTM/GRU and an optional nn.Linear read-out")
        }

        func fitsReadout(_ m: Module) -> Bool {
            m.weight.shape.count == 2 && m.weight.shape[1] == H && m.weight.shape[0] >= 1
                && (m.bias.map { $0.shape == [m.weight.shape[0]] } ?? true)
        }
        func fitsEmbedding(_ m: Module) -> Bool {
            m.bias == nil && m.weight.shape.count == 2 && m.weight.shape[1] == I && m.weight.shape[0] >= 1
        }
        func named(_ flag: String, _ name: String?) throws -> Module? {
            guard let name else { return nil }
            if let m = modules.first(where: { $0.prefix == name || $0.weight.name == name || $0.bias?.name == name }) { return m }
            if recurrent.contains(where: { $0.tensor.name == name }) || name == stackPrefix {
                throw fail("--\(flag) \(q(name)) is part of the recurrent stack")
            }
            let listed = modules.map { q($0.prefix.isEmpty ? $0.weight.name : $0.prefix) }.joined(separator: ", ")
            throw fail("--\(flag) \(q(name)) names no module of the file\(modules.isEmpty ? "" : " (its modules besides the recurrent stack: \(listed))")")
        }
        let readoutFlag = try named("readout", options.readout)
        let embeddingFlag = try named("embedding", options.embedding)
        if let r = readoutFlag, let e = embeddingFlag, r.prefix == e.prefix {
            throw fail("--readout and --embedding name the same module \(q(r.prefix))")
        }
        if let r = readoutFlag, !fitsReadout(r) {
            throw fail("--readout: \(r.label) cannot be the read-out: nn.Linear's weight must be O × \(H) (H) and its bias O")
        }
        if let e = embeddingFlag, !fitsEmbedding(e) {
            throw fail("--embedding: \(e.label) cannot be the embedding: nn.Embedding's weight must be V × \(I) (the input size of \(q(wih0.name))), without a bias")
        }

        // Every assignment that gives each module exactly one role.
        var readings: [(readout: Module?, embedding: Module?)] = []
        let readoutChoices: [Module?] = readoutFlag.map { [$0] } ?? ([nil] + modules.filter(fitsReadout))
        let embeddingChoices: [Module?] = embeddingFlag.map { [$0] } ?? ([nil] + modules.filter(fitsEmbedding))
        for r in readoutChoices {
            for e in embeddingChoices {
                if let r, let e, r.prefix == e.prefix { continue }
                let used = Set([r?.prefix, e?.prefix].compactMap { $0 })
                if modules.allSatisfy({ used.contains($0.prefix) }) { readings.append((r, e)) }
            }
        }
        let listing = modules.map(\.label).joined(separator: "; ")
        guard !readings.isEmpty else {
            if modules.count > 2 {
                throw fail("besides \(stackName) the file holds \(modules.count) modules (\(listing)); unroll reads at most one nn.Embedding before the stack and one nn.Linear after it")
            }
            throw fail("cannot give every tensor a role: the read-out must be O × \(H) (+ bias O), the embedding V × \(I); the file has \(listing) (settle it with --readout NAME / --embedding NAME)")
        }
        // Two readings fit: a module named like an embedding is the embedding.
        func score(_ r: (readout: Module?, embedding: Module?)) -> Int {
            func embLike(_ m: Module) -> Bool { m.prefix.lowercased().contains("emb") }
            return (r.embedding.map { embLike($0) ? 1 : 0 } ?? 0) + (r.readout.map { embLike($0) ? 0 : 1 } ?? 0)
        }
        let best = readings.map(score).max()!
        let chosen = readings.filter { score($0) == best }
        guard chosen.count == 1 else {
            throw fail("the roles are ambiguous: \(listing) could each be the read-out (O × \(H)) or the embedding (V × \(I)); say which with --readout NAME and --embedding NAME")
        }
        let readoutModule = chosen[0].readout, embeddingModule = chosen[0].embedding

        // 3. The configuration and the weights.
        let meta = file.metadata
        func metaValue<T: RawRepresentable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
            guard let raw = meta[key] else { return nil }
            guard let v = T(rawValue: raw) else { throw fail("'__metadata__' has \(key) = \(q(raw)), which unroll does not know") }
            return v
        }
        var activation = Activation.tanh
        if cell == .rnn {
            activation = try options.activation ?? metaValue("unroll.activation", Activation.self) ?? .tanh
            guard activation == .tanh || activation == .relu else {
                throw fail("nn.RNN's nonlinearity is tanh or relu, not \(activation.rawValue)")
            }
        } else if let a = options.activation {
            throw fail("--activation \(a.rawValue) is for nn.RNN; this file holds an \(cell.displayName), whose gates fix their nonlinearities")
        }
        let loss = try options.loss ?? metaValue("unroll.loss", LossKind.self) ?? .mse
        let lossAt = try options.lossAt ?? metaValue("unroll.loss_at", LossAt.self) ?? .everyStep
        let encoding: InputEncoding
        if embeddingModule != nil {
            encoding = .embedding
        } else {
            encoding = try metaValue("unroll.input_encoding", InputEncoding.self) == .oneHot ? .oneHot : .dense
        }
        let readout: Readout = readoutModule == nil ? .identity : (readoutModule!.bias == nil ? .linearNoBias : .linear)
        let O = readoutModule?.weight.shape[0] ?? H
        let config = ModelConfig(cell: cell, activation: activation,
                                 inputSize: embeddingModule?.weight.shape[0] ?? I, hiddenSize: H, outputSize: O, layers: L,
                                 inputEncoding: encoding, embeddingSize: embeddingModule == nil ? 0 : I,
                                 loss: loss, lossAt: lossAt, recurrentBias: hasBias, readout: readout)
        do { try config.validate() } catch let e as EngineError { throw fail(e.message) }

        var bindings: [TensorBinding] = []
        func bind(_ t: SafeTensor, _ role: TensorRole) { bindings.append(TensorBinding(name: t.name, role: role, shape: t.shape)) }
        func matrix(_ t: SafeTensor) -> Matrix { Matrix(rows: t.shape[0], cols: t.shape[1], data: t.values) }
        var layers: [LayerParameters] = []
        let zeros = [Double](repeating: 0, count: GH)
        for l in 0..<L {
            let parts = byLayer[l]!
            let wih = parts["weight_ih"]!, whh = parts["weight_hh"]!
            bind(wih, .inputWeights(layer: l))
            bind(whh, .recurrentWeights(layer: l))
            if let b = parts["bias_ih"] { bind(b, .inputBias(layer: l)) }
            if let b = parts["bias_hh"] { bind(b, .recurrentBias(layer: l)) }
            layers.append(LayerParameters(W_ih: matrix(wih), W_hh: matrix(whh),
                                          b_ih: parts["bias_ih"]?.values ?? zeros, b_hh: parts["bias_hh"]?.values ?? zeros))
        }
        var embedding: Matrix? = nil
        if let e = embeddingModule {
            bind(e.weight, .embedding)
            embedding = matrix(e.weight)
        }
        var parameters = Parameters(layers: layers, embedding: embedding, W_hy: Matrix(rows: O, cols: H),
                                    b_y: [Double](repeating: 0, count: O))
        if let r = readoutModule {
            bind(r.weight, .readoutWeights)
            parameters.W_hy = matrix(r.weight)
            if let b = r.bias {
                bind(b, .readoutBias)
                parameters.b_y = b.values
            }
        }
        parameters.setAbsentTensors(config)
        let model = Model(config: config, parameters: parameters)
        do { try ParameterShapes.check(model) } catch let e as EngineError { throw fail(e.message) }
        bindings.sort { $0.name < $1.name }
        return ImportedModel(file: fileLabel, model: model, bindings: bindings, metadata: meta)
    }
}
