import Testing
@testable import UnrollDraw

@Test func plainCharactersAndNamedKeys() throws {
    let keys = try Key.parse(script: "ab<left><right><up><down><home><end><pgup><pgdn><enter><esc><space><tab><bs><C-c>")
    #expect(keys == [.char("a"), .char("b"), .left, .right, .up, .down, .home, .end, .pageUp, .pageDown,
                     .enter, .escape, .char(" "), .tab, .backspace, .ctrl("c")])
}

@Test func resizeAndLiteralAngle() throws {
    #expect(try Key.parse(script: "<resize:100x30>q") == [.resize(width: 100, height: 30), .char("q")])
    #expect(try Key.parse(script: "<lt>>") == [.char("<"), .char(">")])
    #expect(try Key.parse(script: "") == [])
    #expect(try Key.parse(script: "é漢") == [.char("é"), .char("漢")])
}

@Test func unknownNameIsAnErrorWithOffset() {
    #expect(throws: KeyScriptError.self) { try Key.parse(script: "ab<nope>") }
    guard case .failure(let e) = Key.parseResult(script: "ab<nope>") else { Issue.record("expected failure"); return }
    #expect(e.offset == 2)
    #expect(e.message.contains("<nope>"))
    #expect(e.description.contains("character 2"))
}

@Test func malformedScriptsAreErrors() {
    for bad in ["<left", "x<", "<resize:100>", "<resize:0x5>", "<resize:ax5>", "<C-1>", "<>"] {
        guard case .failure = Key.parseResult(script: bad) else { Issue.record("accepted \(bad)"); continue }
    }
}
