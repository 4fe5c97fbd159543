import UnrollDraw
import UnrollLab
import UnrollLessons

/// The rows of the unrolled network, and how the rows of a timeline area are shared among them.
///
/// Each row kind has a minimum and a most useful height and a priority: rows the page focuses on
/// come first, then the rows every page needs (x_t, y_t, the loss, the gradient and the gain),
/// then the rest. Rows that do not fit are left out and the heat captions name them.
struct TimelineRows {
    enum Kind: Equatable {
        case ruler, inputs, labelsNote, generation, plot, heat(Int), attention, outputs, targets, loss, dh, dc, gain, reach
    }

    struct Row {
        var kind: Kind
        var minimum: Int
        var most: Int
        /// 0 focused, 1 needed, 2 normal, 3 optional.
        var priority: Int
        var rows = 0
    }

    /// The rows in display order, each with its allotted height (0 = not shown).
    private(set) var rows: [Row] = []

    init(sections: [TimelineView.HeatSection], figures f: Figures, focus: Set<FocusRow>, height: Int, labelsNote: Bool, scrolls: Bool, generating: Bool, plottable: Bool) {
        let gradientFocus = focus.contains(.gradient) || focus.contains(.gain)
        var list: [Row] = [Row(kind: .ruler, minimum: 1, most: 1, priority: scrolls ? 2 : 3),
                           Row(kind: .inputs, minimum: 1, most: 1, priority: 1)]
        // Shortened, keyed or drawn as bars: the row says so (issue 10: "say so on screen").
        if labelsNote { list.append(Row(kind: .labelsNote, minimum: 1, most: 1, priority: 1)) }
        if generating { list.append(Row(kind: .generation, minimum: 1, most: 1, priority: 0)) }
        // A one-number output (the sine) as a line plot of input, target and prediction.
        if plottable {
            let wanted = focus.contains(.output) || focus.contains(.generation) || generating
            list.append(Row(kind: .plot, minimum: 4, most: 8, priority: wanted ? 0 : 3))
        }
        for (k, sec) in sections.enumerated() {
            list.append(Row(kind: .heat(k), minimum: 2, most: 1 + sec.values.count, priority: sec.focused ? 0 : (k == 0 ? 2 : 3)))
        }
        if f.attention != nil {
            list.append(Row(kind: .attention, minimum: 2, most: 2, priority: focus.contains(.attention) ? 0 : 3))
        }
        list.append(Row(kind: .outputs, minimum: 1, most: 1, priority: 1))
        if focus.contains(.target) { list.append(Row(kind: .targets, minimum: 1, most: 1, priority: 0)) }
        list.append(Row(kind: .loss, minimum: 1, most: focus.contains(.loss) ? 2 : 1, priority: focus.contains(.loss) ? 0 : 1))
        list.append(Row(kind: .dh, minimum: 3, most: 9, priority: gradientFocus ? 0 : 1))
        if f.dc != nil {
            let focused = focus.contains(.cellGradient) || focus.contains(.cell)
            list.append(Row(kind: .dc, minimum: 3, most: 7, priority: focused ? 0 : 3))
        }
        list.append(Row(kind: .gain, minimum: 1, most: 1, priority: 1))
        if focus.contains(.bound) || focus.contains(.reach) {
            list.append(Row(kind: .reach, minimum: 3, most: 7, priority: 0))
        }
        var left = max(0, height)
        func minimums(_ priorities: ClosedRange<Int>) {
            for p in priorities {
                for i in list.indices where list[i].priority == p && list[i].rows == 0 && list[i].minimum <= left {
                    list[i].rows = list[i].minimum
                    left -= list[i].minimum
                }
            }
        }
        /// One row at a time in turn, so no row starves another, up to `cap(row)`.
        func grow(_ eligible: (Row) -> Bool, cap: (Row) -> Int) {
            var grew = true
            while left > 0 && grew {
                grew = false
                for i in list.indices where eligible(list[i]) && list[i].rows > 0 && list[i].kind != .ruler && list[i].rows < cap(list[i]) {
                    guard left > 0 else { break }
                    list[i].rows += 1
                    left -= 1
                    grew = true
                }
            }
        }
        // The focused and the needed rows first; then the focused rows grow to a readable
        // height (six rows) before any other row is even given its minimum; then the rest.
        minimums(0...1)
        grow({ $0.priority == 0 }, cap: { min($0.most, max($0.minimum, 6)) })
        minimums(2...3)
        for p in 0...3 { grow({ $0.priority <= p }, cap: { $0.most }) }
        rows = list
    }

    /// Rows allotted to a kind (0 when left out).
    func height(_ kind: Kind) -> Int { rows.first { $0.kind == kind }?.rows ?? 0 }
}
