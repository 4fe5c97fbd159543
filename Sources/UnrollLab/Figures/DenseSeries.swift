import UnrollEngine

extension Figures {
    /// The dense inputs, T × I (nil for symbol inputs): the sine's x_t for a line plot, a digit's
    /// pixel rows (pixel / 16) for an image.
    public var denseInputs: [[Double]]? {
        if case .vectors(let v) = example.input { return v }
        return nil
    }

    /// The dense targets, T × O, NaN on unscored steps so a plot leaves a gap (nil for classes).
    public var denseTargets: [[Double]]? {
        guard case .values(let v) = example.target else { return nil }
        return v.enumerated().map { t, row in scored.entry(at: t) == true ? row : row.map { _ in .nan } }
    }
}
