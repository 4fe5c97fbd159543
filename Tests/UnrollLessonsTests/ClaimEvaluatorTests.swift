import Foundation
import Testing
@testable import UnrollLessons

@Suite("Claim evaluation")
struct ClaimEvaluatorTests {
    /// dh falls by 10× per step going back: dh[t] = 10^(t − 40).
    let environment = MapEnvironment([
        "dh": .vector((1...40).map { pow(10, Double($0 - 40)) }),
        "gain": .vector(Array(repeating: 0.5, count: 40)),
        "loss": .vector([1.0, 0.5, 0.25]),
        "T": .number(40),
        "h": .matrix([[1, 2], [3, 4], [5, 6]]),
        "broken": .vector([1, .nan, 3]),
        "cell": .text("lstm"),
    ], functions: [
        "train": { _, keywords in
            .record(["final_loss": .number(keywords["cell"] == .text("lstm") ? 0.01 : 0.17), "baseline_loss": .number(1.0 / 6)])
        },
    ])

    func value(_ text: String) throws -> ClaimValue { try ClaimEvaluator.evaluate(text, in: environment) }
    func holds(_ text: String) throws -> Bool { try ClaimEvaluator.check(text, in: environment).holds }

    func evaluationError(_ text: String) -> String? {
        do {
            _ = try ClaimEvaluator.check(text, in: environment)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func trueAndFalseClaims() throws {
        #expect(try holds("dh[1] < dh[40] / 1e6"))
        #expect(try holds("dh[-1] == 1"))
        #expect(try holds("T == 40 and len(dh) == T"))
        #expect(try !holds("dh[1] > dh[40]"))
        #expect(try holds("cell == lstm"))
        #expect(try holds("train(cell=lstm, steps=2000).final_loss < train(cell=rnn).baseline_loss"))
        #expect(try holds("not (1 > 2) or false"))
    }

    @Test func failureMessageShowsBothSides() throws {
        let result = try ClaimEvaluator.check("dh[30] > dh[40] / 1e6", in: environment)
        #expect(!result.holds)
        #expect(result.left == .number(1e-10))
        #expect(result.right == .number(1e-6))
        #expect(result.message == "dh[30] = 1e-10 is not > dh[40] / 1e6 = 1e-6")
        #expect(result.comparison == .greater)
        let failing = try ClaimEvaluator.check("T == 40 and dh[1] > 1", in: environment)
        #expect(failing.message == "dh[1] = 1e-39 is not > 1")
        #expect(try ClaimEvaluator.check("dh[1] > 1", in: environment).holds == false)
        #expect(try ClaimEvaluator.check("dh[-1] >= 1", in: environment).message == nil)
    }

    @Test func vectorComparisonsNeedAReduction() throws {
        #expect(try value("gain < 1") == .booleans(Array(repeating: true, count: 40)))
        #expect(try holds("all(gain < 1)"))
        #expect(try holds("any(dh > 0.5)"))
        #expect(try !holds("all(dh > 1e-3)"))
        #expect(try value("count(dh > 1e-3)") == .number(3))
        #expect(abs(try number("mean(loss)") - 1.75 / 3) < 1e-12)
        #expect(try value("mean(dh > 1e-3)") == .number(3.0 / 40))
        #expect(evaluationError("gain < 1") == "claim gives 40 true/false values, not one; wrap it in all(…) or any(…)")
        #expect(evaluationError("mean(gain)") == "a claim must be true or false, but mean(gain) is a number")
        let result = try ClaimEvaluator.check("all(dh > 1e-3)", in: environment)
        #expect(result.message == "all(dh > 0.001) is false (37 of 40 false, the first at position 1)")
    }

    func number(_ text: String) throws -> Double {
        guard case .number(let v) = try value(text) else { throw ClaimEvaluationError("not a number") }
        return v
    }

    @Test func builtins() throws {
        #expect(try value("argmax(dh)") == .number(40))
        #expect(try value("argmin(loss)") == .number(3))
        #expect(try value("first(loss) + last(loss)") == .number(1.25))
        #expect(try value("sum(loss[2:3])") == .number(0.75))
        #expect(try value("ratio(loss[1], loss[3])") == .number(4))
        #expect(try value("log10(dh[30])") == .number(-10))
        #expect(try value("max(1, 5, 3)") == .number(5))
        #expect(try value("norm(h[1])") == .number(5.0.squareRoot()))
        #expect(try value("h[2, 1]") == .number(3))
        #expect(try value("h[:, 2]") == .vector([2, 4, 6]))
        #expect(try value("h[-1]") == .vector([5, 6]))
        #expect(try value("len(h)") == .number(3))
        #expect(try value("abs(-loss)") == .vector([1.0, 0.5, 0.25]))
        #expect(try value("sqrt(4)") == .number(2))
    }

    @Test func nanAndInfinity() throws {
        #expect(try !holds("broken[2] < 1"))
        #expect(try !holds("broken[2] > 1"))
        #expect(try !holds("broken[2] == broken[2]"))
        #expect(try !holds("broken[2] != 1"), "every comparison with nan is false")
        #expect(try value("broken > 2") == .booleans([false, false, true]))
        #expect(try number("max(broken)").isNaN)
        #expect(try holds("inf > 1e308"))
        #expect(try holds("-inf < -1e308"))
        #expect(try holds("1 / 0 == inf"))
        #expect(try number("0 / 0").isNaN)
        #expect(try holds("log10(0) == -inf"))
    }

    @Test func hugeExponentsGiveInfinityNotATrap() throws {
        #expect(try number("10 ^ 1e6") == .infinity)
        #expect(try number("2 ^ -1e6") == 0)
        #expect(try number("(-8) ^ 0.5").isNaN)
        #expect(try number("max(dh ^ 999999999)") == 1)
        #expect(try number("min(dh ^ 999999999)") == 0)
    }

    @Test func indexErrorsAreErrorsNotTraps() {
        #expect(evaluationError("dh[41] > 0") == "index 41 is out of range for dh, which has 40 values")
        #expect(evaluationError("dh[-41] > 0") == "index -41 is out of range for dh, which has 40 values")
        #expect(evaluationError("dh[0] > 0") == "index 0 of dh: steps count from 1 (use -1 for the last)")
        #expect(evaluationError("dh[1.5] > 0") == "index 1.5 of dh is not a whole number")
        #expect(evaluationError("dh[1e300] > 0") == "index 1e300 is out of range for dh, which has 40 values")
        #expect(evaluationError("dh[inf] > 0") == "index inf of dh is not a whole number")
        #expect(evaluationError("dh[10:2] > 0")?.contains("after its end") == true)
        #expect(evaluationError("T[1] > 0") == "T is a number and can't be indexed")
        #expect(evaluationError("h[1, 3] > 0") == "index 3 is out of range for h, which has 2 units")
    }

    @Test func unknownNamesAndFunctionsSuggest() {
        #expect(evaluationError("dhh[1] > 0") == "unknown name `dhh` (did you mean `dh`?)")
        #expect(evaluationError("trian(cell=lstm).final_loss < 1") == "unknown function `trian` (did you mean `train`?)")
        #expect(evaluationError("train(cell=lstm).final_los < 1") == "train(cell=lstm) has no field `final_los` (did you mean `final_loss`?)")
        #expect(evaluationError("mean > 1") == "`mean` is a function; call it as mean(…)")
        #expect(evaluationError("mean(dh, dh) > 1") == "mean(…) takes 1 argument (got 2)")
        #expect(evaluationError("count(dh) > 1") == "count(…) counts true values, but got a vector of 40 numbers; use len(…) for the number of elements")
        #expect(evaluationError("loss + gain > 1") == "'+' needs vectors of the same length (got 3 and 40)")
    }
}

