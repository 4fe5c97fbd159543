import Foundation
import Testing
import TestSupport
import UnrollEngine

/// Hostile case files end in a loaded case or a clear error — never a trap or a hang.
struct CaseFuzzTests {
    @Test func tenThousandMutatedCaseFilesLoadOrFailCleanly() throws {
        // Pretty-print the small cases so line-level mutations have lines to work on.
        let sources = try Fixtures.caseFiles
            .filter { (try? Data(contentsOf: $0).count) ?? 0 < 12_000 }
            .map { url -> [UInt8] in
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
                return Array(try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]))
            }
        #expect(sources.count >= 5)
        var mutator = Mutator(seed: 2026)
        var loaded = 0, refused = 0, ran = 0
        let start = Date()
        for i in 0..<10_000 {
            let bytes = mutator.mutate(sources[i % sources.count])
            do {
                let c = try ReferenceCase.parse(data: Data(bytes), fileLabel: "mutant-\(i).json")
                loaded += 1
                // Run what loads: non-finite numbers must flow through as inf/NaN, not trap.
                if i % 4 == 0 {
                    let out = try CaseRunner.run(c).serialized()
                    #expect(out.hasPrefix("{\"loss\":"))
                    ran += 1
                }
            } catch let e as CaseError {
                refused += 1
                #expect(e.description.hasPrefix("mutant-\(i).json: "))
                #expect(!e.message.isEmpty && !e.message.contains("\n"), "one line: \(e.message)")
            } catch let e as EngineError {
                refused += 1
                #expect(!e.message.isEmpty)
            }
        }
        #expect(loaded + refused == 10_000)
        #expect(loaded > 100 && refused > 1_000, "the mutations must exercise both paths (loaded \(loaded), refused \(refused))")
        #expect(Date().timeIntervalSince(start) < 600)
        _ = ran
    }

    @Test func nonFiniteWeightsPropagateAndAreReported() throws {
        let url = Fixtures.casesDirectory.appendingPathComponent("rnn_relu_exploding.json")
        var c = try ReferenceCase.load(path: url.path)
        c.model.parameters.layers[0].W_hh.scale(by: 1e200)
        let trace = try Network.forward(c.model, [c.example], initialState: c.initialState)
        let back = Network.backward(c.model, trace)
        #expect(!trace.loss.isFinite)
        #expect(back.hiddenGradientNorms[0].contains { !$0.isFinite })
        let json = try CaseRunner.run(c).serialized()
        #expect(json.contains("null"), "non-finite numbers are written as null")
    }
}
