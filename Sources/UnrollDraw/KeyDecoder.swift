/// Decodes the escape sequences terminals send for special keys and mouse reports, whatever
/// TERM claims: the terminal backend feeds it what curses passes through untranslated (a raw
/// ESC and what follows), and it answers with one key for the whole sequence.
///
/// Recognised (modifier parameters such as `ESC [ 1 ; 5 H` are accepted and ignored):
///
/// | key | sequences |
/// | --- | --- |
/// | arrows | `ESC [ A/B/C/D`, `ESC O A/B/C/D` |
/// | Home | `ESC [ H`, `ESC O H`, `ESC [ 1 ~`, `ESC [ 7 ~` |
/// | End | `ESC [ F`, `ESC O F`, `ESC [ 4 ~`, `ESC [ 8 ~` |
/// | Page Up / Down | `ESC [ 5 ~`, `ESC [ 6 ~` |
/// | F1 | `ESC O P`, `ESC [ 11 ~`, `ESC [ [ A` (Linux console), `ESC [ 1 ; 2 P` |
/// | mouse | X10 `ESC [ M b x y` and SGR `ESC [ < b ; x ; y M/m`: a left press is a click |
///
/// Every other well-formed CSI or SS3 sequence, and Alt+character (`ESC x`), is swallowed whole
/// as `.unknown`, so none of its characters is ever read as a key of its own (`[`, `]`, `1`, `~`).
public enum KeyDecoder {
    /// The outcome for input that starts with ESC.
    public enum Outcome: Equatable, Sendable {
        /// The first `length` scalars form `key` (`.unknown` for a sequence swallowed whole).
        case key(Key, length: Int)
        /// A prefix of a sequence: wait a little for more, then call `finish`.
        case incomplete
    }

    /// The longest sequence considered; anything longer is swallowed as unknown.
    public static let maximumLength = 32

    static let esc: UInt32 = 0x1B

    /// Decodes `input`, whose first scalar must be ESC.
    public static func decode(_ input: [UInt32]) -> Outcome {
        guard input.first == esc else { return .key(.unknown, length: min(1, input.count)) }
        guard input.count >= 2 else { return .incomplete }
        let second = input[1]
        switch second {
        case 0x5B: return csi(input)                      // [
        case 0x4F: return ss3(input)                      // O
        case esc: return .key(.escape, length: 1)         // ESC ESC: the first is a key of its own
        case 0x20...0x7E, 0x80...:                        // Alt+character
            return .key(.unknown, length: 2)
        default:                                          // a control character: ESC, then it
            return .key(.escape, length: 1)
        }
    }

    /// What a lone ESC (or a cut-off sequence) means when no more input came in time.
    public static func finish(_ input: [UInt32]) -> Key {
        input.count <= 1 ? .escape : .unknown
    }

    /// Decodes `input` completely: the keys, with incomplete tails finished. For tests and scripts.
    public static func keys(_ input: [UInt32]) -> [Key] {
        var keys: [Key] = []
        var i = 0
        while i < input.count {
            guard input[i] == esc else { keys.append(plain(input[i])); i += 1; continue }
            let rest = Array(input[i...])
            switch decode(rest) {
            case .key(let k, let n): keys.append(k); i += max(1, n)
            case .incomplete: keys.append(finish(rest)); i = input.count
            }
        }
        return keys
    }

    /// One scalar that is not ESC, as the terminal backend maps it.
    public static func plain(_ v: UInt32) -> Key {
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(v) + 96)))
        case 28: return .ctrl("\\")
        case 0, 29...31: return .unknown
        default:
            guard let s = Unicode.Scalar(v) else { return .unknown }
            return .char(Character(s))
        }
    }

    // MARK: CSI: ESC [ parameters intermediates final

    static func csi(_ input: [UInt32]) -> Outcome {
        if input.count == 2 { return .incomplete }
        let third = input[2]
        if third == 0x4D { return x10Mouse(input) }                     // ESC [ M b x y
        if third == 0x5B {                                              // ESC [ [ A…E: Linux console F1–F5
            guard input.count >= 4 else { return .incomplete }
            return .key(input[3] == 0x41 ? .f1 : .unknown, length: 4)
        }
        var i = 2
        while i < input.count {
            let c = input[i]
            switch c {
            case 0x20...0x3F:                                           // parameters and intermediates
                i += 1
                if i >= maximumLength { return .key(.unknown, length: i) }
            case 0x40...0x7E:                                           // the final byte
                let params = String(decoding: input[2..<i].map { UInt8($0) }, as: UTF8.self)
                return .key(csiKey(params: params, final: c), length: i + 1)
            default:
                // Not part of any sequence: drop what came before it, keep it for the next read.
                return .key(.unknown, length: i)
            }
        }
        return .incomplete
    }

    static func csiKey(params: String, final: UInt32) -> Key {
        if params.hasPrefix("<") { return sgrMouse(params: params.dropFirst(), final: final) }
        // Private parameters ("?", ">", "=") are replies and reports, not keys.
        if let first = params.unicodeScalars.first, first.value >= 0x3C { return .unknown }
        let fields = params.split(separator: ";", omittingEmptySubsequences: false)
        let first = fields.first.flatMap { Int($0) }
        switch final {
        case 0x41: return .up                 // A
        case 0x42: return .down               // B
        case 0x43: return .right              // C
        case 0x44: return .left               // D
        case 0x48: return .home               // H
        case 0x46: return .end                // F
        case 0x50: return first == nil || first == 1 ? .f1 : .unknown      // P: F1 (with modifiers)
        case 0x7E:                            // ~
            switch first {
            case 1, 7: return .home
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case 11: return .f1
            default: return .unknown
            }
        default: return .unknown
        }
    }

    static func x10Mouse(_ input: [UInt32]) -> Outcome {
        guard input.count >= 6 else { return .incomplete }
        let b = Int(input[3]) - 32, x = Int(input[4]) - 33, y = Int(input[5]) - 33
        let leftPress = b >= 0 && b & 3 == 0 && b & (32 | 64) == 0
        return .key(leftPress && x >= 0 && y >= 0 ? .mouseClick(x: x, y: y) : .unknown, length: 6)
    }

    static func sgrMouse(params: Substring, final: UInt32) -> Key {
        let f = params.split(separator: ";").map { Int($0) }
        guard final == 0x4D, f.count == 3, let b = f[0], let x = f[1], let y = f[2] else { return .unknown }
        let leftPress = b & 3 == 0 && b & (32 | 64) == 0
        return leftPress && x >= 1 && y >= 1 ? .mouseClick(x: x - 1, y: y - 1) : .unknown
    }

    // MARK: SS3: ESC O final (some terminals put a modifier digit in between)

    static func ss3(_ input: [UInt32]) -> Outcome {
        var i = 2
        while i < input.count {
            let c = input[i]
            switch c {
            case 0x30...0x3B:                  // a modifier such as ESC O 5 H
                i += 1
                if i >= maximumLength { return .key(.unknown, length: i) }
            case 0x40...0x7E:
                let key: Key
                switch c {
                case 0x41: key = .up
                case 0x42: key = .down
                case 0x43: key = .right
                case 0x44: key = .left
                case 0x48: key = .home
                case 0x46: key = .end
                case 0x50: key = .f1
                case 0x4D: key = .enter         // keypad Enter in application mode
                default: key = .unknown
                }
                return .key(key, length: i + 1)
            default:
                return .key(.unknown, length: i)
            }
        }
        return .incomplete
    }
}
