import UnrollEngine

/// The keys of `model:` (also accepted in compare variants and page `set:` lines) and their limits.
enum ModelFields {
    /// Every model key, in the order the documentation lists them.
    static let keys = [
        "cell", "activation", "hidden", "layers", "encoding", "embedding_size", "init", "radius",
        "weight_scale", "forget_bias", "peepholes", "dropout", "attention", "seed",
    ]

    static let hiddenRange = 1...1024
    static let layerRange = 1...8
    static let seedRange = 0...(1 << 53)

    /// Sets one field of `override` from its written value.
    static func apply(_ key: String, _ raw: String, to o: inout ModelOverride) throws(ValueProblem) {
        switch key {
        case "cell": o.cell = try ValueParsing.enumeration(raw, "cell", as: CellKind.self)
        case "activation": o.activation = try ValueParsing.enumeration(raw, "activation", as: Activation.self)
        case "hidden": o.hidden = try ValueParsing.integer(raw, "hidden", hiddenRange)
        case "layers": o.layers = try ValueParsing.integer(raw, "layers", layerRange)
        case "encoding": o.encoding = try ValueParsing.enumeration(raw, "encoding", as: InputEncoding.self)
        case "embedding_size": o.embeddingSize = try ValueParsing.integer(raw, "embedding_size", hiddenRange)
        case "init": o.initScheme = try ValueParsing.enumeration(raw, "init", as: InitScheme.self)
        case "radius": o.radius = try ValueParsing.real(raw, "radius", 0, 100)
        case "weight_scale": o.weightScale = try ValueParsing.real(raw, "weight_scale", 0, 100)
        case "forget_bias": o.forgetBias = try ValueParsing.real(raw, "forget_bias", -100, 100)
        case "peepholes": o.peepholes = try ValueParsing.boolean(raw, "peepholes")
        case "dropout": o.dropout = try ValueParsing.real(raw, "dropout", 0, 1, upperOpen: true)
        case "attention": o.attention = try ValueParsing.boolean(raw, "attention")
        case "seed": o.seed = try ValueParsing.integer(raw, "seed", seedRange)
        default: throw ValueProblem("unknown model key `\(key)`")
        }
    }
}

/// The keys of `training:` and their limits.
enum TrainingFields {
    static let keys = ["optimizer", "lr", "steps", "batch", "clip", "clip_value", "truncate", "momentum", "loss", "loss_at"]

    static let stepRange = 0...1_000_000

    /// The keys a page's `set:` or a panel may change (the loss is the task's, for every panel).
    static let overridableKeys = ["optimizer", "lr", "steps", "batch", "clip", "clip_value", "truncate", "momentum"]

    /// Sets one field of a page or panel override from its written value (`clip=off` switches it off).
    static func apply(_ key: String, _ raw: String, to o: inout TrainingOverride) throws(ValueProblem) {
        let off = raw.trimmingSpaces.lowercased() == "off"
        switch key {
        case "optimizer": o.optimizer = try ValueParsing.enumeration(raw, "optimizer", as: OptimizerKind.self)
        case "lr": o.lr = try ValueParsing.real(raw, "lr", 0, 100, lowerOpen: true)
        case "steps": o.steps = try ValueParsing.integer(raw, "steps", stepRange)
        case "batch": o.batch = try ValueParsing.integer(raw, "batch", 1...4096)
        case "clip": o.clip = off ? .off : .on(try ValueParsing.real(raw, "clip", 0, 1e6, lowerOpen: true))
        case "clip_value": o.clipValue = off ? .off : .on(try ValueParsing.real(raw, "clip_value", 0, 1e6, lowerOpen: true))
        case "truncate": o.truncate = off ? .off : .on(try ValueParsing.integer(raw, "truncate", 1...10_000))
        case "momentum": o.momentum = try ValueParsing.real(raw, "momentum", 0, 1, upperOpen: true)
        default: throw ValueProblem("unknown training key `\(key)`")
        }
    }

    /// Sets one field of `spec` from its written value (`clip: off` clears clipping).
    static func apply(_ key: String, _ raw: String, to spec: inout TrainingSpec) throws(ValueProblem) {
        let off = raw.trimmingSpaces.lowercased() == "off"
        switch key {
        case "optimizer": spec.optimizer = try ValueParsing.enumeration(raw, "optimizer", as: OptimizerKind.self)
        case "lr": spec.lr = try ValueParsing.real(raw, "lr", 0, 100, lowerOpen: true)
        case "steps": spec.steps = try ValueParsing.integer(raw, "steps", stepRange)
        case "batch": spec.batch = try ValueParsing.integer(raw, "batch", 1...4096)
        case "clip": spec.clip = off ? nil : try ValueParsing.real(raw, "clip", 0, 1e6, lowerOpen: true)
        case "clip_value": spec.clipValue = off ? nil : try ValueParsing.real(raw, "clip_value", 0, 1e6, lowerOpen: true)
        case "truncate": spec.truncate = off ? nil : try ValueParsing.integer(raw, "truncate", 1...10_000)
        case "momentum": spec.momentum = try ValueParsing.real(raw, "momentum", 0, 1, upperOpen: true)
        case "loss": spec.loss = try ValueParsing.enumeration(raw, "loss", as: LossKind.self)
        case "loss_at": spec.lossAt = try ValueParsing.enumeration(raw, "loss_at", as: LossAt.self)
        default: throw ValueProblem("unknown training key `\(key)`")
        }
    }
}

/// Limits applied to well-known task settings before the task catalogue sees them.
enum TaskFields {
    static let lengthRange = 1...10_000

    static func check(_ key: String, _ value: LessonScalar) throws(ValueProblem) {
        switch key {
        case "length", "min_length", "max_length":
            guard case .integer(let n) = value else {
                throw ValueProblem("\(key) must be a whole number between 1 and 10000 (got \(value))")
            }
            guard lengthRange.contains(n) else { throw ValueProblem("\(key) must be between 1 and 10000 (got \(n))") }
        default: break
        }
    }
}
