import Foundation
import UnrollEngine
import UnrollLessons
import UnrollTasks

/// Evaluates lesson claims against a scene: bare names read the selected panel, `panel("label")`
/// or `panel(n)` another panel of the scene. Nothing is computed that the scene does not hold,
/// so a claim can only be about models that are on the page.
public final class SceneClaimEnvironment: ClaimEnvironment, @unchecked Sendable {
    public let scene: Scene
    private var records: [Int: [String: ClaimValue]] = [:]
    private let lock = NSLock()

    public init(_ scene: Scene) {
        self.scene = scene
    }

    public var knownNames: [String] { Array(ClaimVocabulary.standard.names) }

    /// The record of panel `i` (computed once).
    func record(_ i: Int) throws -> [String: ClaimValue] {
        if let r = lock.withLock({ records[i] }) { return r }
        let r = try PanelRecord.record(scene.panels[i])
        lock.withLock { records[i] = r }
        return r
    }

    /// The panel a reference names, or an error listing the panels there are.
    public func panelIndex(_ ref: ClaimPanelReference) throws -> Int {
        let labels = scene.panels.map { "\"\($0.label)\"" }.joined(separator: ", ")
        switch ref {
        case .selected: return scene.selected
        case .label(let l):
            guard let i = scene.index(of: l) else { throw EngineError("no panel \"\(l)\" in this state (panels: \(labels))") }
            return i
        case .position(let n):
            guard n >= 1 && n <= scene.panels.count else { throw EngineError("no panel \(n) in this state (there are \(scene.panels.count): \(labels))") }
            return n - 1
        }
    }

    public func value(named name: String) throws -> ClaimValue? {
        let r = try record(scene.selected)
        if let v = r[name] { return v }
        return try missing(name, panel: scene.selected)
    }

    /// A known figure the panel does not have (yet): say why instead of "unknown name".
    private func missing(_ name: String, panel i: Int) throws -> ClaimValue? {
        let label = scene.panels[i].label
        switch name {
        case "losses", "grad_norms", "update_norms", "dh_first", "iteration", "train_loss":
            throw EngineError("\(name): panel '\(label)' has not trained in this state (the page's keys must include t)")
        case "reach":
            throw EngineError("reach: panel '\(label)' is training, and reach is computed when training stops")
        case "heldout_loss", "accuracy":
            throw EngineError("\(name): \(scene.panels[i].heldOutNote ?? "no held-out figures for panel '\(label)'")")
        case "dc", "c": throw EngineError("\(name): panel '\(label)' is not an LSTM")
        case "embedding": throw EngineError("embedding: panel '\(label)' has no embedding")
        default:
            return ClaimVocabulary.standard.names.contains(name) ? .number(.nan) : nil
        }
    }

    public func call(_ name: String, arguments: [ClaimValue], keywords: [String: ClaimValue]) throws -> ClaimValue? {
        let experiment = scene.panel.experiment
        switch name {
        case "panel":
            guard arguments.count == 1, keywords.isEmpty else { throw EngineError("panel(…) takes one label or position") }
            let ref: ClaimPanelReference
            switch arguments[0] {
            case .text(let t): ref = .label(t)
            case .number(let n) where n == n.rounded(): ref = .position(Int(n))
            default: throw EngineError("panel(…) takes a label in quotes or a position")
            }
            let i = try panelIndex(ref)
            var r = try record(i)
            for known in ClaimVocabulary.standard.names where r[known] == nil {
                // Reading such a field gives the same explanation as a bare name would.
                if let v = try? missing(known, panel: i) { r[known] = v }
            }
            return .record(r)
        case "cosine":
            guard arguments.count == 2, case .vector(let a) = arguments[0], case .vector(let b) = arguments[1], a.count == b.count else {
                throw EngineError("cosine(a, b) needs two vectors of the same length")
            }
            let d = Vector.dot(a, b), n = Vector.norm(a) * Vector.norm(b)
            return .number(n > 0 ? d / n : .nan)
        case "symbol":
            guard arguments.count == 1, case .text(let word) = arguments[0] else {
                throw EngineError("symbol(\"word\") needs one word of the task's vocabulary")
            }
            guard let e = experiment, let names = e.task.shape.input.symbolNames, let k = names.firstIndex(of: word) else {
                throw EngineError("'\(word)' is not in the task's vocabulary")
            }
            return .number(Double(k + 1))
        case "bag_of_words_ceiling":
            if let b = scene.panel.bagOfWordsCeiling { return .number(b) }
            guard let e = experiment else { throw EngineError("bag_of_words_ceiling(): the model could not be built") }
            return .number(try PanelRecord.bagOfWordsCeiling(e))
        default:
            return nil
        }
    }
}
