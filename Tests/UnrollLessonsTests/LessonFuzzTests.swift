import Foundation
import Testing
@testable import UnrollLessons

/// Feeds thousands of damaged lessons and claims to the loader: each must load or give errors, never trap or hang.
@Suite("Fuzzing the loader")
struct LessonFuzzTests {
    /// SplitMix64: a small seeded generator so every run mutates the same way.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    /// Bytes that make parsers stumble.
    static let nasty: [UInt8] = Array("[]{}:-#,'\"\\\n\t ^*()=<>!&|?%@`~0123456789e.".utf8) + [0x00, 0xFF, 0xC3, 0xE2, 0x80]

    static func mutate(_ bytes: [UInt8], _ g: inout Generator) -> [UInt8] {
        var b = bytes
        for _ in 0..<(1 + g.below(4)) {
            guard !b.isEmpty else { break }
            switch g.below(6) {
            case 0:  // flip a byte
                b[g.below(b.count)] = UInt8(truncatingIfNeeded: g.next())
            case 1:  // plant a nasty byte
                b[g.below(b.count)] = nasty[g.below(nasty.count)]
            case 2:  // truncate
                b = Array(b.prefix(g.below(b.count + 1)))
            default:  // delete, duplicate or swap whole lines
                var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard !lines.isEmpty else { break }
                let i = g.below(lines.count)
                switch g.below(3) {
                case 0: lines.remove(at: i)
                case 1: lines.insert(lines[i], at: i)
                default: lines.swapAt(i, g.below(lines.count))
                }
                b = Array(lines.joined(separator: [0x0A]))
            }
        }
        return b
    }

    @Test func twoThousandMutationsEndInALessonOrErrors() {
        var g = Generator(state: 2024)
        let original = Array(SampleLessons.vanishing.utf8)
        let loader = LessonLoader()
        var loaded = 0
        var failed = 0
        let start = Date()
        for round in 0..<2000 {
            let bytes = LessonFuzzTests.mutate(original, &g)
            do {
                let lesson = try loader.load(bytes: bytes, path: "fuzz-\(round).md")
                #expect(!lesson.pages.isEmpty)
                #expect(!lesson.title.isEmpty)
                loaded += 1
            } catch {
                #expect(!error.errors.isEmpty, "round \(round) failed without saying why")
                #expect(error.errors.allSatisfy { $0.line >= 0 && !$0.message.isEmpty })
                failed += 1
            }
        }
        #expect(loaded + failed == 2000)
        #expect(loaded > 0 && failed > 0, "mutations should sometimes survive and sometimes break (\(loaded) loaded)")
        #expect(Date().timeIntervalSince(start) < 60, "fuzzing took too long: something is close to hanging")
    }

    @Test func randomYAMLAfterAValidOpeningNeverTraps() {
        var g = Generator(state: 99)
        let alphabet = Array("ab: -[]{}&*!|>'\"#?,\n  \t%@~.01".utf8)
        for _ in 0..<500 {
            let body = (0..<g.below(200)).map { _ in alphabet[g.below(alphabet.count)] }
            let bytes = Array("---\n".utf8) + body + Array("\n---\n## P\nclaim: 1 < 2\n".utf8)
            do {
                _ = try LessonLoader().load(bytes: bytes, path: "random.md")
            } catch {
                #expect(!error.errors.isEmpty)
                #expect(!error.errors.contains { $0.message.hasPrefix("front matter is incomplete") },
                        "the loader's safety net fired: some problem went unreported")
            }
        }
    }

    @Test func aliasBombsAndAnchorsStayBounded() {
        let text = SampleLessons.vanishing.replacingOccurrences(of: "  - {label: \"LSTM\", cell: lstm, forget_bias: 1}",
            with: "  - &v {label: \"LSTM\", cell: lstm}\n" + String(repeating: "  - *v\n", count: 2000))
        let found = messages(text)
        #expect(found.contains("08-vanishing.md:20: compare needs 2 to 4 variants (got 2002)"))
    }

    @Test func randomClaimsParseOrFailWithAColumn() {
        var g = Generator(state: 7)
        let pieces = ["dh", "[", "]", "(", ")", "1", "-1", ":", ",", "+", "-", "*", "/", "^", "<", "==", "and", "not",
                      "mean", "all", "with", "=", "cell", "lstm", ".", "final_loss", "1e-6", "inf", "nan", "h", " "]
        let environment = MapEnvironment([
            "dh": .vector([1, 2, 3]), "h": .matrix([[1, 2], [3, 4]]), "cell": .text("rnn"),
        ], functions: ["with": { _, _ in .record(["final_loss": .number(0.1), "dh": .vector([0.5])]) }])
        for _ in 0..<3000 {
            let text = (0..<(1 + g.below(12))).map { _ in pieces[g.below(pieces.count)] }.joined()
            do {
                let expression = try ClaimParser.parse(text)
                #expect(try ClaimParser.parse(expression.description) == expression || expression.description.contains("nan"),
                        "\(text) printed as \(expression.description) does not read back")
                _ = try? ClaimEvaluator.check(expression, in: environment)
            } catch {
                #expect(error.column >= 1 && error.column <= text.unicodeScalars.count + 1, "\(text): column \(error.column)")
            }
        }
    }
}
