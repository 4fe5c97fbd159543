import Foundation
import Testing
import TestSupport
@testable import UnrollApp
import UnrollDraw
import UnrollLab
import UnrollLessons

/// Every page of every lesson at 80×24, 100×30 and 200×60: no line wider than the frame, and the
/// x_t and y_t rows never show a label as something it is not — a number to fewer digits than it
/// has is rounded, never truncated into another number; a word is whole, or cut to a prefix no
/// other word on the row shares (marked …), or keyed by a legend on screen.
struct ReadableFramesTests {
    static let sizes = [(80, 24), (100, 30), (200, 60)]

    @Test(arguments: LessonWalkTests.lessonFiles)
    func everyPageReadsAtEverySize(file: String) throws {
        let lesson = try #require(LessonWalkTests.catalog.lessons.first { ($0.path as NSString).lastPathComponent == file })
        for page in lesson.pages.indices {
            var s = AppState(lessons: [lesson], lessonIndex: 0, page: page, dataDirectory: LessonWalkTests.data, width: 100, height: 30)
            for (w, h) in Self.sizes {
                s.width = w; s.height = h
                s = Update.settle(s)
                let lines = AppTest.lines(s)
                let at = "\(file) p\(page + 1) \(w)×\(h)"
                #expect(lines.count == h, "\(at): \(lines.count) lines")
                for line in lines { #expect(displayWidth(line) <= w, "\(at): a line is wider than the frame") }
                guard let f = s.figures, !s.isComparing else { continue }
                check(lines, row: "x_t", labels: f.inputLabels, state: s, at: at)
                check(lines, row: "y_t", labels: f.predictions ?? [], state: s, at: at)
            }
        }
    }

    /// Reads a labels row off the frame column by column and checks each shown label.
    func check(_ lines: [String], row gutter: String, labels: [String], state s: AppState, at: String) {
        let layout = Layout(state: s)
        let x0 = layout.timeline.x
        let rows = lines.dropFirst(layout.timeline.y)  // the lesson text above may quote "x_t …" itself
        guard !labels.isEmpty, let line = rows.first(where: { String(Array($0).dropFirst(x0)).hasPrefix(gutter + " ") }) else { return }
        let cells = Array(line)
        let cw = layout.columnWidth
        let distinct = Set(labels.filter { !$0.isEmpty })
        let legendLine = lines.first { $0.contains(gutter + " keyed:") } ?? ""
        for (t, x) in Timeline(columnWidth: cw, firstColumn: s.scroll).visible(count: labels.count, x: layout.plotX, width: layout.plotWidth)
        where x + cw - 1 <= layout.plotX + layout.plotWidth && x + cw - 1 <= cells.count && x >= 0 {
            let shown = String(cells[x..<min(cells.count, x + cw - 1)]).trimmingCharacters(in: .whitespaces)
            let label = labels[t]
            if shown.isEmpty || label.isEmpty { continue }
            // A bar glyph is honest only where the row says it draws bars.
            if shown.count == 1, let g = shown.first, Glyphs.utf8.eighths.contains(g) {
                #expect(lines.contains { $0.contains("\(gutter) as bars") }, "\(at): \(gutter)[\(t + 1)] is a bar, and nothing says so")
                continue
            }
            let value = ColumnLabels.parse(label)
            if value.value != nil && !value.mark.isEmpty && shown == value.mark {
                // A marked number drawn as its mark (bars mode): the row must say so.
                #expect(lines.contains { $0.contains("\(gutter) as bars") }, "\(at): \(gutter)[\(t + 1)] shows only its mark")
                continue
            }
            if let v = value.value {
                // A number: the digits shown are the value rounded, or a bar glyph (the row says so).
                var digits = shown
                if digits.hasPrefix(value.mark) && !value.mark.isEmpty { digits.removeFirst(value.mark.count) }
                if digits.hasSuffix(value.mark) && !value.mark.isEmpty { digits.removeLast(value.mark.count) }
                if let d = Double(digits) {
                    let decimals = digits.split(separator: ".").dropFirst().first.map { $0.prefix { $0.isNumber }.count } ?? 0
                    let unit = digits.contains("e") ? abs(d) * 0.5 : pow(10, -Double(decimals))
                    #expect(abs(d - v) <= unit / 2 + 1e-9 * abs(v), "\(at): \(gutter)[\(t + 1)] shows \(shown) for \(label)")
                } else {
                    #expect(lines.contains { $0.contains("\(gutter) as bars") }, "\(at): \(gutter)[\(t + 1)] shows \(shown) for \(label) without saying it draws bars")
                }
                continue
            }
            if shown == label.trimmingCharacters(in: .whitespaces) { continue }
            if shown.hasSuffix("…") {
                let prefix = String(shown.dropLast())
                #expect(label.hasPrefix(prefix), "\(at): \(gutter)[\(t + 1)] shows \(shown) for \(label)")
                #expect(!distinct.contains { $0 != label && $0.hasPrefix(prefix) }, "\(at): \(gutter)[\(t + 1)] \(shown) is also the start of another word")
                continue
            }
            #expect(legendLine.contains("\(shown)=\(label)"), "\(at): \(gutter)[\(t + 1)] shows \(shown) for \(label) with no legend saying so")
        }
    }
}
