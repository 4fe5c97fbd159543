/// A row of the lesson screen that a page can highlight with `focus:`.
public enum FocusRow: String, CaseIterable, Sendable, Codable {
    case input, hidden, cell, gates, forget
    case inputGate = "input_gate"
    case candidate
    case outputGate = "output_gate"
    case reset, update, new, output, loss, gradient, gain, bound, inspector, training, compare
}
