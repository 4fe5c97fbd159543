import Foundation
import TestSupport
import UnrollLessons

/// One page of a lesson file as the student reads it.
struct LessonPageText {
    var file: String
    var number: Int
    var title: String
    var body: String
    var name: String { "\(file) p\(number) “\(title)”" }
}

/// Every page body of every lesson in the repository's `lessons/` folder, as the lesson loader
/// gives it to the screen (directive lines removed, `\claim:` shown as `claim:`).
enum LessonPages {
    static func all() throws -> [LessonPageText] {
        let dir = Fixtures.lessonsDirectory
        let catalog = LessonLoader().loadDirectory(dir.path)
        if let e = catalog.errors.first { throw e }
        return catalog.lessons.flatMap { lesson in
            lesson.pages.enumerated().map { i, p in
                LessonPageText(file: (lesson.path as NSString).lastPathComponent, number: i + 1, title: p.title, body: p.body)
            }
        }
    }
}
