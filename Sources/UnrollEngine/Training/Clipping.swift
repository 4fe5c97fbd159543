/// Gradient clipping, applied before an update: by global norm first, then by value.
public struct GradientClipping: Equatable, Sendable {
    /// Rescale all gradients together by clipNorm/‖g‖ when the global norm ‖g‖ exceeds it.
    public var clipNorm: Double?
    /// Clamp every gradient entry to ±clipValue.
    public var clipValue: Double?

    public init(clipNorm: Double? = nil, clipValue: Double? = nil) {
        self.clipNorm = clipNorm
        self.clipValue = clipValue
    }

    public static let none = GradientClipping()

    /// Clips in place and returns the global norm measured before clipping.
    @discardableResult
    public func apply(_ g: inout Parameters) -> Double {
        let total = g.globalNorm
        if let maxNorm = clipNorm, total.isFinite, total > maxNorm {
            // Scale by clip_norm/‖g‖ exactly (the reference format's definition; PyTorch's
            // clip_grad_norm_ adds 1e-6 to ‖g‖, a difference of about 1e-6 relative).
            let coefficient = maxNorm / total
            g.forEachTensor { t in for i in 0..<t.count { t[i] *= coefficient } }
        }
        if let v = clipValue {
            g.forEachTensor { t in for i in 0..<t.count { t[i] = min(max(t[i], -v), v) } }
        }
        return total
    }
}
