/// Splits the Markdown after the front matter into pages and reads each page's directive lines.
///
/// A page starts at a line `## Title`. A directive is a line that starts (in column 1) with one of
/// `focus:`, `keys:`, `try:`, `set:`, `panel:`, `cursor:`, `claim:`, `after:`; it is removed from the
/// page's body. Inside
/// fenced code blocks (``` or ~~~) nothing is a heading or a directive. A line starting with `\` followed
/// by a directive keyword is body text with the backslash removed.
struct PageParser {
    static let directives = ["focus", "keys", "try", "set", "panel", "cursor", "claim", "after"]
    /// Most panels a page can show side by side.
    static let maxPanels = 4
    static let cursorLimit = 10_000
    static let exampleLimit = 10_000

    let file: String
    let vocabulary: ClaimVocabulary?
    var errors: [LessonError] = []

    init(file: String, vocabulary: ClaimVocabulary?) {
        self.file = file
        self.vocabulary = vocabulary
    }

    mutating func fail(_ line: Int, _ message: String) {
        errors.append(LessonError(file: file, line: line, message: message))
    }

    /// A page while its lines are being read.
    private struct Draft {
        var page: LessonPage
        var bodyLines: [String] = []
        var cursorLine: Int?
    }

    /// Reads `lines`, whose first element is file line `firstLine`.
    mutating func parse(_ lines: [String], firstLine: Int) -> [LessonPage] {
        var pages: [LessonPage] = []
        var draft: Draft?
        var fence: String?
        var reportedStrayText = false
        for (offset, line) in lines.enumerated() {
            let number = firstLine + offset
            if let marker = fenceMarker(line) {
                if fence == nil { fence = marker } else if line.trimmingSpaces.hasPrefix(fence ?? marker) { fence = nil }
            } else if fence == nil {
                if line.hasPrefix("## ") || line.trimmingSpaces == "##" {
                    if let finished = draft { pages.append(finish(finished)) }
                    let title = String(line.dropFirst(2)).trimmingSpaces
                    if title.isEmpty { fail(number, "page heading has no title (write `## Title`)") }
                    draft = Draft(page: LessonPage(title: title, body: "", line: number))
                    continue
                }
                if let (keyword, rest, restColumn) = directive(line) {
                    guard var current = draft else {
                        fail(number, "`\(keyword):` appears before the first page; start a page with `## Title` first")
                        continue
                    }
                    read(keyword, rest, column: restColumn, line: number, into: &current)
                    draft = current
                    continue
                }
                checkMisspelledDirective(line, number)
            }
            var text = line
            if fence == nil, line.hasPrefix("\\"), directive(String(line.dropFirst())) != nil { text = String(line.dropFirst()) }
            if draft == nil {
                if !reportedStrayText && !line.trimmingSpaces.isEmpty {
                    fail(number, "text before the first page; every page starts with a `## Title` heading (put an introduction in `summary:`)")
                    reportedStrayText = true
                }
                continue
            }
            draft?.bodyLines.append(text)
        }
        if let finished = draft { pages.append(finish(finished)) }
        return pages
    }

    private mutating func finish(_ draft: Draft) -> LessonPage {
        var page = draft.page
        checkConsistency(page)
        var body = draft.bodyLines
        while let first = body.first, first.trimmingSpaces.isEmpty { body.removeFirst() }
        while let last = body.last, last.trimmingSpaces.isEmpty { body.removeLast() }
        page.body = body.joined(separator: "\n")
        return page
    }

