import Foundation
import Testing
import UnrollEngine
@testable import UnrollTasks

@Suite("Task catalog and the shared example contract")
struct CatalogTests {
    static let expectedNames = [
        "next-word", "hello", "sentiment-order", "long-range", "adding", "adding-hs97", "temporal-order",
        "reber", "embedded-reber", "sine", "digits", "text", "seq2seq",
    ]

    @Test func catalogListsEveryTaskOnceWithKebabCaseNames() {
        #expect(TaskCatalog.names == Self.expectedNames)
        for name in TaskCatalog.names {
            #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(name) is not kebab-case")
        }
        for type in TaskCatalog.all { #expect(!type.summary.isEmpty && !type.summary.contains("\n")) }
    }

    @Test func namedFindsTasksAndSuggestsCloseNames() throws {
        #expect(try TaskCatalog.named("adding").name == "adding")
        #expect(try TaskCatalog.named("Embedded_Reber").name == "embedded-reber")
        #expect(throws: TaskError.unknownTask(name: "addng", suggestion: "adding")) { try TaskCatalog.named("addng") }
        #expect(throws: TaskError.unknownTask(name: "rebr", suggestion: "reber")) { try TaskCatalog.named("rebr") }
        #expect(throws: TaskError.unknownTask(name: "sentiment", suggestion: "sentiment-order")) {
            try TaskCatalog.named("sentiment")
        }
        #expect(throws: TaskError.unknownTask(name: "quantum-chess", suggestion: nil)) {
            try TaskCatalog.named("quantum-chess")
        }
        let message = TaskError.unknownTask(name: "addng", suggestion: "adding").description
        #expect(message.contains("Did you mean 'adding'?"))
    }

    @Test func editDistanceCountsEdits() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("sine", "sine") == 0)
    }

    @Test func settingsAreValidatedWithClearErrors() throws {
        #expect(throws: TaskError.self) { try AddingTask(settings: ["length": "0"]) }
        #expect(throws: TaskError.self) { try AddingTask(settings: ["length": "10001"]) }
        #expect(throws: TaskError.self) { try AddingTask(settings: ["length": "ten"]) }
        #expect(try AddingTask(settings: ["length": "10000"]).length == 10_000)
        #expect(try AddingTask(settings: ["T": "37"]).length == 37)
        #expect(try AddingTask(settings: [:]).length == 100)
        do {
            _ = try AddingTask(settings: ["length": "0"])
            Issue.record("expected an error")
        } catch let error as TaskError {
            #expect(error.description.contains("1…10000") || error.description.contains("2…10000"))
        }
        do {
            _ = try AddingTask(settings: ["lenght": "50"])
            Issue.record("expected an error")
        } catch let error as TaskError {
            guard case .unknownSetting(_, _, _, let suggestion) = error else { Issue.record("wrong error"); return }
            #expect(suggestion == "length")
        }
        #expect(throws: TaskError.self) { try SineTask(settings: ["min_period": "40", "max_period": "20"]) }
        #expect(throws: TaskError.self) { try Seq2SeqTask(settings: ["mode": "sort"]) }
        #expect(try Seq2SeqTask(settings: ["reverse-source": "yes"]).reverseSource)
        #expect(throws: TaskError.self) { try HelloTask(settings: ["words": "hello,world"]) }
        #expect(throws: TaskError.self) { try ExampleBuilder.checkCount(-1, task: "x") }
    }

    /// Every task, built with its defaults, produces examples that honour the shape and mask contract.
    @Test(arguments: expectedNames)
    func examplesHonourTheShape(name: String) throws {
        let task = try TaskCatalog.make(name, dataDirectory: lessonsDataDirectory())
        let shape = task.shape
        let batch = try task.examples(count: 12, seed: 7, split: .train)
        #expect(batch.count == 12)
        let lengths = Set(batch.map(\.length))
        #expect(lengths.count == 1, "a batch is padded to one length")
        if let T = shape.length { #expect(lengths == [T]) }
        for e in batch {
            let mask = try #require(e.mask)
            #expect(mask.count == e.input.length && e.target.length == e.input.length)
            #expect(mask.allSatisfy { $0 == 0 || $0 == 1 })
            #expect(mask.contains(1))
            switch shape.scoring {
            case .everyStep: #expect(mask.allSatisfy { $0 == 1 })
            case .lastStep: #expect(mask.last == 1 && mask.dropLast().allSatisfy { $0 == 0 })
            case .mask: break
            }
            switch (e.input, shape.input) {
            case (.symbols(let s), .symbols(let names)): #expect(s.allSatisfy { names.indices.contains($0) })
            case (.vectors(let v), .dense(let size)): #expect(v.allSatisfy { $0.count == size })
            default: Issue.record("\(name): input kind does not match the shape")
            }
            switch (e.target, shape.loss) {
            case (.classes(let c), .crossEntropy): #expect(c.allSatisfy { (0..<shape.outputSize).contains($0) })
            case (.values(let v), .mse): #expect(v.allSatisfy { $0.count == shape.outputSize })
            default: Issue.record("\(name): target kind does not match the loss")
            }
            #expect(task.inputLabels(for: e).count == e.length)
        }
        if let names = shape.outputNames { #expect(names.count == shape.outputSize) }
        if let baseline = task.baselineLoss { #expect(baseline > 0 && baseline.isFinite) }
        // Settings round-trip: rebuilding from the resolved settings gives the same examples.
        let rebuilt = try TaskCatalog.make(name, settings: task.settings, dataDirectory: lessonsDataDirectory())
        #expect(try rebuilt.examples(count: 12, seed: 7, split: .train) == batch)
    }

    @Test(arguments: expectedNames)
    func sameSeedSameExamplesDifferentSeedOrSplitDiffer(name: String) throws {
        // The default hello task has a single word, so every example is the same by design.
        let settings = name == "hello" ? ["words": "hello,hole,heel,hell,loo"] : [:]
        let task = try TaskCatalog.make(name, settings: settings, dataDirectory: lessonsDataDirectory())
        let a = try task.examples(count: 20, seed: 42, split: .train)
        let b = try task.examples(count: 20, seed: 42, split: .train)
        let c = try task.examples(count: 20, seed: 43, split: .train)
        let d = try task.examples(count: 20, seed: 42, split: .test)
        #expect(a == b)
        #expect(a != c)
        #expect(a != d)
    }

    @Test func scoringCountsOnlyScoredStepsAndNeverTrapsOnBadReadouts() throws {
        let task = try TemporalOrderTask(length: 20)
        let e = try #require(try task.examples(count: 1, seed: 1, split: .train).first)
        let label = try #require(classes(e).last)
        let right = confident(Array(repeating: label, count: 20), size: 4)
        let wrong = confident(Array(repeating: (label + 1) % 4, count: 20), size: 4)
        #expect(counts(task.score(readouts: right, example: e)) == [1, 1])
        #expect(counts(task.score(readouts: wrong, example: e)) == [0, 1])
        #expect(counts(task.score(readouts: [], example: e)) == [0, 1])
        #expect(counts(task.score(readouts: [[Double.nan]], example: e)) == [0, 1])
        #expect(task.accuracy(readouts: [right, wrong], examples: [e, e]) == 0.5)
    }
}
