import Foundation

/// A small terminal for the tests: a grid of characters with their SGR state, fed with exactly the
/// sequences `unroll` emits (CUP `ESC[r;cH`, ED 2 `ESC[2J`, SGR `ESC[…m`, DECTCEM `ESC[?25l/h`),
/// plain characters, and newlines (as in `render --color`, where a newline starts the next row).
/// Anything else is an error, so a new sequence in the output cannot slip past unread.
struct ANSIScreen {
    struct Cell: Equatable {
        var char: Unicode.Scalar = " "
        /// The SGR parameters in force, normalised (e.g. "1;38;5;45").
        var sgr: String = ""
    }

    struct UnknownSequence: Error, CustomStringConvertible {
        var text: String
        var description: String { "unknown escape sequence \(text.debugDescription)" }
    }

    let width: Int
    let height: Int
    private(set) var cells: [Cell]
    private var row = 0, col = 0
    private var sgr = ""

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Cell(), count: width * height)
    }

    /// The screen's text, one line a row.
    var lines: [String] {
        (0..<height).map { y in String(String.UnicodeScalarView(cells[(y * width)..<(y * width + width)].map(\.char))) }
    }

    mutating func feed(_ text: String) throws {
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "\u{1B}" {
                guard i + 1 < s.count, s[i + 1] == "[" else { throw UnknownSequence(text: String(String.UnicodeScalarView(s[i...].prefix(8)))) }
                var j = i + 2
                var params = ""
                while j < s.count, !(0x40...0x7E).contains(s[j].value) { params.unicodeScalars.append(s[j]); j += 1 }
                guard j < s.count else { throw UnknownSequence(text: String(String.UnicodeScalarView(s[i...]))) }
                let final = s[j]
                switch final {
                case "H":
                    let p = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 1 }
                    row = max(0, (p.first ?? 1) - 1)
                    col = max(0, (p.count > 1 ? p[1] : 1) - 1)
                case "J" where params == "2":
                    for k in cells.indices { cells[k] = Cell(char: " ", sgr: sgr) }
                case "m":
                    sgr = Self.normalise(params)
                case "l" where params == "?25", "h" where params == "?25":
                    break
                default:
                    throw UnknownSequence(text: "ESC[" + params + String(final))
                }
                i = j + 1
                continue
            }
            if c == "\n" { row += 1; col = 0; i += 1; continue }
            if c.value < 0x20 { throw UnknownSequence(text: String(c)) }
            if row < height && col < width { cells[row * width + col] = Cell(char: c, sgr: sgr) }
            col += 1
            i += 1
        }
    }

    /// SGR parameters after their leading reset: "0;1;38;5;45" → "1;38;5;45"; "0" → "".
    /// (unroll starts every SGR with a reset, so it is never relative to the one before.)
    static func normalise(_ params: String) -> String {
        var parts = params.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "0" || parts.first == "" { parts.removeFirst() }
        return parts.joined(separator: ";")
    }
}
