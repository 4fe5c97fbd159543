/// Splits the Markdown after the front matter into pages and reads each page's directive lines.
///
/// A page starts at a line `## Title`. A directive is a line that starts (in column 1) with one of
/// `focus:`, `keys:`, `try:`, `set:`, `cursor:`, `claim:`; it is removed from the page's body. Inside
/// fenced code blocks (``` or ~~~) nothing is a heading or a directive. A line starting with `\` followed
/// by a directive keyword is body text with the backslash removed.
struct PageParser {
    static let directives = ["focus", "keys", "try", "set", "cursor", "claim"]
    static let cursorLimit = 10_000

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

    private func finish(_ draft: Draft) -> LessonPage {
        var page = draft.page
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
                    draft.page.keys.append(key)
                } else {
                    fail(line, "unknown key '\(token)' (the app's keys are: \(LessonKey.spellings.joined(separator: " ")))")
                }
            }
        case "set":
            readSettings(rest, line: line, into: &draft.page.settings)
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
            readClaim(rest, column: column, line: line, into: &draft.page.claims)
        default:
            break
        }
    }

    private func words(_ text: String) -> [String] {
        text.split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init)
    }

    private mutating func readSettings(_ text: String, line: Int, into settings: inout PageSettings) {
        let items = text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        if items.isEmpty { fail(line, "set: changes nothing (write `set: key=value, key=value`)") }
        let switches = ["compare", "clip", "train"]
        for item in items {
            guard let equals = item.firstIndex(of: "=") else {
                fail(line, "expected key=value in set: (got '\(item.prefix(40))')")
                continue
            }
            let key = String(item[..<equals]).trimmingSpaces
            let value = String(item[item.index(after: equals)...]).trimmingSpaces
            do {
                switch key {
                case "compare": settings.compare = try ValueParsing.boolean(value, "compare")
                case "train": settings.train = try ValueParsing.boolean(value, "train")
                case "clip":
                    settings.clip = value.lowercased() == "off"
                        ? .off : .norm(try ValueParsing.real(value, "clip", 0, 1e6, lowerOpen: true))
                default:
                    guard ModelFields.keys.contains(key) else {
                        let allowed = ModelFields.keys + switches
                        let hint = Suggestions.hint(for: key, among: allowed, quote: "`")
                        fail(line, "unknown key `\(key)` in set: (" + (hint.isEmpty ? "expected one of: \(allowed.joined(separator: ", "))" : hint) + ")")
                        continue
                    }
                    try ModelFields.apply(key, value, to: &settings.model)
                }
            } catch {
                fail(line, error.message)
            }
        }
    }

    private mutating func readClaim(_ text: String, column: Int, line: Int, into claims: inout [LessonClaim]) {
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
            if let vocabulary {
                for problem in vocabulary.problems(in: parsed) {
                    fail(line, "claim at column \(problem.column): \(problem.message)")
                }
            }
            claims.append(LessonClaim(expression: parsed.expression, source: expressionText, note: note, line: line))
        } catch {
            fail(line, "claim does not parse at column \(error.column): \(error.message)")
        }
    }
}
