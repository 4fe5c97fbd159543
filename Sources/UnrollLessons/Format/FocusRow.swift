/// A row of the lesson screen that a page can highlight with `focus:`.
public enum FocusRow: String, CaseIterable, Sendable, Codable {
    case input, hidden, cell, gates, forget
    /// ‖dL/dc_t‖, the LSTM's cell-state gradient.
    case cellGradient = "cell_gradient"
    case inputGate = "input_gate"
    case candidate
    case outputGate = "output_gate"
    case reset, update, new, output, target, probability, attention, generation, embedding, loss, gradient, gain, bound, reach, inspector, training, compare
}
