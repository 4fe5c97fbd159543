import Foundation
import Testing
import TestSupport
import UnrollLab
import UnrollLessons

/// Hostile lesson files: 10,000 seeded mutations of the real lessons each end in a loaded
/// lesson or in `file:line: …` errors — never a trap, a hang or a silent failure.
struct LessonFuzzTests {
    @Test func tenThousandMutatedLessonsLoadOrReportFileAndLine() throws {
        let dir = Fixtures.lessonsDirectory
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
        #expect(files.count >= 18)
        let sources = try files.map { Array(try Data(contentsOf: dir.appendingPathComponent($0))) }
        let data = LessonLocator.dataDirectory(for: dir)
        let loader = LessonLocator.loader(dataDirectory: data)
        var mutator = Mutator(seed: 77)
        var loaded = 0, rejected = 0, opened = 0
        for i in 0..<10_000 {
            let k = i % sources.count
            let bytes = mutator.mutate(sources[k])
            let path = "mutant-\(i)-\(files[k])"
            do throws(LessonLoadFailure) {
                let lesson = try loader.load(bytes: bytes, path: path)
                loaded += 1
                #expect(!lesson.pages.isEmpty)
                // Every so often, open the first page the way the screen would.
                if i % 50 == 0, let _ = try? Experiment(ExperimentSettings(lesson: lesson, page: 0), dataDirectory: data).figures(includeReach: false) {
                    opened += 1
                }
            } catch {
                rejected += 1
                #expect(!error.errors.isEmpty, "a rejected file must say why")
                for e in error.errors {
                    #expect(e.file == path)
                    #expect(e.description.hasPrefix(path + ":"), "\(e.description)")
                    #expect(!e.message.isEmpty && !e.message.contains("\n"), "one line: \(e.message)")
                }
            }
        }
        #expect(loaded + rejected == 10_000)
        #expect(loaded > 500 && rejected > 2_000, "both paths exercised (loaded \(loaded), rejected \(rejected))")
        #expect(opened > 0)
    }
}
