import Foundation
import Testing
import TestSupport
import UnrollApp
import UnrollEngine
import UnrollLab
import UnrollLessons
import UnrollTasks

/// `unroll export`'s table: exact numbers, marks apart, null (not applicable) apart from
/// non-finite numbers, probabilities, α, correctness and the held-out accuracy.
struct FiguresExportTests {
    func experiment(_ change: (inout ExperimentSettings) -> Void) throws -> Experiment {
        var s = ExperimentSettings()
        s.hidden = 5
        change(&s)
        return try Experiment(s, dataDirectory: nil)
    }

    func table(_ f: Figures) throws -> (columns: [String], rows: [[String: Any]], meta: [String: Any]) {
        let json = FiguresExport.json(f, meta: ["task": "x"], metaNumbers: ["accuracy": 0.25])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return (try #require(root["columns"] as? [String]), try #require(root["rows"] as? [[String: Any]]),
                try #require(root["meta"] as? [String: Any]))
    }

    @Test func denseInputsAreExactNumbersWithMarksInTheirOwnColumn() throws {
        let e = try experiment { $0.task = "adding"; $0.taskSettings = ["length": "8"] }
        let f = try e.figures()
        guard case .vectors(let x) = e.example.input, case .values(let target) = e.example.target else { Issue.record("dense"); return }
        let (columns, rows, meta) = try table(f)
        let json = FiguresExport.json(f)
        #expect(Array(columns.prefix(5)) == ["t", "x_1", "x_2", "mark", "target_1"])
        #expect(meta["accuracy"] as? Double == 0.25 && meta["task"] as? String == "x")
        for (t, row) in rows.enumerated() {
            // Exact, not rounded: the shortest text that reads back as the same double. (Linux
            // Foundation's JSONSerialization parses the last digit loosely, so read the text.)
            #expect(json.contains("{\"t\": \(t + 1), \"x_1\": \(x[t][0]), \"x_2\": \(Int(x[t][1]))"), "step \(t + 1)")
            #expect(abs((row["x_1"] as? Double ?? .nan) - x[t][0]) < 1e-15)
            if x[t][1] == 1 { #expect(row["mark"] as? String == "*") } else { #expect(row["mark"] is NSNull) }
            if t < 7 {
                #expect(row["target_1"] is NSNull, "unscored: not applicable")
                #expect(row["correct"] is NSNull)
            } else {
                #expect(json.contains("\"target_1\": \(target[t][0]),"))
                #expect(row["correct"] as? Int == (abs(f.y[t][0] - target[t][0]) < 0.04 ? 1 : 0))
            }
            #expect(row["bound"] is Double && row["dc"] is NSNull, "an RNN has no dc")
        }
        // CSV: the same exact text, empty where not applicable.
        let csv = FiguresExport.csv(f).split(separator: "\n", omittingEmptySubsequences: false)
        let last = csv[8].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Double(last[1]) == x[7][0] && Double(last[4]) == target[7][0])
        let first = csv[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(first[4] == "", "an unscored target is an empty field")
    }

    @Test func symbolTasksWriteNamesProbabilitiesAndCorrectness() throws {
        let f = try experiment { $0.task = "hello" }.figures()
        let (columns, rows, _) = try table(f)
        #expect(Array(columns.prefix(3)) == ["t", "input", "target"])
        #expect(columns.contains("p_1") && columns.contains("p_4") && !columns.contains("p_5") && !columns.contains("alpha_1"))
        let targets = ["e", "l", "l", "o"], names = ["h", "e", "l", "o"]
        for (t, row) in rows.enumerated() {
            #expect(row["input"] as? String == ["h", "e", "l", "l"][t])
            #expect(row["target"] as? String == targets[t])
            let p = (1...4).map { row["p_\($0)"] as! Double }
            #expect(abs(p.reduce(0, +) - 1) < 1e-12)
            let k = names.firstIndex(of: targets[t])!
            #expect(abs(-log(p[k]) - (row["loss"] as! Double)) < 1e-12, "ℓ_t = −log p_t[target]")
            let best = p.indices.max { p[$0] < p[$1] }!
            #expect(row["correct"] as? Int == (best == k ? 1 : 0))
        }
    }

    @Test func attentionRowsAreNullWhereAStepCannotLook() throws {
        let f = try experiment { $0.task = "hello"; $0.cell = .gru; $0.attention = true }.figures()
        let (columns, rows, _) = try table(f)
        #expect(columns.filter { $0.hasPrefix("alpha_") } == ["alpha_1", "alpha_2", "alpha_3", "alpha_4"])
        for (t, row) in rows.enumerated() {
            let alpha = (1...4).map { row["alpha_\($0)"] }
            #expect(alpha[t...].allSatisfy { $0 is NSNull }, "step \(t + 1) looks only at earlier steps")
            if t > 0 {
                let weights = alpha[..<t].map { $0 as! Double }
                #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
                for s in 0..<t { #expect(abs(weights[s] - f.attention![t][s]) < 1e-15) }
            }
        }
    }

    @Test func nonFiniteNumbersAreStringsAndNullMeansNotApplicable() throws {
        let e = try experiment { $0.task = "adding"; $0.taskSettings = ["length": "60"]; $0.activation = .relu; $0.radius = 1e9 }
        let f = try e.figures()
        #expect(f.hasNonFinite, "the radius overflows the state")
        let json = FiguresExport.json(f)
        #expect(json.contains("\"inf\"") || json.contains("\"nan\""))
        let (_, rows, _) = try table(f)
        let values = rows.flatMap { $0.values }
        let strings = Set(values.compactMap { $0 as? String })
        #expect(!strings.intersection(["inf", "-inf", "nan"]).isEmpty)
        #expect(rows.allSatisfy { $0["dc"] is NSNull }, "null stays for not applicable")
        let csv = FiguresExport.csv(f)
        #expect(csv.contains("inf") || csv.contains("nan"))
        #expect(FiguresExport.jsonNumber(.nan) == "\"nan\"" && FiguresExport.jsonNumber(-.infinity) == "\"-inf\"")
        #expect(FiguresExport.jsonNumber(0.1) == "0.1" && FiguresExport.jsonNumber(3) == "3")
    }
}
