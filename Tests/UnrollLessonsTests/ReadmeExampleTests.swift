import Foundation
import Testing
@testable import UnrollLessons

/// The example in `lessons/README.md` is what lecturers copy, so it must load.
@Suite("README example")
struct ReadmeExampleTests {
    @Test func theDocumentedExampleLoads() throws {
        let readme = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons/README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "<!-- lesson-example:start -->\n```markdown\n"))
        let end = try #require(text.range(of: "```\n<!-- lesson-example:end -->"))
        let example = String(text[start.upperBound..<end.lowerBound])
        let lesson = try LessonLoader().load(text: example, path: "08-vanishing.md")
        #expect(lesson.pages.map(\.title) == ["The gradient fades", "The bound", "Three fixes side by side"])
        #expect(lesson.compare.count == 3)
        #expect(lesson.pages[0].cursor == -1)
        #expect(lesson.claims.count == 6)
        #expect(lesson.pages[2].playedKeys == [.c])
        #expect(lesson.pages[2].afterClaims.count == 2)
    }

}
