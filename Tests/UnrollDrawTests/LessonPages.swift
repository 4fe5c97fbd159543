import Foundation
import TestSupport

/// One page of a lesson file as the student reads it.
struct LessonPageText {
    var file: String
    var number: Int
    var title: String
    var body: String
    var name: String { "\(file) p\(number) “\(title)”" }
}

/// Every page body of every lesson in the repository's `lessons/` folder.
///
/// Split here by the format's own rules (lessons/README.md) rather than through UnrollLessons, so the
/// drawing tests do not depend on the loader: the front matter is skipped, a page starts at `## `
/// outside fenced code, directive lines (`focus:` `keys:` `try:` `set:` `cursor:` `claim:` in
/// column 1) are removed and `\claim:` shows as `claim:`.
enum LessonPages {
    static let directives = ["focus", "keys", "try", "set", "cursor", "claim"]

    static func all() throws -> [LessonPageText] {
        let dir = Fixtures.lessonsDirectory
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
        var pages: [LessonPageText] = []
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            pages += split(text, file: f)
        }
        return pages
    }

    static func isDirective(_ line: String) -> Bool {
        directives.contains { line.hasPrefix($0 + ":") }
    }

    static func split(_ text: String, file: String) -> [LessonPageText] {
        var lines = text.components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") { lines.removeSubrange(0...end) }
        var pages: [LessonPageText] = []
        var title: String? = nil
        var body: [String] = []
        var fence: String? = nil
        func finish() {
            guard let t = title else { return }
            while body.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeFirst() }
            while body.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeLast() }
            pages.append(LessonPageText(file: file, number: pages.count + 1, title: t, body: body.joined(separator: "\n")))
            body = []
        }
        for line in lines {
            let stripped = line.drop { $0 == " " }
            if line.prefix(while: { $0 == " " }).count <= 3, let marker = ["```", "~~~"].first(where: { stripped.hasPrefix($0) }) {
                if fence == nil { fence = marker } else if stripped.hasPrefix(fence!) { fence = nil }
            } else if fence == nil {
                if line.hasPrefix("## ") { finish(); title = String(line.dropFirst(3)); continue }
                if isDirective(line) { continue }
                if line.hasPrefix("\\"), isDirective(String(line.dropFirst())) { body.append(String(line.dropFirst())); continue }
            }
            body.append(line)
        }
        finish()
        return pages
    }
}
