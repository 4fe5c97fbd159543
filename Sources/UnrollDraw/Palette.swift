/// Maps semantic colours (scales, NaN, inf, accents) to what a `ColorMode` can show.
public struct Palette: Equatable, Sendable {
    public let mode: ColorMode

    public init(_ mode: ColorMode) { self.mode = mode }

    /// 11-step blue → light grey → red scale for 256 colours.
    static let diverging256: [UInt8] = [19, 26, 33, 75, 153, 254, 224, 217, 203, 160, 88]
    /// Dark → bright sequential scale for 256 colours.
    static let sequential256: [UInt8] = [17, 54, 90, 126, 162, 198, 202, 208, 214, 220, 226, 230]
    /// Sequential scale for 8 colours.
    static let sequential8: [UInt8] = [4, 5, 1, 3]

    /// Number of distinct diverging steps in this mode.
    public var divergingSteps: Int {
        switch mode { case .c256: 11; case .eight: 3; case .monochrome: 1 }
    }

    /// The colour for a value in [−1, 1] (clamped; NaN gives `nan`).
    public func diverging(_ v: Double) -> Color {
        if v.isNaN { return nan }
        let t = min(1, max(-1, v))
        switch mode {
        case .monochrome: return .default
        case .eight: return t < -1.0 / 3 ? .indexed(4) : (t > 1.0 / 3 ? .indexed(1) : .default)
        case .c256:
            let i = Int(((t + 1) / 2 * 10).rounded())
            return .indexed(Palette.diverging256[min(10, max(0, i))])
        }
    }

    /// The colour for a value in [0, 1] on a sequential (dark → bright) scale.
    public func sequential(_ v: Double) -> Color {
        if v.isNaN { return nan }
        let t = min(1, max(0, v))
        let scale: [UInt8]
        switch mode {
        case .monochrome: return .default
        case .eight: scale = Palette.sequential8
        case .c256: scale = Palette.sequential256
        }
        let i = Int((t * Double(scale.count - 1)).rounded())
        return .indexed(scale[min(scale.count - 1, max(0, i))])
    }

    private func pick(_ c256: UInt8, _ c8: UInt8) -> Color {
        switch mode { case .monochrome: .default; case .eight: .indexed(c8); case .c256: .indexed(c256) }
    }

    // Every colour below reads on a dark and on a light background alike (terminals differ):
    // mid-tones, no near-white or pale yellow.
    /// Colour for NaN values.
    public var nan: Color { pick(165, 5) }
    /// Colour for infinite values.
    public var inf: Color { pick(160, 1) }
    /// Colour for ordinary bars.
    public var bar: Color { pick(33, 4) }
    /// Colour for reference lines and bounds.
    public var reference: Color { pick(172, 3) }
    /// Colour for highlights (headings, keys, the cursor).
    public var accent: Color { pick(31, 6) }
    /// Colour for axes, labels and secondary text.
    public var muted: Color { pick(244, 7) }
    /// Colour for inline code.
    public var code: Color { pick(28, 2) }
    /// Colour for good news (passed checks).
    public var good: Color { pick(34, 2) }
    /// Colour for bad news (failed checks).
    public var bad: Color { pick(167, 1) }

    /// Style for secondary text: a muted colour, or dim in monochrome.
    /// (In 8 colours, white would vanish on a light background: dim the default colour instead.)
    public var mutedStyle: Style { mode == .c256 ? Style(fg: muted) : Style(attributes: .dim) }
}
