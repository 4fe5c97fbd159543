import Foundation
import UnrollIO

/// A model, one input sequence and optionally a short training run, in the `unroll-case/1`
/// format (the reference cases computed by PyTorch).
public struct ReferenceCase: Sendable {
    public var name: String
    public var model: Model
    public var initialState: RecurrentState
    public var example: Example
    public var training: TrainingSpec?
    /// The `expected` object, when the file carries one (as parsed JSON).
    public var expected: [String: Any]? { expectedBox?.value }
    var expectedBox: UncheckedBox?

    /// A case's `train` block.
    public struct TrainingSpec: Sendable {
        public var optimizer: OptimizerSettings
        public var steps: Int
        public var clipping: GradientClipping
    }

    final class UncheckedBox: @unchecked Sendable {
        let value: [String: Any]
        init(_ value: [String: Any]) { self.value = value }
    }
}

/// A malformed case file: what is wrong and where.
public struct CaseError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
}

extension ReferenceCase {
    /// The largest case file read (JSON of a model at the engine's size limits fits well within it).
    public static let maximumFileSize = 256 << 20

    /// Reads and validates a case file; `-` reads standard input. Anything but a regular file
    /// (a FIFO, a device, a folder, a symlink loop) is refused before it is opened for reading.
    public static func load(path: String) throws -> ReferenceCase {
        let name = path == "-" ? "standard input" : (path as NSString).lastPathComponent
        let read = path == "-" ? RegularFile.readStandardInput(limit: maximumFileSize + 1)
                               : RegularFile.read(path, limit: maximumFileSize + 1)
        let bytes: [UInt8]
        switch read {
        case .success(let b): bytes = b
        case .failure(let e): throw CaseError(file: path == "-" ? "standard input" : path, message: e.message)
        }
        guard bytes.count <= maximumFileSize else {
            throw CaseError(file: path, message: "the file is larger than \(maximumFileSize >> 20) MB")
        }
        do {
            return try parse(data: Data(bytes), fileLabel: name)
        } catch let e as CaseError {
            throw CaseError(file: path == "-" ? "standard input" : path, message: e.message)
        }
    }

    /// Parses case JSON; errors name the key and what is wrong.
    public static func parse(data: Data, fileLabel: String = "case") throws -> ReferenceCase {
        func fail(_ m: String) -> CaseError { CaseError(file: fileLabel, message: m) }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw fail("not valid JSON (\(Self.describeJSONError(error)))")
        }
        guard let obj = root as? [String: Any] else { throw fail("the top level must be a JSON object") }
        let r = CaseReader(obj: obj, fail: fail)
        let format = try r.string("format")
        guard format == "unroll-case/1" else { throw fail("format is '\(format)', expected 'unroll-case/1'") }
        let caseName = (obj["name"] as? String) ?? fileLabel
        let cellName = try r.string("cell")
        guard let cell = CellKind(rawValue: cellName) else {
            throw fail("unknown cell '\(cellName)' (expected rnn, lstm or gru)")
        }
        var activation = Activation.tanh
        if cell == .rnn {
            let a = try r.string("activation")
            guard let act = Activation(rawValue: a) else { throw fail("unknown activation '\(a)' (expected tanh, relu, sigmoid or identity)") }
            activation = act
        }
        let I = try r.size("input_size"), H = try r.size("hidden_size"), O = try r.size("output_size")
        let lossName = try r.string("loss")
        guard let loss = LossKind(rawValue: lossName) else { throw fail("unknown loss '\(lossName)' (expected mse or cross_entropy)") }
        let atName = try r.string("loss_at")
        guard let lossAt = LossAt(rawValue: atName) else { throw fail("unknown loss_at '\(atName)' (expected every_step or last_step)") }
        let config = ModelConfig(cell: cell, activation: activation, inputSize: I, hiddenSize: H, outputSize: O,
                                 loss: loss, lossAt: lossAt)
        do { try config.validate() } catch let e as EngineError { throw fail(e.message) }

