import Foundation
import Testing
import TestSupport
import UnrollEngine

/// Every PyTorch reference case must be reproduced to the format's tolerances.
struct ReferenceCaseTests {
    static let files = Fixtures.caseFiles.map { $0.lastPathComponent }

    @Test func thereAreReferenceCases() {
        #expect(Self.files.count >= 14)
    }

    @Test(arguments: files)
    func matchesPyTorch(file: String) throws {
        let url = Fixtures.casesDirectory.appendingPathComponent(file)
        let c = try ReferenceCase.load(path: url.path)
        let expected = try #require(c.expected)
        let produced = try JSONSerialization.jsonObject(with: Data(CaseRunner.run(c).serialized().utf8)) as! [String: Any]
        for (key, value) in expected {
            let actual = try #require(produced[key], "engine output lacks '\(key)'")
            let tolerance = key == "state_jacobian_norms" ? 1e-6 : 1e-8
            if let nested = value as? [String: Any] {
                let actualNested = try #require(actual as? [String: Any])
                for (name, v) in nested {
                    let a = try #require(actualNested[name], "\(key).\(name) missing")
                    let problem = Tolerance.mismatch(actual: Tolerance.flatten(a), expected: Tolerance.flatten(v), tolerance: tolerance)
                    #expect(problem == nil, "\(file) \(key).\(name): \(problem ?? "")")
                }
            } else {
                let problem = Tolerance.mismatch(actual: Tolerance.flatten(actual), expected: Tolerance.flatten(value), tolerance: tolerance)
                #expect(problem == nil, "\(file) \(key): \(problem ?? "")")
            }
        }
    }
}
