import Testing
import UnrollDraw

/// Issue 10, keys whatever TERM says: every common encoding of Home, End, the arrows, Page
/// Up/Down and F1 decodes to its key; an unknown sequence or a mouse report is one key, never
/// `[` or `]` (one Home press in tmux, ESC [ 1 ~, rescaled ρ).
struct KeyDecoderTests {
    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    static let encodings: [(String, Key)] = [
        ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
        ("\u{1B}[H", .home), ("\u{1B}OH", .home), ("\u{1B}[1~", .home), ("\u{1B}[7~", .home),
        ("\u{1B}[F", .end), ("\u{1B}OF", .end), ("\u{1B}[4~", .end), ("\u{1B}[8~", .end),
        ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
        ("\u{1B}OP", .f1), ("\u{1B}[11~", .f1), ("\u{1B}[[A", .f1), ("\u{1B}[1;2P", .f1),
        // Modifiers (Ctrl, Shift, Alt) are accepted and ignored.
        ("\u{1B}[1;5H", .home), ("\u{1B}[1;5F", .end), ("\u{1B}[1;2A", .up), ("\u{1B}[1;3D", .left),
        ("\u{1B}[5;5~", .pageUp), ("\u{1B}[6;2~", .pageDown), ("\u{1B}[1;5~", .home), ("\u{1B}O5H", .home),
        ("\u{1B}[11;2~", .f1),
        // Mouse reports: a left press is a click at 0-based cells; anything else is swallowed.
        ("\u{1B}[M !!", .mouseClick(x: 0, y: 0)), ("\u{1B}[M *+", .mouseClick(x: 9, y: 10)),
        ("\u{1B}[M#!!", .unknown), ("\u{1B}[Ma!!", .unknown),
        ("\u{1B}[<0;12;5M", .mouseClick(x: 11, y: 4)), ("\u{1B}[<0;12;5m", .unknown),
        ("\u{1B}[<64;3;3M", .unknown), ("\u{1B}[<32;3;3M", .unknown),
        // Unknown but well-formed: swallowed whole.
        ("\u{1B}[2~", .unknown), ("\u{1B}[3;5~", .unknown), ("\u{1B}[15~", .unknown), ("\u{1B}[Z", .unknown),
        ("\u{1B}[?1;2c", .unknown), ("\u{1B}OQ", .unknown), ("\u{1B}[[B", .unknown), ("\u{1B}[200~", .unknown),
    ]

    @Test func everyEncodingIsOneKey() {
        for (text, key) in Self.encodings {
            let input = Self.scalars(text)
            #expect(KeyDecoder.decode(input) == .key(key, length: input.count), "\(text.debugDescription)")
            // Every proper prefix waits for more instead of deciding early.
            for n in 1..<input.count {
                #expect(KeyDecoder.decode(Array(input.prefix(n))) == .incomplete, "\(text.debugDescription) cut at \(n)")
            }
        }
    }

    @Test func noSequenceLeaksBracketsOrDigits() {
        // A whole burst as it arrives: nothing but the keys pressed comes out.
        let burst = Self.encodings.map(\.0).joined() + "x"
        let keys = KeyDecoder.keys(Self.scalars(burst))
        #expect(keys == Self.encodings.map(\.1) + [.char("x")])
        #expect(!keys.contains(.char("[")) && !keys.contains(.char("]")) && !keys.contains(.char("~")))
    }

    @Test func escapeAltAndControlCharacters() {
        #expect(KeyDecoder.decode([0x1B]) == .incomplete)
        #expect(KeyDecoder.finish([0x1B]) == .escape)
        #expect(KeyDecoder.finish(Self.scalars("\u{1B}[1")) == .unknown, "a cut-off sequence is swallowed")
        #expect(KeyDecoder.decode(Self.scalars("\u{1B}\u{1B}[A")) == .key(.escape, length: 1))
        #expect(KeyDecoder.decode(Self.scalars("\u{1B}]")) == .key(.unknown, length: 2), "Alt+] is not ]")
        #expect(KeyDecoder.decode(Self.scalars("\u{1B}[")) == .incomplete, "ESC [ waits")
        #expect(KeyDecoder.decode(Self.scalars("\u{1B}\r")) == .key(.escape, length: 1))
        // A control character inside a sequence ends it; the character is kept for the next key.
        #expect(KeyDecoder.decode(Self.scalars("\u{1B}[1\r")) == .key(.unknown, length: 3))
        #expect(KeyDecoder.keys(Self.scalars("\u{1B}[1\rq")) == [.unknown, .enter, .char("q")])
        // A runaway sequence is cut at the maximum length.
        let long = Self.scalars("\u{1B}[" + String(repeating: "1", count: 100))
        #expect(KeyDecoder.decode(long) == .key(.unknown, length: KeyDecoder.maximumLength))
        #expect(KeyDecoder.plain(28) == .ctrl("\\"), "Ctrl-\\ in raw mode")
        #expect(KeyDecoder.plain(3) == .ctrl("c"))
    }

    @Test func f1HasAScriptName() throws {
        #expect(try Key.parse(script: "<f1>") == [.f1])
    }
}
