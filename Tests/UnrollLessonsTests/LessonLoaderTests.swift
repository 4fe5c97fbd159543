import Foundation
import Testing
import UnrollEngine
@testable import UnrollLessons

@Suite("Loading a complete lesson")
struct LessonLoaderTests {
    let lesson: Lesson

    init() throws {
        lesson = try LessonLoader().load(text: SampleLessons.vanishing, path: "lessons/08-vanishing.md")
    }

    @Test func frontMatter() {
        #expect(lesson.id == "vanishing")
        #expect(lesson.number == 8)
        #expect(lesson.title == "Vanishing gradients")
        #expect(lesson.summary == "Why a tanh RNN forgets the distant past.")
        #expect(lesson.path == "lessons/08-vanishing.md")
        #expect(lesson.model.cell == .rnn)
        #expect(lesson.model.activation == .tanh)
        #expect(lesson.model.hidden == 16)
        #expect(lesson.model.radius == 0.9)
        #expect(lesson.model.seed == 7)
        #expect(lesson.model.layers == 1)
        #expect(lesson.task.name == "adding")
        #expect(lesson.task.settings == ["length": .integer(40), "marked": .integer(2)])
        #expect(lesson.task.settingLines["length"] == 13)
        #expect(lesson.training.optimizer == .adam)
        #expect(lesson.training.lr == 0.001)
        #expect(lesson.training.steps == 2000)
        #expect(lesson.training.clip == 1.0)
        #expect(lesson.training.truncate == nil)
    }

    @Test func compareVariants() {
        #expect(lesson.compare.map(\.label) == ["RNN tanh", "LSTM"])
        #expect(lesson.compare[1].model.cell == .lstm)
        #expect(lesson.compare[1].model.forgetBias == 1)
        #expect(lesson.compare[1].model.hidden == 16, "variants inherit the lesson's model")
        #expect(lesson.compare[1].line == 22)
    }

    @Test func firstPage() throws {
        #expect(lesson.pages.count == 2)
        let page = lesson.pages[0]
        #expect(page.title == "The gradient fades")
        #expect(page.line == 25)
        #expect(page.body == "Step the backward pass and watch ‖dL/dh_t‖ shrink.")
        #expect(page.focus == [.gradient, .hidden])
        #expect(page.keys == [.previousStep, .nextStep, .b])
        #expect(page.cursor == 40)
        #expect(page.startStep(steps: 40) == 39)
        #expect(page.claims.count == 2)
        let claim = try #require(page.claims.first)
        #expect(claim.source == "dh[1] < dh[40] / 1e6")
        #expect(claim.note == "a millionth of the last step's gradient")
        #expect(claim.line == 32)
        #expect(claim.expression == .binary(.less,
            .index(.name("dh"), [.at(.number(1))]),
            .binary(.divide, .index(.name("dh"), [.at(.number(40))]), .number(1e6))))
    }

    @Test func secondPageKeepsFencedTextAndEscapes() {
        let page = lesson.pages[1]
        #expect(page.title == "Turn up the radius")
        #expect(page.body == """
        ```
        claim: this is code, not a directive
        ```
        claim: shown as text
        The bound (σ_max·γ)^(T−t) grows now.
        """)
        #expect(page.settings.model.radius == 1.5)
        #expect(page.settings.model.activation == .relu)
        #expect(page.settings.compare == true)
        #expect(page.settings.training.clip == .off)
        #expect(page.keys.isEmpty && page.tryKeys == [.a], "try: suggests, it does not ask")
        #expect(page.claims.map(\.line) == [44])
        #expect(lesson.model.applying(page.settings.model).radius == 1.5)
    }

    @Test func crlfLineEndingsGiveTheSameLesson() throws {
        let crlf = SampleLessons.vanishing.replacingOccurrences(of: "\n", with: "\r\n")
        let other = try LessonLoader().load(text: crlf, path: "lessons/08-vanishing.md")
        #expect(other == lesson)
    }

    @Test func taskValidatorProblemsLandOnTheirLines() {
        let loader = LessonLoader(taskValidator: { name, settings in
            var problems: [TaskProblem] = []
            if settings["marked"] != nil { problems.append(TaskProblem(key: "marked", "the adding task has no setting `marked`")) }
            if name == "adding" { problems.append("adding is busy today") }
            return problems
        })
        #expect(messages(SampleLessons.vanishing, loader: loader) == [
            "08-vanishing.md:12: adding is busy today",
            "08-vanishing.md:14: the adding task has no setting `marked`",
        ])
    }

    @Test func directoryIsSortedAndDuplicateIdsAreReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let second = SampleLessons.vanishing.replacingOccurrences(of: "id: vanishing", with: "id: second")
        try SampleLessons.vanishing.write(to: dir.appendingPathComponent("08-vanishing.md"), atomically: true, encoding: .utf8)
        try second.write(to: dir.appendingPathComponent("02-second.md"), atomically: true, encoding: .utf8)
        try SampleLessons.vanishing.write(to: dir.appendingPathComponent("09-copy.md"), atomically: true, encoding: .utf8)
        try "not a lesson".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let catalog = LessonLoader().loadDirectory(dir.path)
        #expect(catalog.lessons.map(\.id) == ["second", "vanishing"])
        #expect(catalog.errors.map(\.description) == [
            "\(dir.path)/09-copy.md:2: duplicate id 'vanishing' (also used by \(dir.path)/08-vanishing.md:2)",
        ])
    }

    @Test func idDefaultsToTheFileName() throws {
        let text = SampleLessons.vanishing.replacingOccurrences(of: "id: vanishing\n", with: "")
        let loaded = try LessonLoader().load(text: text, path: "lessons/12-long-dependency.md")
        #expect(loaded.id == "long-dependency")
        #expect(loaded.number == 12)
    }
}

/// Loads `text` as `08-vanishing.md` and returns its error lines (empty when it loads).
func messages(_ text: String, loader: LessonLoader = LessonLoader()) -> [String] {
    do {
        _ = try loader.load(text: text, path: "08-vanishing.md")
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

/// The sample lesson with line `number` (1-based) replaced by `replacement` (which may hold several lines).
func sample(replacingLine number: Int, with replacement: String) -> String {
    var lines = SampleLessons.vanishing.components(separatedBy: "\n")
    lines[number - 1] = replacement
    return lines.joined(separator: "\n")
}
