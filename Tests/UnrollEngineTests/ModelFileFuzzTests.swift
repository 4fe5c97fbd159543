import Foundation
import Testing
import TestSupport
import UnrollEngine

/// Hostile model files end in a model or one clear line — never a trap or a hang.
struct ModelFileFuzzTests {
    @Test func tenThousandMutatedModelFilesLoadOrFailCleanly() throws {
        let sources = try Fixtures.modelNames.map { [UInt8](try Data(contentsOf: Fixtures.Model($0).model)) }
        #expect(sources.count >= 6)
        var mutator = SafeTensorsMutator(seed: 2027)
        var rng = SeededRandom(seed: 5)
        var parsed = 0, mapped = 0, ran = 0, refused = 0
        var reasons: [String: Int] = [:]
        let start = Date()
        let count = 10_000
        for i in 0..<count {
            let bytes = mutator.mutate(sources[i % sources.count])
            let label = "mutant-\(i).safetensors"
            do {
                let file = try SafeTensorsFile.parse(bytes, fileLabel: label)
                parsed += 1
                let imported = try StateDictImport.model(from: file, fileLabel: label)
                mapped += 1
                // Run what maps, on a short random sequence: non-finite weights flow through as null.
                if i % 4 == 0 {
                    let cfg = imported.model.config
                    let T = 4
                    let input: InputSequence = cfg.inputEncoding == .dense
                        ? .vectors((0..<T).map { _ in (0..<cfg.inputSize).map { _ in rng.uniform(-1, 1) } })
                        : .symbols((0..<T).map { _ in rng.int(below: cfg.inputSize) })
                    let target: TargetSequence = cfg.loss == .mse
                        ? .values((0..<T).map { _ in (0..<cfg.outputSize).map { _ in rng.uniform(-1, 1) } })
                        : .classes((0..<T).map { _ in rng.int(below: cfg.outputSize) })
                    let run = ImportedRun(source: imported, example: Example(input: input, target: target), hasTarget: true)
                    let out = try ModelTrace.run(run).serialized()
                    #expect(out.hasPrefix("{\"loss\":"))
                    ran += 1
                }
            } catch let e as ImportError {
                refused += 1
                #expect(e.description.hasPrefix(label + ": "), "\(e.description)")
                #expect(!e.description.contains("\n"), "one line: \(e.description)")
                let words = e.message.split(separator: " ").prefix(3).joined(separator: " ")
                reasons[words, default: 0] += 1
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print("model-file fuzz: \(count) mutants, \(parsed) parsed, \(mapped) mapped to a model, \(ran) run, \(refused) refused in \(String(format: "%.2f", seconds)) s; \(reasons.count) kinds of refusal")
        #expect(mapped + refused == count)
        #expect(mapped > 1_000 && refused > 3_000, "both paths exercised (mapped \(mapped), refused \(refused))")
        #expect(reasons.count > 25, "many different refusals: \(reasons.keys.sorted())")
        #expect(seconds < 60)
    }

    @Test func fourThousandMutatedSequenceFilesLoadOrFailCleanly() throws {
        let fixtures = try Fixtures.modelNames.map { name -> (ModelConfig, [UInt8], [UInt8]) in
            let f = Fixtures.Model(name)
            let cfg = try StateDictImport.load(path: f.model.path, options: try f.options()).model.config
            return (cfg, [UInt8](try Data(contentsOf: f.input)), [UInt8](try Data(contentsOf: f.target)))
        }
        var mutator = Mutator(seed: 77)
        var loaded = 0, refused = 0
        for i in 0..<4_000 {
            let (cfg, input, target) = fixtures[i % fixtures.count]
            let label = "mutant-\(i).csv"
            do {
                if i % 2 == 0 {
                    _ = try SequenceCSV.input(bytes: mutator.mutate(input), fileLabel: label, for: cfg)
                } else {
                    let T = try SequenceCSV.input(bytes: input, fileLabel: "x", for: cfg).length
                    _ = try SequenceCSV.target(bytes: mutator.mutate(target), fileLabel: label, for: cfg, steps: T)
                }
                loaded += 1
            } catch let e as ImportError {
                refused += 1
                #expect(e.description.hasPrefix(label + ":"), "\(e.description)")
                #expect(!e.description.contains("\n"))
            }
        }
        #expect(loaded > 200 && refused > 1_000, "both paths exercised (loaded \(loaded), refused \(refused))")
    }
}
