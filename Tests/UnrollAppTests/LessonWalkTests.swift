import Foundation
import Testing
import TestSupport
import UnrollApp
import UnrollLab
import UnrollLessons

/// Every page of every lesson, walked as a student walks it: the page opens, its `claim:` lines
/// hold on what the screen shows; its keys are pressed through `update` (animations and training
/// played to the end), each changes the screen, and its `after:` lines hold on the state they
/// lead to. Every figure a claim reads is drawn on that state's 100×30 frame.
/// A lesson that teaches something false, or whose screen does not show what it says, must not ship.
struct LessonWalkTests {
    static let data = LessonLocator.dataDirectory(for: Fixtures.lessonsDirectory)
    static let catalog = LessonLocator.loader(dataDirectory: data).loadDirectory(Fixtures.lessonsDirectory.path)
    static let lessonFiles = catalog.lessons.map { ($0.path as NSString).lastPathComponent }

    @Test func everyLessonFileLoads() {
        #expect(Self.catalog.errors.isEmpty, "\(Self.catalog.errors.map(\.description).joined(separator: "\n"))")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.lessonsDirectory.path)) ?? []
        let lessonFiles = files.filter { $0.hasSuffix(".md") && $0 != "README.md" }
        #expect(Self.catalog.lessons.count == lessonFiles.count)
    }

    @Test func theCurriculumIsComplete() {
        let numbers = Set(Self.catalog.lessons.compactMap(\.number))
        #expect(numbers.isSuperset(of: Set(1...18)), "missing lessons: \(Set(1...18).subtracting(numbers).sorted())")
    }

    @Test(arguments: lessonFiles)
    func everyPageHoldsOnScreen(file: String) throws {
        let lesson = try #require(Self.catalog.lessons.first { ($0.path as NSString).lastPathComponent == file })
        let results = PageChecker.check(lesson, dataDirectory: Self.data)
        for r in results {
            #expect(r.holds, "\(file):\(r.line) (page \(r.page)): \(r.source) — \(r.message)")
        }
        // Every page that asks for keys has something to check after them, and every page
        // checks something.
        for (i, page) in lesson.pages.enumerated() {
            #expect(!page.claims.isEmpty, "\(file) page \(i + 1) '\(page.title)' checks nothing")
            if page.playedKeys.contains(where: { [.t, .c, .g, .a, .m, .i].contains($0) }) {
                #expect(!page.afterClaims.isEmpty, "\(file) page \(i + 1) asks for \(page.playedKeys.map(\.rawValue)) but checks nothing after them")
            }
        }
    }
}

/// The example lesson in `lessons/README.md` is what lecturers copy: its claims hold on screen.
struct ReadmeExampleWalkTests {
    @Test func theDocumentedExampleHoldsOnScreen() throws {
        let readme = Fixtures.lessonsDirectory.appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "<!-- lesson-example:start -->\n```markdown\n"))
        let end = try #require(text.range(of: "```\n<!-- lesson-example:end -->"))
        let lesson = try LessonLocator.loader(dataDirectory: LessonWalkTests.data)
            .load(text: String(text[start.upperBound..<end.lowerBound]), path: "08-vanishing.md")
        let results = PageChecker.check(lesson, dataDirectory: LessonWalkTests.data)
        #expect(results.count >= 6)
        for r in results { #expect(r.holds, "README example page \(r.page): \(r.source) — \(r.message)") }
    }
}
