/// Plain-ASCII spellings of the symbols the screens and lessons use, for terminals without UTF-8.
///
/// Rules (applied per character, after which every character is 7-bit ASCII):
/// - Greek letters become their names: `ρ` → `rho`, `σ` → `sigma`, `γ` → `gamma`, `Σ` → `Sigma`.
/// - Math and punctuation: `−` → `-`, `·` → `*`, `×` → `x`, `⊙` → `(.)`, `‖` → `|`, `≤` → `<=`,
///   `≥` → `>=`, `≈` → `~`, `≠` → `!=`, `≪` → `<<`, `≫` → `>>`, `±` → `+-`, `∞` → `inf`,
///   `√` → `sqrt`, `∂` → `d`, `∑` → `sum`, `…`/`⋯` → `...`, `–` → `-`, `—` → `--`, curly quotes → straight.
/// - Arrows: `→` → `->`, `←` → `<-`, `↔` → `<->`, `⇒` → `=>`, `↑` → `^`, `↓` → `v`.
/// - A run of superscripts becomes `^` and the run (`10⁻³` → `10^-3`, `Jᵀ` → `J^T`, `h²` → `h^2`);
///   a run of subscripts becomes `_` and the run (`h₁₂` → `h_12`).
/// - Accented Latin letters lose their accent (`é` → `e`); a combining tilde or circumflex is kept as
///   `~` / `^` after its letter (`c̃` → `c~`); other combining marks, zero-width and bidi controls vanish.
/// - Box drawing and block elements become `-`, `|`, `+`, `#`, `=`, `:`, `.`; anything else is `?`.
public enum ASCIISpelling {
    /// The whole string in ASCII (unchanged if it already is).
    public static func of(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var run: (kind: Script, text: String)? = nil
        var afterGreekName = false
        func flushRun() {
            if let r = run { out += (r.kind == .superscript ? "^" : "_") + r.text }
            run = nil
        }
        for ch in s {
            let scalars = ch.unicodeScalars
            guard let first = scalars.first else { continue }
            if let (kind, base) = script(first), scalars.count == 1 {
                if run?.kind == kind { run?.text.append(base) } else { flushRun(); run = (kind, String(base)) }
                afterGreekName = false
                continue
            }
            flushRun()
            if first.value < 0x80 && scalars.count == 1 {
                // `σmax` → `sigma_max`, not `sigmamax`
                if afterGreekName && first.properties.isAlphabetic { out += "_" }
                afterGreekName = false
                out.unicodeScalars.append(first)
                continue
            }
            if Cell.columnScalar(ch) == nil { continue }
            let spelled = spell(first)
            out += spelled
            afterGreekName = (0x0370...0x03FF).contains(first.value) && spelled.count > 1
            for mark in scalars.dropFirst() {
                switch mark.value {
                case 0x0303: out += "~"
                case 0x0302: out += "^"
                default: break
                }
            }
        }
        flushRun()
        return out
    }

    /// One ASCII character standing for `c` in a single cell (`ρ` → `r`, `─` → `-`, `█` → `#`).
    public static func character(_ c: Character) -> Character {
        guard let first = c.unicodeScalars.first else { return " " }
        if first.value < 0x80 { return c.unicodeScalars.count == 1 ? c : Character(first) }
        guard Cell.columnScalar(c) != nil else { return " " }
        if let single = singleCell[first.value] { return single }
        if let (_, base) = script(first) { return base }
        let spelled = spell(first)
        return spelled.first ?? "?"
    }

    enum Script { case superscript, `subscript` }

    /// The ASCII spelling of one scalar (at least one character, `?` when unknown).
    static func spell(_ s: Unicode.Scalar) -> String {
        let v = s.value
        if v < 0x80 { return String(Character(s)) }
        if let t = table[v] { return t }
        if (0xC0...0xFF).contains(v) { return latin1(v) }
        switch v {
        case 0x2500...0x257F: return String(boxCharacter(v))
        case 0x2580...0x259F: return String(blockCharacter(v))
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        default: return "?"
        }
    }

    /// Accented Latin-1 letters without their accent.
    static func latin1(_ v: UInt32) -> String {
        switch v {
        case 0xC0...0xC5: return "A"
        case 0xC6: return "AE"
        case 0xC7: return "C"
        case 0xC8...0xCB: return "E"
        case 0xCC...0xCF: return "I"
        case 0xD0: return "D"
        case 0xD1: return "N"
        case 0xD2...0xD6, 0xD8: return "O"
        case 0xD7: return "x"
        case 0xD9...0xDC: return "U"
        case 0xDD: return "Y"
        case 0xDE: return "Th"
        case 0xDF: return "ss"
        case 0xE0...0xE5: return "a"
        case 0xE6: return "ae"
        case 0xE7: return "c"
        case 0xE8...0xEB: return "e"
        case 0xEC...0xEF: return "i"
        case 0xF0: return "d"
        case 0xF1: return "n"
        case 0xF2...0xF6, 0xF8: return "o"
        case 0xF7: return "/"
        case 0xF9...0xFC: return "u"
        case 0xFD, 0xFF: return "y"
        case 0xFE: return "th"
        default: return "?"
        }
    }

