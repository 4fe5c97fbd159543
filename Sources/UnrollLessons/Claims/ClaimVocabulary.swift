/// The names and functions claims may use, for checking lessons before any engine runs.
public struct ClaimVocabulary: Sendable, Equatable {
    /// Figures a claim may name (`dh`, `loss`, …).
    public var names: Set<String>
    /// Functions the environment provides (`panel`, `cosine`, …); built-ins are always allowed.
    public var functions: Set<String>

    public init(names: Set<String>, functions: Set<String>) {
        self.names = names
        self.functions = functions
    }

    /// The figure vocabulary documented in `lessons/README.md`, which the engine side provides.
    public static let standard = ClaimVocabulary(
        names: [
            "loss", "dh", "dc", "gain", "reach", "bound", "sigma_max", "radius", "gamma", "T", "H",
            "h", "c", "input_gate", "forget_gate", "candidate", "output_gate", "reset", "update", "new",
            "y", "step_loss", "grad_norm", "update_norm", "scored", "attention",
            // The sequence: inputs, targets, predicted classes, softmax, right or wrong.
            "x", "target", "prediction", "p", "legal", "correct",
            // Running on its own (`f`), and the embedding's similarities.
            "generated", "truth", "gen_error", "first_generated", "similarity", "embedding",
            // Held-out figures of the current weights.
            "heldout_loss", "accuracy", "baseline_loss",
            // The panel's training run, once it has trained.
            "losses", "grad_norms", "update_norms", "dh_first", "iteration", "train_loss",
        ],
        functions: ["panel", "cosine", "symbol", "bag_of_words_ceiling"]
    )

    /// Functions earlier lesson formats had, and what replaced them.
    static let retired: [String: String] = [
        "with": "`with(…)` read a model that is not on screen; show it as a panel (`panel: LABEL | key=value`) and read it with panel(\"LABEL\")",
        "train": "`train(…)` trained a hidden copy; ask for t in `keys:` and read the trained panel with `after:` claims (heldout_loss, accuracy, losses, dh_first, …)",
    ]

    /// Problems with the names a parsed claim uses: unknown figures or functions, with suggestions.
    ///
    /// Bare words given as keyword values (`cell=lstm`) are not checked: the callee decides what they mean.
    public func problems(in parsed: ClaimParser.Parsed) -> [ClaimSyntaxError] {
        var out: [ClaimSyntaxError] = []
        for use in parsed.names where !use.isKeywordValue {
            if use.isCall {
                if ClaimBuiltins.names.contains(use.name) || functions.contains(use.name) { continue }
                if let replaced = ClaimVocabulary.retired[use.name] {
                    out.append(ClaimSyntaxError(column: use.column, message: replaced))
                    continue
                }
                let hint = Suggestions.hint(for: use.name, among: Array(functions) + Array(ClaimBuiltins.names), quote: "`")
                out.append(ClaimSyntaxError(column: use.column, message: "unknown function `\(use.name)`" + (hint.isEmpty ? "" : " (\(hint))")))
            } else {
                if names.contains(use.name) || ClaimEvaluator.settingWords.contains(use.name) { continue }
                if ClaimBuiltins.names.contains(use.name) || functions.contains(use.name) {
                    out.append(ClaimSyntaxError(column: use.column, message: "`\(use.name)` is a function; call it as \(use.name)(…)"))
                    continue
                }
                let hint = Suggestions.hint(for: use.name, among: Array(names), quote: "`")
                out.append(ClaimSyntaxError(column: use.column, message: "unknown name `\(use.name)`" + (hint.isEmpty ? "" : " (\(hint))")))
            }
        }
        return out
    }
}
