import Testing
@testable import UnrollLessons

@Suite("Claim parsing")
struct ClaimParserTests {
    func parse(_ text: String) throws -> ClaimExpression { try ClaimParser.parse(text) }

    func syntaxError(_ text: String) -> ClaimSyntaxError? {
        do {
            _ = try ClaimParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func precedenceFollowsArithmetic() throws {
        #expect(try parse("1 + 2 * 3 ^ 2").description == "1 + 2 * 3 ^ 2")
        #expect(try parse("1 + 2 * 3") == .binary(.add, .number(1), .binary(.multiply, .number(2), .number(3))))
        #expect(try parse("(1 + 2) * 3").description == "(1 + 2) * 3")
        #expect(try parse("2 ^ 3 ^ 2") == .binary(.power, .number(2), .binary(.power, .number(3), .number(2))))
        #expect(try parse("-2 ^ 2") == .unary(.negate, .binary(.power, .number(2), .number(2))))
        #expect(try parse("a - b - c") == .binary(.subtract, .binary(.subtract, .name("a"), .name("b")), .name("c")))
        #expect(try parse("a < b and not c or d") == .binary(.or,
            .binary(.and, .binary(.less, .name("a"), .name("b")), .unary(.not, .name("c"))), .name("d")))
        #expect(try parse("x / 2 < 1e-6") == .binary(.less, .binary(.divide, .name("x"), .number(2)), .number(1e-6)))
    }

    @Test func numbersBooleansAndText() throws {
        #expect(try parse("0.167") == .number(0.167))
        #expect(try parse("1E+3") == .number(1000))
        #expect(try parse("true") == .bool(true))
        #expect(try parse("\"lstm\"") == .text("lstm"))
        #expect(try parse("inf") == .number(.infinity))
    }

    @Test func indexingSlicesAndNegativeIndices() throws {
        #expect(try parse("dh[1]") == .index(.name("dh"), [.at(.number(1))]))
        #expect(try parse("dh[-1]") == .index(.name("dh"), [.at(.unary(.negate, .number(1)))]))
        #expect(try parse("dh[1:10]") == .index(.name("dh"), [.slice(.number(1), .number(10))]))
        #expect(try parse("dh[:10]") == .index(.name("dh"), [.slice(nil, .number(10))]))
        #expect(try parse("dh[-5:]") == .index(.name("dh"), [.slice(.unary(.negate, .number(5)), nil)]))
        #expect(try parse("h[:, 2]") == .index(.name("h"), [.slice(nil, nil), .at(.number(2))]))
        #expect(try parse("dh[T - 1]").description == "dh[T - 1]")
    }

    @Test func callsWithKeywordsAndFieldAccess() throws {
        let e = try parse("train(steps=2000, cell=lstm).final_loss < 0.05")
        #expect(e == .binary(.less,
            .field(.call("train", [ClaimArgument(label: "steps", .number(2000)), ClaimArgument(label: "cell", .name("lstm"))]), "final_loss"),
            .number(0.05)))
        #expect(e.description == "train(steps=2000, cell=lstm).final_loss < 0.05")
        #expect(try parse("ratio(a, b)") == .call("ratio", [ClaimArgument(.name("a")), ClaimArgument(.name("b"))]))
        #expect(try parse("f()") == .call("f", []))
    }

    @Test func printedFormReparsesToTheSameTree() throws {
        for text in ["-(a + b) ^ 2", "(2 ^ 3) ^ 2", "not (a and b)", "a - (b - c)", "with(cell=gru).dh[1:3]", "(-2) ^ 2", "x[1][2]", "1e-9 < 3.5e20"] {
            let tree = try parse(text)
            #expect(try parse(tree.description) == tree, "\(text) printed as \(tree.description)")
        }
    }

    @Test func keywordValueWordsAreMarked() throws {
        let parsed = try ClaimParser.parseWithNames("with(cell=lstm, steps=T).loss")
        #expect(parsed.names.map(\.name) == ["with", "lstm", "T"])
        #expect(parsed.names.map(\.isKeywordValue) == [false, true, true], "a bare word as a whole keyword value is the callee's to judge")
        #expect(parsed.names.map(\.column) == [1, 11, 23])
    }

    @Test func errorsCarryTheColumn() {
        #expect(syntaxError("dh[1] <") == ClaimSyntaxError(column: 8, message: "expected a value but the claim ends here"))
        #expect(syntaxError("dh[1 < 2") == ClaimSyntaxError(column: 9, message: "expected ']' but found the end of the claim (to close the '[' at column 3)"))
        #expect(syntaxError("a < b < c")?.column == 7)
        #expect(syntaxError("a < b < c")?.message == "comparisons can't be chained; join them with 'and'")
        #expect(syntaxError("a = 1")?.message == "'=' is only for keyword arguments; write '==' to compare")
        #expect(syntaxError("a $ b") == ClaimSyntaxError(column: 3, message: "unexpected character '$'"))
        #expect(syntaxError("1e") == ClaimSyntaxError(column: 2, message: "number has an exponent 'e' without digits"))
        #expect(syntaxError("1e999")?.message == "number 1e999 is too large")
        #expect(syntaxError("f(a=1, 2)")?.message == "positional argument after keyword arguments")
        #expect(syntaxError("x.") == ClaimSyntaxError(column: 3, message: "expected a field name after '.' but found the end of the claim"))
        #expect(syntaxError("")?.message == "empty claim")
        #expect(syntaxError("a b")?.message == "unexpected 'b' after a complete expression")
        #expect(syntaxError("\"open")?.column == 1)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        #expect(syntaxError(deep)?.message.contains("nested too deeply") == true)
        let negations = String(repeating: "-", count: 1000) + "1"
        #expect(syntaxError(negations)?.message.contains("nested too deeply") == true)
        let chain = Array(repeating: "1", count: 900).joined(separator: "+")
        #expect(syntaxError(chain)?.message.contains("nested too deeply") == true)
        let long = String(repeating: "a", count: 5000)
        #expect(syntaxError(long)?.message.contains("too long") == true)
    }
}
