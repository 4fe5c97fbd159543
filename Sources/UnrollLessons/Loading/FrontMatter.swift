import Yams

/// The set-up part of a lesson, read from the YAML front matter (each part nil when it is missing or broken).
struct FrontMatter {
    var id: String?
    var idLine = 0
    var title: String?
    var summary = ""
    var model: ModelSpec?
    var task: TaskSpec?
    var training = TrainingSpec()
    var compare: [CompareVariant] = []
}

/// Reads YAML front matter into `FrontMatter`, collecting every problem with its line in the real file.
struct FrontMatterReader {
    static let topKeys = ["id", "title", "summary", "model", "task", "training", "compare"]

    let file: String
    /// File line of YAML line 1, minus one.
    let lineOffset: Int
    /// File line to blame for missing fields (the opening `---`).
    let headerLine: Int
    var taskValidator: TaskValidator?
    var errors: [LessonError] = []

    init(file: String, lineOffset: Int, headerLine: Int, taskValidator: TaskValidator?) {
        self.file = file
        self.lineOffset = lineOffset
        self.headerLine = headerLine
        self.taskValidator = taskValidator
    }

    mutating func fail(_ line: Int, _ message: String) {
        errors.append(LessonError(file: file, line: line, message: message))
    }

    func line(of node: Node) -> Int { (node.mark?.line ?? 1) + lineOffset }

    // MARK: YAML