    static func boxCharacter(_ v: UInt32) -> Character {
        switch v {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x2550, 0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E: return "-"
        case 0x254C, 0x254D: return "~"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x2551, 0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F,
             0x254E, 0x254F: return "|"
        case 0x2571: return "/"
        case 0x2572: return "\\"
        case 0x2573: return "X"
        default: return "+"
        }
    }

    static func blockCharacter(_ v: UInt32) -> Character {
        switch v {
        case 0x2581, 0x2582: return "_"
        case 0x2583, 0x2584: return "."
        case 0x2585, 0x2586: return "-"
        case 0x2587: return "="
        case 0x2591: return "."
        case 0x2592: return ":"
        case 0x2593: return "="
        default: return "#"
        }
    }

    /// Superscript or subscript forms and their base characters.
    static func script(_ s: Unicode.Scalar) -> (Script, Character)? {
        if let b = superscripts[s.value] { return (.superscript, b) }
        if let b = subscripts[s.value] { return (.subscript, b) }
        return nil
    }

    static let superscripts: [UInt32: Character] = [
        0x2070: "0", 0x00B9: "1", 0x00B2: "2", 0x00B3: "3", 0x2074: "4", 0x2075: "5", 0x2076: "6", 0x2077: "7",
        0x2078: "8", 0x2079: "9", 0x207A: "+", 0x207B: "-", 0x207C: "=", 0x207D: "(", 0x207E: ")", 0x207F: "n",
        0x2071: "i", 0x1D40: "T", 0x1D57: "t", 0x1D43: "a", 0x1D47: "b", 0x1D48: "d", 0x1D49: "e", 0x1D4F: "k",
        0x1D50: "m", 0x1D52: "o", 0x1D56: "p", 0x1D58: "u", 0x1D5B: "v", 0x02B0: "h", 0x02B2: "j", 0x02B3: "r",
        0x02E3: "x", 0x02B8: "y", 0x02E1: "l", 0x02E2: "s", 0x1D2C: "A", 0x1D2E: "B", 0x1D30: "D", 0x1D31: "E",
        0x1D33: "G", 0x1D34: "H", 0x1D35: "I", 0x1D36: "J", 0x1D37: "K", 0x1D38: "L", 0x1D39: "M", 0x1D3A: "N",
        0x1D3C: "O", 0x1D3E: "P", 0x1D3F: "R", 0x1D41: "U", 0x1D42: "W",
    ]

    static let subscripts: [UInt32: Character] = [
        0x2080: "0", 0x2081: "1", 0x2082: "2", 0x2083: "3", 0x2084: "4", 0x2085: "5", 0x2086: "6", 0x2087: "7",
        0x2088: "8", 0x2089: "9", 0x208A: "+", 0x208B: "-", 0x208C: "=", 0x208D: "(", 0x208E: ")", 0x2090: "a",
        0x2091: "e", 0x2092: "o", 0x2093: "x", 0x2095: "h", 0x2096: "k", 0x2097: "l", 0x2098: "m", 0x2099: "n",
        0x209A: "p", 0x209B: "s", 0x209C: "t", 0x1D62: "i", 0x2C7C: "j", 0x1D63: "r", 0x1D64: "u", 0x1D65: "v",
    ]

    /// One-cell stand-ins that differ from the first letter of the spelling.
    static let singleCell: [UInt32: Character] = [
        0x2026: "~", 0x22EF: "~", 0x2212: "-", 0x00B7: ".", 0x22C5: ".", 0x2022: "*", 0x2219: ".", 0x2218: "o",
        0x25CB: "o", 0x25CE: "O", 0x25CF: "@", 0x2190: "<", 0x2192: ">", 0x2191: "^", 0x2193: "v", 0x2194: "-",
        0x21D1: "^", 0x21D3: "v", 0x21C8: "^", 0x21CA: "v", 0x2264: "<", 0x2265: ">", 0x226A: "<", 0x226B: ">",
        0x2248: "~", 0x221E: "I", 0x2016: "|", 0x00D7: "x", 0x2299: "o", 0x2014: "-", 0x2013: "-", 0x00BB: ">",
        0x00AB: "<", 0x203A: ">", 0x2039: "<", 0x2713: "v", 0x2717: "x", 0x2502: "|", 0x2500: "-",
    ]

