import UnrollEngine

extension Panel {
    /// Lets the model run on its own from the example's prime (its first symbol, its source
    /// string, or its first 20 true values): each output is read back as the next input. The
    /// panel then shows the generated sequence, unrolled with its states, gates and gradients.
    /// Returns the reason when the panel's task cannot generate.
    public mutating func generate(sampling: Sampling) -> String? {
        guard let e = experiment else { return problem ?? "the model could not be built" }
        do {
            let g = try e.generate(sampling: sampling)
            generation = g
            if case .temperature = sampling { samplesDrawn += 1 }
            refresh(full: !isTraining, heldOut: false)
            return nil
        } catch {
            return Panel.describe(error)
        }
    }

    /// Back to the example (the figures of the held-out sequence).
    public mutating func endGeneration() {
        guard generation != nil else { return }
        generation = nil
        refresh(full: !isTraining, heldOut: false)
    }
}
