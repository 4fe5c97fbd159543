/// A terminal colour: the terminal's default, or an index into the 256-colour table.
public enum Color: Equatable, Hashable, Sendable {
    case `default`
    case indexed(UInt8)

    /// The nearest colour the given mode can show (`.default` in monochrome).
    public func downsampled(to mode: ColorMode) -> Color {
        switch (self, mode) {
        case (.default, _), (_, .c256): return self
        case (.indexed, .monochrome): return .default
        case (.indexed(let n), .eight): return .indexed(Color.nearestBasic(n))
        }
    }

    /// Maps a 256-colour index to one of the 8 basic colours.
    static func nearestBasic(_ n: UInt8) -> UInt8 {
        switch n {
        case 0..<8: return n
        case 8..<16: return n - 8
        case 16..<232:
            let v = Int(n) - 16
            let r = v / 36, g = (v / 6) % 6, b = v % 6
            let hi = max(r, g, b)
            if hi < 2 { return 0 }
            let t = max(2, hi - 1)
            return UInt8((r >= t ? 1 : 0) | (g >= t ? 2 : 0) | (b >= t ? 4 : 0))
        default:
            return n < 238 ? 0 : 7
        }
    }
}

/// Text attributes (bold, dim, reverse, underline).
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let reverse = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)
}

/// Foreground, background and attributes of a cell.
public struct Style: Equatable, Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes

    /// Creates a style; everything defaults to the terminal's normal look.
    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    /// The terminal's normal style.
    public static let plain = Style()

    /// A copy with extra attributes added.
    public func adding(_ a: Attributes) -> Style {
        var s = self; s.attributes.formUnion(a); return s
    }

    /// A copy with another foreground.
    public func fg(_ c: Color) -> Style { var s = self; s.fg = c; return s }

    /// A copy with another background.
    public func bg(_ c: Color) -> Style { var s = self; s.bg = c; return s }

    /// This style with colours reduced to what `mode` can show.
    public func downsampled(to mode: ColorMode) -> Style {
        Style(fg: fg.downsampled(to: mode), bg: bg.downsampled(to: mode), attributes: attributes)
    }
}

/// How many colours the output can use.
public enum ColorMode: Equatable, Hashable, Sendable, CaseIterable {
    case monochrome
    case eight
    case c256

    /// True unless monochrome.
    public var hasColor: Bool { self != .monochrome }
}

extension ColorMode: Comparable {
    private var rank: Int { switch self { case .monochrome: 0; case .eight: 1; case .c256: 2 } }
    /// Orders modes by how many colours they show.
    public static func < (a: ColorMode, b: ColorMode) -> Bool { a.rank < b.rank }
}