    private func fenceMarker(_ line: String) -> String? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        if rest.hasPrefix("```") { return "```" }
        if rest.hasPrefix("~~~") { return "~~~" }
        return nil
    }

    /// (keyword, text after the colon, 1-based column where that text starts) for a directive line.
    private func directive(_ line: String) -> (String, String, Int)? {
        for keyword in PageParser.directives where line.hasPrefix(keyword + ":") {
            return (keyword, String(line.dropFirst(keyword.count + 1)), keyword.unicodeScalars.count + 2)
        }
        return nil
    }

    /// Reports `clam: …`-style lines that look like a misspelt directive.
    private mutating func checkMisspelledDirective(_ line: String, _ number: Int) {
        guard let colon = line.firstIndex(of: ":") else { return }
        let word = String(line[..<colon])
        guard word.count >= 3, word.count <= 8, word.unicodeScalars.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return }
        guard let match = PageParser.directives.first(where: { Suggestions.editDistance(word, $0) == 1 }) else { return }
        fail(number, "unknown directive `\(word):` (did you mean `\(match):`?); start the line with `\\` if it is text")
    }

    private mutating func read(_ keyword: String, _ rest: String, column: Int, line: Int, into draft: inout Draft) {
        switch keyword {
        case "focus":
            for word in words(rest) {
                if let row = FocusRow(rawValue: word) {
                    draft.page.focus.append(row)
                } else {
                    let options = FocusRow.allCases.map(\.rawValue)
                    let hint = Suggestions.hint(for: word, among: options)
                    fail(line, "unknown focus row '\(word)' (" + (hint.isEmpty ? "expected one of: \(options.joined(separator: ", "))" : hint) + ")")
                }
            }
            if words(rest).isEmpty { fail(line, "focus: names no rows") }
        case "keys", "try":
            let tokens = words(rest)
            if tokens.isEmpty { fail(line, "\(keyword): names no keys") }
            for token in tokens {
                if let key = LessonKey(token: token) {
                    if keyword == "keys" { draft.page.keys.append(key) } else { draft.page.tryKeys.append(key) }
                } else {
                    fail(line, "unknown key '\(token)' (the app's keys are: \(LessonKey.spellings.joined(separator: " ")))")
                }
            }
        case "set":
            readSettings(rest, line: line, into: &draft.page.settings)
        case "panel":
            readPanel(rest, line: line, into: &draft.page.panels)
        case "cursor":
            if let first = draft.cursorLine {
                fail(line, "cursor is set twice on this page (first on line \(first))")
                return
            }
            draft.cursorLine = line
            let text = rest.trimmingSpaces
            if text == "last" { draft.page.cursor = -1; return }
            if text == "first" { draft.page.cursor = 1; return }
            do {
                let n = try ValueParsing.integer(text, "cursor", -PageParser.cursorLimit...PageParser.cursorLimit)
                if n == 0 { fail(line, "cursor 0: steps count from 1 (use -1 or `last` for the last step)") } else { draft.page.cursor = n }
            } catch {
                fail(line, error.message)
            }
        case "claim":
            readClaim(rest, column: column, line: line, phase: .opening, into: &draft.page.claims)
        case "after":
            readClaim(rest, column: column, line: line, phase: .afterKeys, into: &draft.page.claims)
        default:
            break
        }
    }

    private func words(_ text: String) -> [String] {
        text.split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init)
    }

    /// `key=value` items separated by commas, each with its key.
    private mutating func items(_ text: String, line: Int, directive: String) -> [(key: String, value: String)] {
        let parts = text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        var out: [(String, String)] = []
        for item in parts {
            guard let equals = item.firstIndex(of: "=") else {
                fail(line, "expected key=value in \(directive): (got '\(item.prefix(40))')")
                continue
            }
            out.append((String(item[..<equals]).trimmingSpaces, String(item[item.index(after: equals)...]).trimmingSpaces))
        }
        return out
    }

    /// Applies a model or training key; false when the key is neither.
    private mutating func applyModelOrTraining(_ key: String, _ value: String, line: Int,
                                               model: inout ModelOverride, training: inout TrainingOverride) -> Bool {
        do {
            if ModelFields.keys.contains(key) {
                try ModelFields.apply(key, value, to: &model)
                return true
            }
            if TrainingFields.overridableKeys.contains(key) {
                try TrainingFields.apply(key, value, to: &training)
                return true
            }
        } catch {
            fail(line, error.message)
            return true
        }
        return false
    }

    private mutating func readSettings(_ text: String, line: Int, into settings: inout PageSettings) {
        let pairs = items(text, line: line, directive: "set")
        if pairs.isEmpty && !text.contains("=") { fail(line, "set: changes nothing (write `set: key=value, key=value`)") }
        let known = ModelFields.keys + TrainingFields.overridableKeys + ["compare", "example"]
        for (key, value) in pairs {
            settings.lines[key] = line
            do {
                switch key {
                case "compare": settings.compare = try ValueParsing.boolean(value, "compare")
                case "example": settings.example = try ValueParsing.integer(value, "example", 1...PageParser.exampleLimit)
                case "train":
                    fail(line, "set: train= is gone: a page opens before training; ask the student to press t (`keys: t`) and check the trained model with `after:` claims")
                default:
                    if applyModelOrTraining(key, value, line: line, model: &settings.model, training: &settings.training) { continue }
                    // Anything else is a setting of the lesson's task (checked against the task
                    // catalogue once the whole lesson is read), unless it looks like a typo.
                    if let near = known.first(where: { Suggestions.editDistance(key, $0) == 1 }) {
                        fail(line, "unknown key `\(key)` in set: (did you mean `\(near)`?)")
                        continue
                    }
                    guard key.unicodeScalars.allSatisfy({ ($0 >= "a" && $0 <= "z") || $0 == "_" || ($0 >= "0" && $0 <= "9") }), !key.isEmpty else {
                        fail(line, "`\(key.prefix(40))` is not a setting name in set:")
                        continue
                    }
                    let scalar = try ValueParsing.scalar(value, quoted: false, key)
                    try TaskFields.check(key, scalar)
                    settings.task[key] = scalar
                }
            } catch {
                fail(line, error.message)
            }
        }
    }

    /// `panel: LABEL | key=value, …`: one model the page shows.
    private mutating func readPanel(_ text: String, line: Int, into panels: inout [PanelSpec]) {
        let label: String
        let rest: String
        if let bar = text.firstIndex(of: "|") {
            label = String(text[..<bar]).trimmingSpaces
            rest = String(text[text.index(after: bar)...])
        } else {
            label = text.trimmingSpaces
            rest = ""
        }
        guard !label.isEmpty else {
            fail(line, "panel: needs a label before `|` (write `panel: IRNN | activation=relu, init=identity`)")
            return
        }
        guard label.count <= 40 else {
            fail(line, "panel label is longer than 40 characters")
            return
        }
        if let first = panels.first(where: { $0.label == label }) {
            fail(line, "duplicate panel label '\(label)' (first on line \(first.line))")
            return
        }
        if panels.count == PageParser.maxPanels {
            fail(line, "a page shows at most \(PageParser.maxPanels) panels")
            return
        }
        var panel = PanelSpec(label: label, line: line)
        let known = ModelFields.keys + TrainingFields.overridableKeys
        for (key, value) in items(rest, line: line, directive: "panel") {
            if applyModelOrTraining(key, value, line: line, model: &panel.model, training: &panel.training) { continue }
            // Anything else is a setting of the lesson's task (checked against the task catalogue
            // once the whole lesson is read), unless it looks like a typo of a model key.
            if let near = known.first(where: { Suggestions.editDistance(key, $0) == 1 }) {
                fail(line, "unknown key `\(key)` in panel: (did you mean `\(near)`?)")
                continue
            }
            do {
                let scalar = try ValueParsing.scalar(value, quoted: false, key)
                try TaskFields.check(key, scalar)
                panel.task[key] = scalar
            } catch {
                fail(line, error.message)
            }
        }
        panels.append(panel)
    }

    /// Page-level rules that need the whole page: keys that would undo what the page sets.
    private mutating func checkConsistency(_ page: LessonPage) {
        let played = Set(page.playedKeys)
        if page.settings.compare == true && played.contains(.c) {
            fail(page.line, "the page opens in compare mode (set: compare=on) and asks for c, which leaves it; drop one of them")
        }
        if page.settings.training.clip != nil && played.contains(.g) {
            fail(page.line, "the page sets clip= and asks for g, which toggles clipping back; open without clip= and let g switch it")
        }
        if page.panels.count == 1 {
            fail(page.panels[0].line, "one panel: write its settings in set: (panels are for two to four models side by side)")
        }
        if !page.afterClaims.isEmpty && page.playedKeys.isEmpty {
            let line = page.afterClaims[0].line
            fail(line, "after: claims read the state after the page's keys, but keys: names none that change anything")
        }
    }

    private mutating func readClaim(_ text: String, column: Int, line: Int, phase: LessonClaim.Phase, into claims: inout [LessonClaim]) {
        var source = text
        var note: String?
        if let hash = text.firstIndex(of: "#") {
            source = String(text[..<hash])
            let comment = String(text[text.index(after: hash)...]).trimmingSpaces
            note = comment.isEmpty ? nil : comment
        }
        let leading = source.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
        let expressionText = source.trimmingSpaces
        let start = column + leading
        guard !expressionText.isEmpty else {
            fail(line, "claim: is empty (write `claim: dh[1] < dh[-1]`)")
            return
        }
        do {
            // Pad with spaces so every column the parser reports is a column of the file's line.
            let parsed = try ClaimParser.parseWithNames(String(repeating: " ", count: start - 1) + expressionText)
            if parsed.expression.malformedPanelCalls > 0 {
                fail(line, "panel(…) takes a panel's label in quotes, panel(\"IRNN\"), or its position 1–4, panel(2)")
            }
            if let vocabulary {
                for problem in vocabulary.problems(in: parsed) {
                    fail(line, "claim at column \(problem.column): \(problem.message)")
                }
            }
            claims.append(LessonClaim(expression: parsed.expression, source: expressionText, note: note, line: line, phase: phase))
        } catch {
            fail(line, "claim does not parse at column \(error.column): \(error.message)")
        }
    }
}
