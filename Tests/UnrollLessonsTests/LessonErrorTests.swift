import Testing
@testable import UnrollLessons

/// Each kind of mistake a lecturer can make, with the exact `file:line: message` it produces.
@Suite("Lesson errors")
struct LessonErrorTests {
    @Test func typoedModelKeyReportsItsLineAndASuggestion() {
        #expect(messages(sample(replacingLine: 8, with: "  hiden: 16")) == [
            "08-vanishing.md:8: unknown key `hiden` in model (did you mean `hidden`?)",
        ])
    }

    @Test func attentionKeyIsOnOrOffWithATypoHint() {
        #expect(messages(sample(replacingLine: 8, with: "  attention: maybe")) == [
            "08-vanishing.md:8: attention must be on or off (got 'maybe')",
        ])
        #expect(messages(sample(replacingLine: 8, with: "  atention: on")) == [
            "08-vanishing.md:8: unknown key `atention` in model (did you mean `attention`?)",
        ])
    }

    @Test func typoedTopLevelKey() {
        #expect(messages(sample(replacingLine: 3, with: "titel: Vanishing gradients")) == [
            "08-vanishing.md:1: missing required field `title`",
            "08-vanishing.md:3: unknown key `titel` (did you mean `title`?)",
        ])
    }

    @Test func unknownCellSuggestsTheClosest() {
        #expect(messages(sample(replacingLine: 6, with: "  cell: lsmt")) == [
            "08-vanishing.md:6: unknown cell 'lsmt' (expected rnn, lstm, gru; did you mean lstm?)",
        ])
    }

    @Test func sizesOutsideTheirLimitsNameTheLimit() {
        var text = sample(replacingLine: 8, with: "  hidden: -3")
        text = text.replacingOccurrences(of: "  seed: 7", with: "  layers: 99")
        text = text.replacingOccurrences(of: "  length: 40", with: "  length: 20000")
        text = text.replacingOccurrences(of: "  steps: 2000", with: "  steps: 99999999999999999999999")
        #expect(messages(text) == [
            "08-vanishing.md:8: hidden must be between 1 and 1024 (got -3)",
            "08-vanishing.md:10: layers must be between 1 and 8 (got 99)",
            "08-vanishing.md:13: length must be between 1 and 10000 (got 20000)",
            "08-vanishing.md:18: steps must be between 0 and 1000000 (got 99999999999999999999999)",
        ])
    }

    @Test func nonFiniteAndMistypedNumbers() {
        var text = sample(replacingLine: 9, with: "  radius: .nan")
        text = text.replacingOccurrences(of: "  lr: 0.001", with: "  lr: 1e999")
        text = text.replacingOccurrences(of: "  hidden: 16", with: "  hidden: 4.5")
        #expect(messages(text) == [
            "08-vanishing.md:8: hidden must be a whole number (got 4.5)",
            "08-vanishing.md:9: radius must be a number (got '.nan')",
            "08-vanishing.md:17: lr must be a finite number (got 1e999)",
        ])
    }

    @Test func missingCellAndTitle() {
        var text = sample(replacingLine: 6, with: "  layers: 2")
        text = text.replacingOccurrences(of: "title: Vanishing gradients\n", with: "")
        #expect(messages(text) == [
            "08-vanishing.md:1: missing required field `title`",
            "08-vanishing.md:4: missing required field `model.cell`",
        ])
    }

    @Test func duplicateKeys() {
        #expect(messages(sample(replacingLine: 10, with: "  hidden: 8")) == [
            "08-vanishing.md:10: duplicate key `hidden` in model (first on line 8)",
        ])
    }

    @Test func compareNeedsTwoToFourLabelledVariants() {
        let text = sample(replacingLine: 22, with: "  - {cell: gru}")
        #expect(messages(text) == ["08-vanishing.md:22: compare variant is missing its `label`"])
        let one = sample(replacingLine: 22, with: "")
        #expect(messages(one) == ["08-vanishing.md:20: compare needs 2 to 4 variants (got 1)"])
    }

    @Test func claimThatDoesNotParseGivesTheFileColumn() {
        #expect(messages(sample(replacingLine: 32, with: "claim: dh[1] < < dh[40]")) == [
            "08-vanishing.md:32: claim does not parse at column 16: expected a value but found '<'",
        ])
        #expect(messages(sample(replacingLine: 32, with: "claim: (dh[1] < 3")) == [
            "08-vanishing.md:32: claim does not parse at column 18: expected ')' but found the end of the claim (to close the '(' at column 8)",
        ])
    }

    @Test func claimWithAnUnknownNameSuggestsOne() {
        #expect(messages(sample(replacingLine: 32, with: "claim: dhh[1] < 1")) == [
            "08-vanishing.md:32: claim at column 8: unknown name `dhh` (did you mean `dh`?)",
        ])
        #expect(messages(sample(replacingLine: 32, with: "claim: mena(dh) < 1 and panel(\"LSTM\").loss[1] > 0")) == [
            "08-vanishing.md:32: claim at column 8: unknown function `mena` (did you mean `mean`?)",
        ])
    }

    @Test func pageDirectiveMistakes() {
        let text = sample(replacingLine: 29, with: "focus: gradiant\nkeys: a x\ncursor: 0\nset: activation=sigmoid, hiden=3, clip=-1\nclam: dh[1] < 1")
        #expect(messages(text) == [
            "08-vanishing.md:29: unknown focus row 'gradiant' (did you mean gradient?)",
            "08-vanishing.md:30: unknown key 'x' (the app's keys are: a m i [ ] g c t r space b n p L ? q ← → h l Home End e E s S + - Tab < > f F ~ w u U)",
            "08-vanishing.md:31: cursor 0: steps count from 1 (use -1 or `last` for the last step)",
            "08-vanishing.md:32: clip must be above 0 and at most 1e6 (got -1)",
            "08-vanishing.md:32: unknown key `hiden` in set: (did you mean `hidden`?)",
            "08-vanishing.md:33: unknown directive `clam:` (did you mean `claim:`?); start the line with `\\` if it is text",
            "08-vanishing.md:35: cursor is set twice on this page (first on line 31)",
        ])
    }

    @Test func noPages() {
        let text = SampleLessons.vanishing.components(separatedBy: "\n").prefix(23).joined(separator: "\n")
        #expect(messages(text) == ["08-vanishing.md:23: no pages: a lesson needs at least one `## Title` page after the front matter"])
    }

    @Test func textBeforeTheFirstPage() {
        #expect(messages(sample(replacingLine: 24, with: "# Vanishing")) == [
            "08-vanishing.md:24: text before the first page; every page starts with a `## Title` heading (put an introduction in `summary:`)",
        ])
    }

    @Test func emptyAndBlankFiles() {
        #expect(messages("") == ["08-vanishing.md:1: file is empty"])
        #expect(messages("  \n\n\t\n") == ["08-vanishing.md:1: file is empty"])
    }

    @Test func invalidUTF8NamesTheLine() throws {
        var bytes = Array(SampleLessons.vanishing.utf8)
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "V")))  // line 3, "Vanishing"
        bytes[index] = 0xFF
        do {
            _ = try LessonLoader().load(bytes: bytes, path: "x.md")
            Issue.record("invalid UTF-8 loaded")
        } catch {
            #expect(error.errors.map(\.description) == ["x.md:3: invalid UTF-8 (byte 0xFF at byte 8 of the line); save the file as UTF-8"])
        }
    }

    @Test func missingOrUnclosedFrontMatter() {
        #expect(messages("## Page\ntext") == ["08-vanishing.md:1: a lesson starts with front matter: `---` on line 1, then YAML, then `---`"])
        #expect(messages("---\ntitle: x\n## Page") == ["08-vanishing.md:1: front matter opened on line 1 is never closed with `---`"])
    }

    @Test func yamlSyntaxErrorsKeepTheirFileLine() {
        let text = sample(replacingLine: 9, with: "  radius: [0.9")
        let found = messages(text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("08-vanishing.md:10: YAML:") == true, "\(found)")
    }

    @Test func deepYAMLNestingIsRefusedNotRecursed() {
        let deep = String(repeating: "[", count: 5000)
        let found = messages(sample(replacingLine: 14, with: "  marked: \(deep)"))
        #expect(found == ["08-vanishing.md:14: front matter is nested too deeply (more than 20 levels of brackets)"])
        let dashes = String(repeating: "- ", count: 3000) + "x"
        #expect(messages(sample(replacingLine: 4, with: "summary:\n  \(dashes)")).first == "08-vanishing.md:5: front matter is nested too deeply (more than 20 levels on one line)")
    }

    @Test func taskSettingsMustBeScalars() {
        #expect(messages(sample(replacingLine: 14, with: "  marked: [1, 2]")) == [
            "08-vanishing.md:14: task setting `marked` must be a single value (number, word or on/off), not a list",
        ])
    }

    @Test func collectsEveryErrorOfAFile() {
        var text = sample(replacingLine: 8, with: "  hiden: 16")
        text = text.replacingOccurrences(of: "  cell: rnn", with: "  cell: lsmt")
        text = text.replacingOccurrences(of: "claim: all(gain < 1)", with: "claim: all(gain <)")
        #expect(messages(text) == [
            "08-vanishing.md:6: unknown cell 'lsmt' (expected rnn, lstm, gru; did you mean lstm?)",
            "08-vanishing.md:8: unknown key `hiden` in model (did you mean `hidden`?)",
            "08-vanishing.md:33: claim does not parse at column 18: expected a value but found ')'",
        ])
    }

    @Test func hugeFilesAreRefused() {
        let text = SampleLessons.vanishing + String(repeating: "x", count: SourceText.maximumSize)
        #expect(messages(text).first?.hasPrefix("08-vanishing.md: file is too large") == true)
    }
}