    /// Parses the YAML text, reporting syntax errors at their file line.
    mutating func compose(_ yaml: String) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                var message = "YAML: \(problem)"
                if let context { message += " (\(context.text), from line \(context.mark.line + lineOffset))" }
                fail(mark.line + lineOffset, message)
            case .reader(let problem, let offset, _, let text):
                let line = offset.map { o in 1 + text.utf8.prefix(max(0, o)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } } ?? 1
                fail(line + lineOffset, "YAML: \(problem)")
            default:
                fail(headerLine, "YAML: \(error)")
            }
        } catch {
            fail(headerLine, "YAML: \(error)")
        }
        return nil
    }

    // MARK: Sections

    mutating func read(_ root: Node?) -> FrontMatter {
        var result = FrontMatter()
        var modelOverride = ModelOverride()
        var modelLine = headerLine
        var hasCell = false
        var compareNode: (node: Node, line: Int)?
        let entries = root.map { self.entries(of: $0, section: nil, allowed: FrontMatterReader.topKeys) } ?? []
        var sawTask = false
        for (key, value, keyLine) in entries {
            switch key {
            case "id":
                guard let text = scalarText(value, "id") else { continue }
                if isValidID(text) {
                    result.id = text
                    result.idLine = keyLine
                } else {
                    fail(line(of: value), "id must be lowercase letters, digits, '-' or '_' (at most 64, starting with a letter or digit; got '\(text.prefix(40))')")
                }
            case "title":
                if let text = scalarText(value, "title"), !text.isEmpty { result.title = text }
            case "summary":
                result.summary = scalarText(value, "summary") ?? ""
            case "model":
                modelLine = keyLine
                modelOverride = readModel(value, section: "model", allowLabel: false).override
                hasCell = modelOverride.cell != nil
                let cellWritten = value.mapping?.keys.contains { $0.scalar?.string == "cell" } ?? false
                if !hasCell && !cellWritten && (value.mapping != nil || value.scalar.map(isNull) == true) {
                    fail(keyLine, "missing required field `model.cell`")
                }
            case "task":
                sawTask = true
                result.task = readTask(value, keyLine: keyLine)
            case "training":
                result.training = readTraining(value)
            case "compare":
                compareNode = (value, keyLine)
            default:
                break
            }
        }
        if result.title == nil { fail(titleLine(entries), "missing required field `title`") }
        if !entries.contains(where: { $0.key == "model" }) { fail(headerLine, "missing required field `model.cell`") }
        if !sawTask { fail(headerLine, "missing required field `task.name`") }
        if let cell = modelOverride.cell {
            let model = ModelSpec(cell: cell).applying(modelOverride)
            checkConsistency(model, line: modelLine)
            result.model = model
        }
        if let (node, keyLine) = compareNode {
            result.compare = readCompare(node, keyLine: keyLine, base: result.model)
        }
        return result
    }

    /// Where to report a missing or empty title: the `title:` line if present, else the header.
    private func titleLine(_ entries: [(key: String, value: Node, line: Int)]) -> Int {
        entries.first { $0.key == "title" }?.line ?? headerLine
    }

    private mutating func checkConsistency(_ model: ModelSpec, line: Int) {
        if model.embeddingSize != nil && model.encoding != .embedding {
            fail(line, "embedding_size is only used with `encoding: embedding` (encoding is \(model.encoding.rawValue))")
        }
        if model.dropout > 0 && model.layers < 2 {
            fail(line, "dropout acts between stacked layers; it needs layers ≥ 2 (layers is \(model.layers))")
        }
    }

    /// A `model:` mapping or a compare variant: the override it describes and its label.
    private mutating func readModel(_ node: Node, section: String, allowLabel: Bool) -> (override: ModelOverride, label: String?) {
        var override = ModelOverride()
        var label: String?
        let allowed = allowLabel ? ["label"] + ModelFields.keys : ModelFields.keys
        for (key, value, _) in entries(of: node, section: section, allowed: allowed) {
            guard let raw = scalarText(value, "\(section).\(key)") else { continue }
            if key == "label" {
                label = raw
                continue
            }
            do {
                try ModelFields.apply(key, raw, to: &override)
            } catch {
                fail(line(of: value), error.message)
            }
        }
        return (override, label)
    }

    private mutating func readTraining(_ node: Node) -> TrainingSpec {
        var spec = TrainingSpec()
        for (key, value, _) in entries(of: node, section: "training", allowed: TrainingFields.keys) {
            guard let raw = scalarText(value, "training.\(key)") else { continue }
            do {
                try TrainingFields.apply(key, raw, to: &spec)
            } catch {
                fail(line(of: value), error.message)
            }
        }
        return spec
    }

    private mutating func readTask(_ node: Node, keyLine: Int) -> TaskSpec? {
        guard let mapping = node.mapping else {
            fail(line(of: node), "`task` must be a mapping with a `name` and its settings, e.g. `task: {name: adding, length: 40}`")
            return nil
        }
        var name: String?
        var nameLine = keyLine
        var settings: [String: LessonScalar] = [:]
        var lines: [String: Int] = [:]
        var broken = false
        for (key, value, keyLine) in entries(of: .mapping(mapping), section: "task", allowed: nil) {
            guard let scalar = value.scalar else {
                fail(line(of: value), "task setting `\(key)` must be a single value (number, word or on/off), not a \(value.mapping != nil ? "mapping" : "list")")
                broken = true
                continue
            }
            if isNull(scalar) { continue }
            if key == "name" {
                name = scalar.string.trimmingSpaces
                nameLine = keyLine
                continue
            }
            do {
                let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                let v = try ValueParsing.scalar(scalar.string, quoted: quoted, "task.\(key)")
                try TaskFields.check(key, v)
                settings[key] = v
                lines[key] = keyLine
            } catch {
                fail(line(of: value), error.message)
                broken = true
            }
        }
        guard let name, !name.isEmpty else {
            fail(keyLine, "missing required field `task.name`")
            return nil
        }
        if !broken, let taskValidator {
            for problem in taskValidator(name, settings) {
                fail(problem.key.flatMap { lines[$0] } ?? nameLine, problem.message)
            }
        }
        return TaskSpec(name: name, settings: settings, settingLines: lines, line: nameLine)
    }

    private mutating func readCompare(_ node: Node, keyLine: Int, base: ModelSpec?) -> [CompareVariant] {
        guard let sequence = node.sequence else {
            fail(line(of: node), "`compare` must be a list of 2 to 4 variants, e.g. `- {label: \"LSTM\", cell: lstm}`")
            return []
        }
        let items = Array(sequence)
        if items.count < 2 || items.count > 4 {
            fail(keyLine, "compare needs 2 to 4 variants (got \(items.count))")
        }
        var variants: [CompareVariant] = []
        var labels: [String: Int] = [:]
        for item in items.prefix(4) {
            let itemLine = line(of: item)
            guard item.mapping != nil else {
                fail(itemLine, "a compare variant must be a mapping like `{label: \"RNN tanh\", cell: rnn, activation: tanh}`")
                continue
            }
            let (override, label) = readModel(item, section: "compare", allowLabel: true)
            guard let label, !label.isEmpty else {
                fail(itemLine, "compare variant is missing its `label`")
                continue
            }
            if let first = labels[label] {
                fail(itemLine, "duplicate compare label '\(label)' (first on line \(first))")
            }
            labels[label] = labels[label] ?? itemLine
            if let base {
                let model = base.applying(override)
                checkConsistency(model, line: itemLine)
                variants.append(CompareVariant(label: label, override: override, model: model, line: itemLine))
            }
        }
        return variants
    }

    // MARK: Helpers

    /// The key–value pairs of a mapping, after reporting non-mappings, odd keys, duplicates and unknown keys.
    ///
    /// `allowed == nil` accepts every key.
    private mutating func entries(of node: Node, section: String?, allowed: [String]?) -> [(key: String, value: Node, line: Int)] {
        let place = section.map { " in \($0)" } ?? ""
        guard let mapping = node.mapping else {
            if let scalar = node.scalar, isNull(scalar) { return [] }
            let what = section.map { "`\($0)` must be a mapping of `key: value` lines" } ?? "the front matter must be `key: value` lines"
            fail(line(of: node), what)
            return []
        }
        var out: [(key: String, value: Node, line: Int)] = []
        var seen: [String: Int] = [:]
        for (keyNode, value) in mapping {
            let keyLine = line(of: keyNode)
            guard let key = keyNode.scalar?.string, !key.isEmpty else {
                fail(keyLine, "keys must be plain words\(place)")
                continue
            }
            if let first = seen[key] {
                fail(keyLine, "duplicate key `\(key)`\(place) (first on line \(first))")
                continue
            }
            seen[key] = keyLine
            if let allowed, !allowed.contains(key) {
                let hint = Suggestions.hint(for: key, among: allowed, quote: "`")
                let detail = hint.isEmpty ? "expected one of: \(allowed.joined(separator: ", "))" : hint
                fail(keyLine, "unknown key `\(key)`\(place) (\(detail))")
                continue
            }
            out.append((key, value, keyLine))
        }
        return out
    }

    /// A scalar's text (trimmed), nil for null; reports lists and mappings where one value is expected.
    private mutating func scalarText(_ node: Node, _ name: String) -> String? {
        guard let scalar = node.scalar else {
            fail(line(of: node), "`\(name)` must be a single value, not a \(node.mapping != nil ? "mapping" : "list")")
            return nil
        }
        if isNull(scalar) { return nil }
        return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func isNull(_ scalar: Node.Scalar) -> Bool {
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 64 else { return false }
        func ok(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "0" && c <= "9") }
        return ok(first) && text.unicodeScalars.allSatisfy { ok($0) || $0 == "-" || $0 == "_" }
    }
}