        guard let params = obj["params"] as? [String: Any] else { throw fail("missing key 'params' (an object)") }
        let pr = CaseReader(obj: params, fail: fail, prefix: "params.")
        let G = cell.gateCount
        let layer = LayerParameters(W_ih: try pr.matrix("W_ih", rows: G * H, cols: I),
                                    W_hh: try pr.matrix("W_hh", rows: G * H, cols: H),
                                    b_ih: try pr.vector("b_ih", count: G * H),
                                    b_hh: try pr.vector("b_hh", count: G * H))
        let parameters = Parameters(layers: [layer], W_hy: try pr.matrix("W_hy", rows: O, cols: H), b_y: try pr.vector("b_y", count: O))
        let model = Model(config: config, parameters: parameters)

        let h0 = try r.vector("h0", count: H)
        var state = RecurrentState(h: [Matrix(rows: 1, cols: H, data: h0)])
        if cell == .lstm { state.c = [Matrix(rows: 1, cols: H, data: try r.vector("c0", count: H))] }

        let inputs = try r.rows("inputs", cols: I)
        guard !inputs.isEmpty else { throw fail("'inputs' is empty: a sequence needs at least one step") }
        let T = inputs.count
        do { try config.validateRun(steps: T, batch: 1) } catch let e as EngineError { throw fail(e.message) }
        let target: TargetSequence
        switch loss {
        case .mse:
            let t = try r.rows("targets", cols: O)
            guard t.count == T else { throw fail("'targets' has \(t.count) rows for \(T) input steps") }
            target = .values(t)
        case .crossEntropy:
            guard let raw = obj["targets"] as? [Any] else { throw fail("missing key 'targets' (a list of class indices)") }
            guard raw.count == T else { throw fail("'targets' has \(raw.count) entries for \(T) input steps") }
            var classes: [Int] = []
            for (t, v) in raw.enumerated() {
                guard let d = CaseReader.double(v), d.isFinite, d == d.rounded(), d >= 0, d < Double(O) else {
                    throw fail("targets[\(t)] must be a class index in 0…\(O - 1)")
                }
                classes.append(Int(d))
            }
            target = .classes(classes)
        }
        let example = Example(input: .vectors(inputs), target: target)

        var training: TrainingSpec? = nil
        if let train = obj["train"] {
            guard let tr = train as? [String: Any] else { throw fail("'train' must be an object") }
            let t = CaseReader(obj: tr, fail: fail, prefix: "train.")
            let optName = try t.string("optimizer")
            guard let kind = OptimizerKind(rawValue: optName) else {
                throw fail("unknown train.optimizer '\(optName)' (expected sgd, adam, adagrad or rmsprop)")
            }
            // The same ranges as a lesson's `training:` block.
            let lr = try t.number("lr", in: 0...100, lowerOpen: true)
            let steps = try t.size("steps", range: 0...100_000)
            let momentum = try t.optionalNumber("momentum", in: 0...1, upperOpen: true) ?? 0
            let clipNorm = try t.optionalNumber("clip_norm", in: 0...1e6, lowerOpen: true)
            let clipValue = try t.optionalNumber("clip_value", in: 0...1e6, lowerOpen: true)
            training = TrainingSpec(optimizer: OptimizerSettings(kind: kind, learningRate: lr, momentum: momentum),
                                    steps: steps, clipping: GradientClipping(clipNorm: clipNorm, clipValue: clipValue))
        }
        var c = ReferenceCase(name: caseName, model: model, initialState: state, example: example, training: training)
        if let e = obj["expected"] as? [String: Any] { c.expectedBox = UncheckedBox(e) }
        return c
    }

    static func describeJSONError(_ error: Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo["NSDebugDescription"] as? String { return d }
        return ns.localizedDescription
    }
}

/// Typed access to a JSON object with errors naming the key.
struct CaseReader {
    let obj: [String: Any]
    let fail: (String) -> CaseError
    var prefix = ""

    func string(_ key: String) throws -> String {
        guard let v = obj[key] else { throw fail("missing key '\(prefix)\(key)'") }
        guard let s = v as? String else { throw fail("'\(prefix)\(key)' must be a string") }
        return s
    }

    func number(_ key: String) throws -> Double {
        guard let v = obj[key] else { throw fail("missing key '\(prefix)\(key)'") }
        if CaseReader.isBool(v) { throw fail("'\(prefix)\(key)' must be a number, not \(v as? Bool == true ? "true" : "false")") }
        guard let d = CaseReader.double(v), d.isFinite else { throw fail("'\(prefix)\(key)' must be a finite number") }
        return d
    }