/// The scene rules: retired calls, panels, and keys that would undo what a page sets.
@Suite("Scene directives")
struct SceneDirectiveTests {
    static let head = """
    ---
    title: Scenes
    model: {cell: rnn, hidden: 4}
    task: {name: adding, length: 10}
    ---

    ## Page

    """

    func messages(_ page: String) -> [String] {
        do {
            _ = try LessonLoader().load(text: Self.head + page, path: "s.md")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func retiredCallsSayWhatReplacedThem() {
        let m = messages("claim: with(cell=lstm).dh[1] > 0\nclaim: train(steps=5).losses[1] > 0\n")
        #expect(m.count == 2)
        #expect(m[0].contains("panel: LABEL"))
        #expect(m[1].contains("after:"))
    }

    @Test func panelsAreReadByLiteralLabels() {
        #expect(messages("panel: A | cell=lstm\npanel: B | cell=gru\nclaim: panel(\"A\").dh[1] > 0\n").isEmpty)
        #expect(messages("panel: A | cell=lstm\npanel: B | cell=gru\nclaim: panel(dh).loss > 0\n").first?.contains("panel(…) takes") == true)
        #expect(messages("panel: A | cell=lstm\npanel: A | cell=gru\nclaim: T > 0\n").contains { $0.contains("duplicate panel label") })
        #expect(messages("panel: Only | cell=lstm\nclaim: T > 0\n").first?.contains("one panel") == true)
        #expect(messages("panel: A | length=20\npanel: B | cell=gru\nclaim: T > 0\n").isEmpty, "a panel may read its own version of the task")
        #expect(messages("panel: A | hiden=20\npanel: B | cell=gru\nclaim: T > 0\n").first?.contains("did you mean `hidden`") == true)
    }

    @Test func keysMayNotUndoWhatThePageSets() {
        #expect(messages("set: compare=on\nkeys: c\nafter: T > 0\n").first?.contains("leaves it") == true)
        #expect(messages("set: clip=1\nkeys: g\nafter: T > 0\n").first?.contains("toggles clipping back") == true)
        #expect(messages("set: train=on\nclaim: T > 0\n").first?.contains("press t") == true)
        #expect(messages("keys: n\nafter: T > 0\n").first?.contains("names none that change anything") == true)
    }

    @Test func setTakesTaskAndTrainingKeys() throws {
        let lesson = try LessonLoader().load(text: Self.head + "set: length=20, lr=0.1, truncate=5, example=3\nclaim: T > 0\n", path: "s.md")
        let s = lesson.pages[0].settings
        #expect(s.task["length"] == .integer(20))
        #expect(s.training.lr == 0.1 && s.training.truncate == .on(5) && s.example == 3)
    }
}