    static let table: [UInt32: String] = [
        // Greek lower case
        0x03B1: "alpha", 0x03B2: "beta", 0x03B3: "gamma", 0x03B4: "delta", 0x03B5: "epsilon", 0x03F5: "epsilon",
        0x03B6: "zeta", 0x03B7: "eta", 0x03B8: "theta", 0x03D1: "theta", 0x03B9: "iota", 0x03BA: "kappa",
        0x03BB: "lambda", 0x03BC: "mu", 0x00B5: "mu", 0x03BD: "nu", 0x03BE: "xi", 0x03BF: "o", 0x03C0: "pi",
        0x03C1: "rho", 0x03C2: "sigma", 0x03C3: "sigma", 0x03C4: "tau", 0x03C5: "upsilon", 0x03C6: "phi",
        0x03D5: "phi", 0x03C7: "chi", 0x03C8: "psi", 0x03C9: "omega",
        // Greek upper case
        0x0391: "Alpha", 0x0392: "Beta", 0x0393: "Gamma", 0x0394: "Delta", 0x0398: "Theta", 0x039B: "Lambda",
        0x039E: "Xi", 0x03A0: "Pi", 0x03A3: "Sigma", 0x03A6: "Phi", 0x03A8: "Psi", 0x03A9: "Omega",
        // Letter-like
        0x2113: "l", 0x2207: "grad", 0x2202: "d", 0x211D: "R", 0x2115: "N", 0x2124: "Z", 0x1D53C: "E",
        // Operators and relations
        0x2212: "-", 0x00B7: "*", 0x22C5: "*", 0x2219: "*", 0x00D7: "x", 0x00F7: "/", 0x2299: "(.)", 0x2218: "o",
        0x2297: "(x)", 0x2295: "(+)", 0x2016: "|", 0x2225: "||", 0x2223: "|", 0x2264: "<=", 0x2265: ">=",
        0x2A7D: "<=", 0x2A7E: ">=", 0x2248: "~", 0x2243: "~=", 0x2245: "~=", 0x223C: "~", 0x2260: "!=",
        0x2261: "==", 0x226A: "<<", 0x226B: ">>", 0x00B1: "+-", 0x2213: "-+", 0x221E: "inf", 0x221A: "sqrt",
        0x2211: "sum", 0x220F: "prod", 0x222B: "int", 0x2208: "in", 0x2209: "not in", 0x2200: "for all",
        0x2203: "exists", 0x2205: "{}", 0x2229: "&", 0x222A: "|", 0x2227: "and", 0x2228: "or", 0x00AC: "not ",
        0x221D: "~", 0x2032: "'", 0x2033: "''", 0x00B0: " deg", 0x2030: "/1000", 0x2044: "/", 0x2215: "/",
        0x2308: "ceil(", 0x2309: ")", 0x230A: "floor(", 0x230B: ")", 0x27E8: "<", 0x27E9: ">",
        // Arrows
        0x2192: "->", 0x2190: "<-", 0x2194: "<->", 0x21D2: "=>", 0x21D0: "<=", 0x21D4: "<=>", 0x21A6: "|->",
        0x27F6: "-->", 0x27F5: "<--", 0x2191: "^", 0x2193: "v", 0x21D1: "^^", 0x21D3: "vv", 0x21C8: "^^",
        0x21CA: "vv", 0x21B5: "<-'", 0x21A9: "<-'", 0x21AA: "'->", 0x2197: "/", 0x2198: "\\",
        // Punctuation
        0x2026: "...", 0x22EF: "...", 0x22EE: ":", 0x2013: "-", 0x2014: "--", 0x2015: "--", 0x2010: "-", 0x2011: "-",
        0x2018: "'", 0x2019: "'", 0x201A: ",", 0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x00AB: "<<", 0x00BB: ">>",
        0x2039: "<", 0x203A: ">", 0x2022: "*", 0x25E6: "o", 0x2023: ">", 0x00A7: "S", 0x00B6: "P", 0x00A9: "(c)",
        0x00AE: "(R)", 0x2122: "(TM)", 0x00BC: "1/4", 0x00BD: "1/2", 0x00BE: "3/4", 0x2153: "1/3", 0x2154: "2/3",
        0x00A1: "!", 0x00BF: "?", 0x00A2: "c", 0x00A3: "GBP", 0x20AC: "EUR", 0x00A5: "JPY", 0x00AD: "-",
        0x2713: "v", 0x2714: "v", 0x2717: "x", 0x2718: "x", 0x2423: "_", 0x2420: " ", 0x23CE: "<-'",
        // Shapes used by the widgets
        0x25CB: "o", 0x25CE: "O", 0x25CF: "@", 0x25A0: "#", 0x25A1: "[]", 0x25AA: "#", 0x25B2: "^", 0x25BC: "v",
        0x25B6: ">", 0x25C0: "<", 0x25B8: ">", 0x25C2: "<", 0x2605: "*", 0x2606: "*", 0x2690: "|>",
    ]
}
