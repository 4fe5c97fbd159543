import Foundation
import Testing
import TestSupport
import UnrollLab
import UnrollLessons

/// Every lesson loads without a single error, and every claim of every lesson holds.
/// A lesson that teaches something false must not ship.
struct LessonClaimTests {
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
    func everyClaimHolds(file: String) throws {
        let lesson = try #require(Self.catalog.lessons.first { ($0.path as NSString).lastPathComponent == file })
        let results = LessonChecker.check(lesson, dataDirectory: Self.data)
        for r in results {
            #expect(r.holds, "\(file):\(r.line): \(r.source) — \(r.message)")
        }
    }

    @Test(arguments: lessonFiles)
    func everyPageOpens(file: String) throws {
        let lesson = try #require(Self.catalog.lessons.first { ($0.path as NSString).lastPathComponent == file })
        for index in lesson.pages.indices {
            let e = try Experiment(ExperimentSettings(lesson: lesson, page: index), dataDirectory: Self.data)
            let f = try e.figures()
            #expect(f.steps > 0)
        }
    }
}
