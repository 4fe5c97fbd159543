/// Which panel a claim reads a figure from.
public enum ClaimPanelReference: Sendable, Hashable, CustomStringConvertible {
    /// A bare name: the selected panel.
    case selected
    /// `panel("label")`.
    case label(String)
    /// `panel(2)`, 1-based.
    case position(Int)

    public var description: String {
        switch self {
        case .selected: return "the selected panel"
        case .label(let l): return "panel(\"\(l)\")"
        case .position(let n): return "panel(\(n))"
        }
    }
}

/// One figure a claim reads: which panel and which name (`dh`, `heldout_loss`, …).
public struct ClaimRead: Sendable, Hashable {
    public var panel: ClaimPanelReference
    public var name: String
    public init(panel: ClaimPanelReference, name: String) {
        self.panel = panel
        self.name = name
    }
}

extension ClaimExpression {
    /// The figures the expression reads, found from its syntax alone (so a screen can be checked
    /// for showing them without evaluating anything). Setting words (`lstm`) and the arguments of
    /// `symbol("…")` are not figures.
    public var reads: Set<ClaimRead> {
        var out = Set<ClaimRead>()
        collect(into: &out)
        return out
    }

    private func collect(into out: inout Set<ClaimRead>) {
        switch self {
        case .number, .bool, .text: break
        case .name(let n):
            if !ClaimEvaluator.settingWords.contains(n) { out.insert(ClaimRead(panel: .selected, name: n)) }
        case .index(let base, let subs):
            base.collect(into: &out)
            for s in subs {
                switch s {
                case .at(let e): e.collect(into: &out)
                case .slice(let a, let b): a?.collect(into: &out); b?.collect(into: &out)
                }
            }
        case .field(let base, let name):
            if let ref = base.panelReference {
                out.insert(ClaimRead(panel: ref, name: name))
            } else {
                base.collect(into: &out)
            }
        case .call(let name, let args):
            if name == "symbol" || name == "panel" { return }
            // A figure computed by a call reads as that figure (the screen must show it too).
            if name == "bag_of_words_ceiling" { out.insert(ClaimRead(panel: .selected, name: name)) }
            for a in args { a.value.collect(into: &out) }
        case .unary(_, let e): e.collect(into: &out)
        case .binary(_, let a, let b): a.collect(into: &out); b.collect(into: &out)
        }
    }

    /// `panel("label")` or `panel(n)` written with a literal argument.
    public var panelReference: ClaimPanelReference? {
        guard case .call("panel", let args) = self, args.count == 1, args[0].label == nil else { return nil }
        switch args[0].value {
        case .text(let t): return .label(t)
        case .number(let n) where n == n.rounded() && n >= 1 && n <= 4: return .position(Int(n))
        default: return nil
        }
    }

    /// Calls to `panel(…)` whose argument is not a literal label or position 1–4.
    public var malformedPanelCalls: Int {
        var count = 0
        func walk(_ e: ClaimExpression) {
            switch e {
            case .number, .bool, .text, .name: break
            case .index(let b, let subs):
                walk(b)
                for s in subs {
                    switch s {
                    case .at(let x): walk(x)
                    case .slice(let a, let c): a.map(walk); c.map(walk)
                    }
                }
            case .field(let b, _): walk(b)
            case .call(let name, let args):
                if name == "panel" && e.panelReference == nil { count += 1 }
                args.forEach { walk($0.value) }
            case .unary(_, let x): walk(x)
            case .binary(_, let a, let b): walk(a); walk(b)
            }
        }
        walk(self)
        return count
    }
}
