/// RGB values of terminal colours, for pictures of the screen.
public enum TerminalColors {
    /// An sRGB colour.
    public struct RGB: Equatable, Hashable, Sendable {
        public var r: UInt8, g: UInt8, b: UInt8
        public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }
        /// `#rrggbb`.
        public var hex: String {
            let digits = Array("0123456789abcdef")
            var s = "#"
            for v in [r, g, b] { s.append(digits[Int(v >> 4)]); s.append(digits[Int(v & 15)]) }
            return s
        }
    }

    /// The terminal's default foreground and background in the pictures (a dark terminal, the
    /// screen's palette is chosen for one).
    public static let defaultForeground = RGB(0xd0, 0xd0, 0xd0)
    public static let defaultBackground = RGB(0x12, 0x12, 0x12)

    /// xterm's 16 system colours.
    static let system: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The xterm 256-colour palette: 16 system colours, the 6×6×6 cube, 24 greys.
    public static func rgb(_ index: UInt8) -> RGB {
        let n = Int(index)
        if n < 16 { return system[n] }
        if n < 232 {
            let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
            let v = n - 16
            return RGB(levels[v / 36], levels[(v / 6) % 6], levels[v % 6])
        }
        let grey = UInt8(8 + 10 * (n - 232))
        return RGB(grey, grey, grey)
    }

    /// A colour as RGB, `.default` resolved to the given default.
    public static func rgb(_ color: Color, default fallback: RGB) -> RGB {
        switch color {
        case .default: return fallback
        case .indexed(let n): return rgb(n)
        }
    }
}

extension Buffer {
    /// The screen as an SVG picture: one cell per character on a monospace grid, the terminal's
    /// colours (256-colour palette as RGB), bold, dim, underline and reverse. Backgrounds are
    /// one rectangle per run of equal colour; characters are text, one `<text>` per run of equal
    /// style, so the picture is searchable and scales (viewBox). Block elements (▁…█, ░▒▓) are
    /// drawn as rectangles so bars join up whatever the font.
    ///
    /// - Parameters:
    ///   - fontSize: the font size in user units; a cell is 0.6 × it wide and 1.2 × it high.
    ///   - title: the picture's `<title>` (its accessible name).
    public func svg(fontSize: Double = 14, title: String? = nil) -> String {
        let cw = fontSize * 0.6, ch = fontSize * 1.2
        let totalW = Double(width) * cw, totalH = Double(height) * ch
        func n(_ v: Double) -> String {
            let r = (v * 100).rounded() / 100
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        var out = ""
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(totalW))\" height=\"\(n(totalH))\" "
        out += "viewBox=\"0 0 \(n(totalW)) \(n(totalH))\" xml:space=\"preserve\" "
        out += "font-family=\"'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace\" font-size=\"\(n(fontSize))\">\n"
        if let title { out += "<title>\(SVGText.escape(title))</title>\n" }
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(TerminalColors.defaultBackground.hex)\"/>\n"

        // The colours a cell is drawn with: reverse swaps them, dim fades the foreground.
        func colors(_ style: Style) -> (fg: TerminalColors.RGB, bg: TerminalColors.RGB?) {
            var fg = TerminalColors.rgb(style.fg, default: TerminalColors.defaultForeground)
            var bg: TerminalColors.RGB? = style.bg == .default ? nil : TerminalColors.rgb(style.bg, default: TerminalColors.defaultBackground)
            if style.attributes.contains(.reverse) {
                let oldBg = bg ?? TerminalColors.defaultBackground
                bg = fg
                fg = oldBg
            }
            if style.attributes.contains(.dim) {
                let base = bg ?? TerminalColors.defaultBackground
                func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Int(a) * 3 + Int(b) * 2) / 5) }
                fg = TerminalColors.RGB(mix(fg.r, base.r), mix(fg.g, base.g), mix(fg.b, base.b))
            }
            return (fg, bg)
        }

        // Backgrounds: one rectangle per run of equal colour on a row.
        out += "<g shape-rendering=\"crispEdges\">\n"
        for y in 0..<height {
            var x = 0
            while x < width {
                guard let bg = colors(cells[y * width + x].style).bg else { x += 1; continue }
                let start = x
                while x < width, colors(cells[y * width + x].style).bg == bg { x += 1 }
                out += "<rect x=\"\(n(Double(start) * cw))\" y=\"\(n(Double(y) * ch))\" width=\"\(n(Double(x - start) * cw))\" height=\"\(n(ch))\" fill=\"\(bg.hex)\"/>\n"
            }
        }
        // Block elements as rectangles in the foreground colour.
        for y in 0..<height {
            for x in 0..<width {
                let cell = cells[y * width + x]
                guard let block = SVGText.block(cell.scalar) else { continue }
                let fg = colors(cell.style).fg
                let top = Double(y) * ch + ch * (1 - block.height)
                let opacity = block.opacity < 1 ? " fill-opacity=\"\(n(block.opacity))\"" : ""
                out += "<rect x=\"\(n(Double(x) * cw))\" y=\"\(n(top))\" width=\"\(n(cw))\" height=\"\(n(ch * block.height))\" fill=\"\(fg.hex)\"\(opacity)/>\n"
            }
        }
        out += "</g>\n"

        // Text: a run of cells of one style on a row, stretched to exactly its cells.
        let baseline = ch * 0.78
        for y in 0..<height {
            var x = 0
            while x < width {
                let style = cells[y * width + x].style
                let start = x
                var text = String.UnicodeScalarView()
                while x < width, cells[y * width + x].style == style {
                    let s = cells[y * width + x].scalar
                    text.append(SVGText.block(s) == nil ? s : " ")
                    x += 1
                }
                // Leading and trailing blanks need no text.
                var scalars = Array(text)
                var first = 0
                while first < scalars.count, scalars[first] == " " { first += 1 }
                guard first < scalars.count || style.attributes.contains(.underline) else { continue }
                if !style.attributes.contains(.underline) {
                    while scalars.last == " " { scalars.removeLast() }
                } else {
                    first = 0
                }
                let run = String(String.UnicodeScalarView(scalars[first...]))
                let count = scalars.count - first
                let fg = colors(style).fg
                var attrs = "x=\"\(n(Double(start + first) * cw))\" y=\"\(n(Double(y) * ch + baseline))\" fill=\"\(fg.hex)\""
                attrs += " textLength=\"\(n(Double(count) * cw))\""
                if style.attributes.contains(.bold) { attrs += " font-weight=\"bold\"" }
                if style.attributes.contains(.underline) { attrs += " text-decoration=\"underline\"" }
                out += "<text \(attrs)>\(SVGText.escape(run))</text>\n"
            }
        }
        out += "</svg>\n"
        return out
    }
}

/// Helpers for writing SVG text.
enum SVGText {
    /// XML-escaped text.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 allows no control characters but tab, newline and return.
                if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// A block element drawn as a rectangle: its height as a fraction of the cell (from the
    /// bottom) and its opacity (the shades ░▒▓).
    static func block(_ s: Unicode.Scalar) -> (height: Double, opacity: Double)? {
        switch s.value {
        case 0x2581...0x2588: return (Double(s.value - 0x2580) / 8, 1)
        case 0x2591: return (1, 0.25)
        case 0x2592: return (1, 0.5)
        case 0x2593: return (1, 0.75)
        default: return nil
        }
    }
}
