import Testing
@testable import UnrollDraw

/// Strings that have broken terminal rows: zero-width, bidi, combining, wide and emoji characters.
private let awkward = [
    "plain", "e\u{301}te\u{301}", "c\u{303}_t", "a\u{200B}b\u{200D}c", "\u{202E}evil\u{202C} text", "\u{2067}iso\u{2069}",
    "\u{61C}x", "漢字 kanji", "ｆｕｌｌ", "emoji 😀!", "❤\u{FE0F} heart", "👍\u{1F3FD} ok", "🇩🇪 flag", "1\u{FE0F}\u{20E3} key",
    "👩\u{200D}💻 dev", "tab\there", "line\u{2028}sep", "\u{FEFF}bom", "⌚ watch", "\u{E000}private", "soft\u{AD}hyphen",
    "\u{0378}unassigned", "ρ σ γ ‖g‖ − · α θ ℓ … ↑ ↓ ← → ≤ ≥ ≈ ≪ ≫ × ⊙ h₁ x² Jᵀ",
]

@Test func writeUsesExactlyTheColumnsDisplayWidthCounts() {
    for ascii in [false, true] {
        for s in awkward {
            var b = Buffer(width: 120, height: 1, fill: Cell("#"), ascii: ascii)
            let used = b.write(x: 2, y: 0, s)
            #expect(used == b.displayWidth(s), "\(s) ascii=\(ascii)")
            let line = b.plainLines()[0]
            // nothing right of the text is touched, nothing before it either
            #expect(line.hasPrefix("##"))
            #expect(line.unicodeScalars.count == 120)
            #expect(String(line.unicodeScalars.dropFirst(2 + used)) == String(repeating: "#", count: 118 - used), "\(s)")
            for cell in b.cells {
                #expect(!Cell.isWide(cell.scalar) && !Cell.isZeroWidth(cell.scalar), "\(s): \(cell.scalar)")
                if ascii { #expect(cell.scalar.value < 0x80, "\(s): \(cell.scalar)") }
            }
        }
    }
}

@Test func bidiControlsAreStrippedAndWideCharactersReplaced() {
    var b = Buffer(width: 12, height: 1)
    b.write(x: 0, y: 0, "\u{202E}ab\u{202C}漢😀e\u{301}")
    #expect(b.plainLines() == ["ab??é       "])
    #expect(displayWidth("\u{202E}ab\u{202C}漢😀e\u{301}") == 5)
    #expect(displayWidth("❤\u{FE0F}") == 1)
    #expect(Cell("❤\u{FE0F}").scalar == "?")
    #expect(Cell("\u{301}").scalar == " ")
    #expect(Cell("\u{202E}").scalar == " ")
    var p = Buffer(width: 2, height: 1)
    p.put(x: 0, y: 0, cell: Cell(scalar: "\u{301}", style: .plain))
    p.put(x: 1, y: 0, cell: Cell(scalar: "\u{2066}", style: .plain))
    #expect(p.plainLines() == ["  "])
}

@Test func truncateAgreesWithDisplayWidth() {
    for s in awkward {
        for w in 1...12 {
            let t = truncate(s, to: w)
            #expect(displayWidth(t) <= w, "\(s) at \(w): \(t)")
        }
    }
}

@Test func asciiSpellingsOfTheLabelsOnScreen() {
    let cases: [(String, String)] = [
        ("ρ=1.5", "rho=1.5"), ("σmax·γ", "sigma_max*gamma"), ("σ_max", "sigma_max"), ("γ=1", "gamma=1"),
        ("‖g‖ 0.94", "|g| 0.94"), ("−0.3", "-0.3"), ("α_t", "alpha_t"), ("θ", "theta"), ("ℓ_t", "l_t"),
        ("a … b", "a ... b"), ("↑ ↓ ← →", "^ v <- ->"), ("≤ ≥ ≈ ≪ ≫", "<= >= ~ << >>"), ("2 × 3", "2 x 3"),
        ("f_t ⊙ c_{t−1}", "f_t (.) c_{t-1}"), ("h₁₂", "h_12"), ("10⁻³", "10^-3"), ("J_9ᵀ", "J_9^T"), ("h_9²", "h_9^2"),
        ("c̃_t", "c~_t"), ("café", "cafe"), ("1–4", "1-4"), ("“go”", "\"go\""), ("Σ_j", "Sigma_j"), ("∂h/∂x", "dh/dx"),
        ("(σ_max·γ)^(T−t)", "(sigma_max*gamma)^(T-t)"), ("ln 7 ≈ 1.95", "ln 7 ~ 1.95"), ("±1", "+-1"), ("√H", "sqrtH"),
        ("漢", "?"), ("\u{202E}x", "x"), ("plain ascii", "plain ascii"),
    ]
    for (u, a) in cases { #expect(ASCIISpelling.of(u) == a, "\(u)") }
    #expect(Glyphs.ascii.text("ρ") == "rho")
    #expect(Glyphs.utf8.text("ρ") == "ρ")
    #expect(Glyphs.ascii.width("‖g‖") == 3)
    #expect(Glyphs.ascii.truncated("ρ σ γ", to: 6) == "rho s~")
}

@Test func asciiBufferHoldsOnlyASCII() {
    var b = Buffer(width: 12, height: 3, ascii: true)
    let used = b.write(x: 0, y: 0, "ρ=0.9 ‖g‖")
    #expect(used == 11)
    b.put(x: 0, y: 1, "─")
    b.put(x: 1, y: 1, "σ")
    b.put(x: 2, y: 1, cell: Cell("█"))
    b.fill(Rect(x: 3, y: 1, width: 2, height: 1), char: "…")
    Box(title: "ρ", glyphs: .utf8, mode: .monochrome).draw(into: &b, area: Rect(x: 5, y: 1, width: 7, height: 2))
    #expect(b.plainLines() == ["rho=0.9 |g| ", "-s#~~+-rho-+", "     +-----+"])
    #expect(b.displayWidth("σ") == 5)
    #expect(Buffer(width: 2, height: 1).displayWidth("σ") == 1)
    // every table entry maps to printable ASCII
    for (k, v) in ASCIISpelling.table {
        #expect(v.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }, "\(k)")
    }
    for k in ASCIISpelling.singleCell.keys {
        let c = ASCIISpelling.character(Character(Unicode.Scalar(k)!))
        #expect(c.unicodeScalars.first!.value < 0x7F)
    }
}

@Test func combiningMarksArePrecomposedOrKeptVisible() {
    var b = Buffer(width: 10, height: 1)
    let used = b.write(x: 0, y: 0, "e\u{301} c\u{303}_t")
    #expect(used == 6)
    #expect(displayWidth("e\u{301} c\u{303}_t") == 6)
    #expect(b.plainLines() == ["é c˜_t    "])
    #expect(Cell("e\u{301}").scalar == "é")
    #expect(truncate("c\u{303}c\u{303}c\u{303}", to: 5) == "c\u{303}c\u{303}…")
    // a two-column character never half-fits at the maxWidth limit
    var m = Buffer(width: 4, height: 1)
    #expect(m.write(x: 0, y: 0, "ac\u{303}", maxWidth: 2) == 1)
    #expect(m.plainLines() == ["a   "])
    var a = Buffer(width: 10, height: 1, ascii: true)
    a.write(x: 0, y: 0, "e\u{301} c\u{303}_t")
    #expect(a.plainLines() == ["e c~_t    "])
}

@Test func widgetsSpellTheirTextWithASCIIGlyphs() {
    // Even in an ordinary buffer, widgets drawing with .ascii glyphs put only ASCII on screen.
    var b = Buffer(width: 40, height: 8)
    Box(title: "Help — ↑/↓ scroll", glyphs: .ascii, mode: .monochrome).draw(into: &b, area: Rect(x: 0, y: 0, width: 40, height: 3))
    KeyBar([("←→", "step"), ("ρ", "radius ↑")], glyphs: .ascii, mode: .monochrome).draw(into: &b, area: Rect(x: 0, y: 3, width: 40, height: 1))
    Table([("‖g‖", "≤ 1"), ("σ_max·γ", "0.96")], glyphs: .ascii, mode: .monochrome).draw(into: &b, area: Rect(x: 0, y: 4, width: 40, height: 2))
    Heatmap(values: [[1]], rowLabels: ["γ1"], glyphs: .ascii, mode: .monochrome).draw(into: &b, area: Rect(x: 0, y: 6, width: 40, height: 1))
    TextBlock("**ρ** ≈ 1", glyphs: .ascii, mode: .monochrome).draw(into: &b, area: Rect(x: 0, y: 7, width: 40, height: 1))
    #expect(b.cells.allSatisfy { $0.scalar.value < 0x80 })
    let lines = b.plainLines()
    #expect(lines[0].hasPrefix("+-Help -- ^/v scroll-"))
    #expect(lines[3].hasPrefix("<--> step  rho radius ^"))
    #expect(lines[4].hasPrefix("|g|             <= 1"))
    #expect(lines[5].hasPrefix("sigma_max*gamma 0.96"))
    #expect(lines[6].hasPrefix("gamma1 #"))
    #expect(lines[7].hasPrefix("rho ~ 1"))
}
