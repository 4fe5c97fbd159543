import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport
import UnrollApp
import UnrollDraw
import UnrollLab
import UnrollLessons

/// Issue 13, memory: pressing `m` on a big model asked for T·n² doubles of Jacobians (an LSTM
/// with H = 512 over 2000 steps: 16.8 GB) and the program aborted. Now the screen gets figures
/// within the budget and says what it left out; training a batch that cannot fit is refused
/// with the size and the limit.
@Suite(.serialized)
struct BigModelTests {
    static let text = """
    ---
    id: big
    title: A big model
    model:
      cell: rnn
      hidden: 512
      seed: 1
    task:
      name: adding
      length: 2000
    training:
      steps: 10
      batch: 64
    ---

    ## One page

    Press m.
    """

    @Test func cycleTheCellOnABigModel() throws {
        let data = LessonLocator.dataDirectory(for: Fixtures.lessonsDirectory)
        let lesson = try LessonLocator.loader(dataDirectory: data).load(text: Self.text, path: "big.md")
        var s = AppState(lessons: [lesson], lessonIndex: 0, page: 0, dataDirectory: data, width: 120, height: 40)
        #expect(s.figures != nil, "\(s.message ?? "")")
        s = update(s, .key(.char("m"))).0                      // RNN → LSTM: n = 1024
        let f = try #require(s.figures, "\(s.message ?? "")")
        #expect(f.config.cell == .lstm)
        let note = try #require(f.diagnosticsNote)
        #expect(note.contains("of 2000 steps"), "\(note)")
        #expect(s.message?.contains("of 2000 steps") == true, "the screen says so: \(s.message ?? "")")
        #expect(f.reach.last == 1 && f.gain.last?.isFinite == true)
        // Peak memory of this whole test process: the Jacobians alone used to be 16.8 GB.
        var usage = rusage()
        getrusage(0, &usage)   // RUSAGE_SELF
        #expect(usage.ru_maxrss < 4_000_000, "peak resident size \(usage.ru_maxrss / 1000) MB")
        let frame = view(s, width: 120, height: 40, glyphs: .utf8, mode: .monochrome)
        #expect(frame.width == 120 && frame.height == 40)
        // Training: 64 sequences × 2000 steps of a 512-unit LSTM is over the record limit.
        s = update(s, .key(.char("t"))).0
        s = update(s, .tick(milliseconds: 1000, budget: 1)).0
        let said = s.message ?? ""
        #expect(said.contains("GB") && said.contains("limit"), "\(said)")
    }
}