    /// A number within `range` (ends excluded when open); the message names the key and the range.
    func number(_ key: String, in range: ClosedRange<Double>, lowerOpen: Bool = false, upperOpen: Bool = false) throws -> Double {
        try check(try number(key), key, range, lowerOpen, upperOpen)
    }

    func optionalNumber(_ key: String) throws -> Double? {
        guard let v = obj[key], !(v is NSNull) else { return nil }
        return try number(key)
    }

    func optionalNumber(_ key: String, in range: ClosedRange<Double>, lowerOpen: Bool = false, upperOpen: Bool = false) throws -> Double? {
        try optionalNumber(key).map { try check($0, key, range, lowerOpen, upperOpen) }
    }

    private func check(_ d: Double, _ key: String, _ range: ClosedRange<Double>, _ lowerOpen: Bool, _ upperOpen: Bool) throws -> Double {
        let aboveLow = lowerOpen ? d > range.lowerBound : d >= range.lowerBound
        let belowHigh = upperOpen ? d < range.upperBound : d <= range.upperBound
        guard aboveLow && belowHigh else {
            let text = "\(lowerOpen ? "(" : "[")\(CaseReader.format(range.lowerBound)), \(CaseReader.format(range.upperBound))\(upperOpen ? ")" : "]")"
            throw fail("'\(prefix)\(key)' = \(CaseReader.format(d)) is out of range \(text)")
        }
        return d
    }

    static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
    }

    /// JSON `true`/`false` (which Foundation hands over as an NSNumber that also reads as 1/0).
    static func isBool(_ v: Any) -> Bool {
        guard let n = v as? NSNumber, ObjectIdentifier(type(of: n)) != ObjectIdentifier(NSNumber.self) else { return false }
        return n.objCType.pointee == 0x63   // "c": how Foundation types a boolean
    }

    func size(_ key: String, range: ClosedRange<Int> = 1...EngineLimits.maxHidden) throws -> Int {
        let d = try number(key)
        guard d == d.rounded(), d >= Double(range.lowerBound), d <= Double(range.upperBound) else {
            throw fail("'\(prefix)\(key)' must be a whole number in \(range.lowerBound)…\(range.upperBound) (got \(d))")
        }
        return Int(d)
    }

    /// A number, or NaN for JSON null (the format's spelling of a non-finite value).
    static func double(_ v: Any) -> Double? {
        if v is NSNull { return .nan }
        if v is String || isBool(v) { return nil }
        if let n = v as? NSNumber { return n.doubleValue }
        return nil
    }

    func vector(_ key: String, count: Int) throws -> [Double] {
        guard let v = obj[key] else { throw fail("missing key '\(prefix)\(key)'") }
        guard let a = v as? [Any] else { throw fail("'\(prefix)\(key)' must be a list of \(count) numbers") }
        guard a.count == count else { throw fail("'\(prefix)\(key)' has \(a.count) values, expected \(count)") }
        return try a.enumerated().map { i, x in
            guard let d = CaseReader.double(x) else { throw fail("'\(prefix)\(key)'[\(i)] is not a number") }
            return d
        }
    }

    func rows(_ key: String, cols: Int) throws -> [[Double]] {
        guard let v = obj[key] else { throw fail("missing key '\(prefix)\(key)'") }
        guard let a = v as? [Any] else { throw fail("'\(prefix)\(key)' must be a list of rows") }
        return try a.enumerated().map { r, row in
            guard let list = row as? [Any] else { throw fail("'\(prefix)\(key)'[\(r)] must be a list of \(cols) numbers") }
            guard list.count == cols else { throw fail("'\(prefix)\(key)'[\(r)] has \(list.count) values, expected \(cols)") }
            return try list.enumerated().map { c, x in
                guard let d = CaseReader.double(x) else { throw fail("'\(prefix)\(key)'[\(r)][\(c)] is not a number") }
                return d
            }
        }
    }

    func matrix(_ key: String, rows: Int, cols: Int) throws -> Matrix {
        let r = try self.rows(key, cols: cols)
        guard r.count == rows else { throw fail("'\(prefix)\(key)' has \(r.count) rows, expected \(rows) (shape \(rows) × \(cols))") }
        return Matrix(rows: rows, cols: cols, data: r.flatMap { $0 })
    }
}
