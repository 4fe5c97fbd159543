import UnrollDraw
import UnrollLab

/// Where each part of the screen goes for a state's terminal size; shared by `view` and `update`
/// (mouse clicks, scrolling) so both agree on the geometry.
public struct Layout: Sendable {
    /// The smallest usable terminal.
    public static let minWidth = 60
    public static let minHeight = 16
    /// Terminals at least this wide show the lesson text beside the visual.
    public static let wideWidth = 120
    /// Rows the visual keeps below the text when the text sits above it.
    public static let minimumVisual = 13
    /// Width of the label gutter in front of every timeline row.
    public static let gutter = 8

    public let width: Int
    public let height: Int
    public let tooSmall: Bool
    /// Two header rows: lesson and page, then the model.
    public let header: Rect
    /// The lesson text, including its title row.
    public let text: Rect
    /// The visual beside or below the text (timeline + inspector).
    public let main: Rect
    /// The timeline rows (main minus inspector).
    public let timeline: Rect
    /// The exact numbers at the cursor.
    public let inspector: Rect
    /// The key bar (or the message line).
    public let footer: Rect
    /// Cells per timestep.
    public let columnWidth: Int
    /// Whether the text sits beside the visual.
    public let isWide: Bool

    /// First column of the timestep plot.
    public var plotX: Int { timeline.x + Layout.gutter }
    /// Width of the timestep plot.
    public var plotWidth: Int { max(0, timeline.width - Layout.gutter) }

    /// Computes the layout for the state's size, text and sequence length.
    public init(state: AppState) {
        width = state.width
        height = state.height
        tooSmall = width < Layout.minWidth || height < Layout.minHeight
        let all = Rect(x: 0, y: 0, width: width, height: height)
        let (top, rest0) = all.splitTop(2)
        header = top
        let (body, bottom) = rest0.splitBottom(1)
        footer = bottom
        isWide = width >= Layout.wideWidth
        let markdown = state.currentPage?.body ?? ""
        if isWide {
            let tw = min(60, max(34, width * 3 / 10))
            let cols = body.columns([.fixed(tw), .fixed(1), .fill])
            text = cols[0]
            main = cols[2]
        } else {
            // The page's text gets what it needs, up to 45% of the body, and the visual keeps at
            // least `minimumVisual` rows (a page that does not fit scrolls with ↑/↓).
            let lines = TextBlock(markdown, wrapsCode: true, glyphs: state.glyphs).lineCount(width: max(1, body.width))
            // Side by side, each panel needs a caption and a few rows of bars.
            let visual = state.isComparing ? max(Layout.minimumVisual, 3 + 3 * state.scene.panels.count) : Layout.minimumVisual
            let cap = max(2, min(body.height * 45 / 100, body.height - visual))
            let th = min(max(1, lines), cap) + 1
            let (t, m) = body.splitTop(th)
            text = t
            main = m
        }
        let iw = main.width >= 100 ? 30 : (main.width >= 76 ? 24 : 20)
        if state.isComparing {
            // Side by side the panels take the whole width (captions carry the cursor's values).
            timeline = main
            inspector = Rect(x: main.maxX, y: main.y, width: 0, height: 0)
        } else {
            let parts = main.columns([.fill, .fixed(1), .fixed(iw)])
            timeline = parts[0]
            inspector = parts[2]
        }
        let plot = max(0, timeline.width - Layout.gutter)
        let labels = Layout.labelWidth(state.figures)
        columnWidth = Layout.columnWidth(plot: plot, steps: state.steps, labels: labels.width, readable: labels.words ? 5 : 2)
    }

    /// Cells per timestep: wide enough for the widest label (plus a space) when every step still
    /// fits; else the widest that fits them all. Words never get fewer than 4 letters
    /// (`readable`): the timeline scrolls instead, and its ruler says which steps it shows.
    /// Numbers get at least 2 cells (3 when a dozen steps fit).
    static func columnWidth(plot: Int, steps: Int, labels: Int, readable: Int = 2) -> Int {
        // Short labels on a short sequence: columns widen to use the room (up to 12 cells).
        let most = min(12, max(3, labels + 1, steps > 0 ? plot / steps : 0))
        let least = max(2, min(most, readable))
        if steps > 0 {
            for cw in stride(from: most, through: least, by: -1) where plot >= cw * steps { return cw }
        }
        return max(least, plot >= 3 * 12 ? 3 : 2)
    }

    /// The widest x_t or y_t label, as the rows would write it whole.
    static func labelWidth(_ f: Figures?) -> (width: Int, words: Bool) {
        guard let f else { return (2, false) }
        var words = false
        func widest(_ labels: [String]) -> Int {
            let parsed = labels.map(ColumnLabels.parse)
            if !labels.isEmpty, zip(labels, parsed).allSatisfy({ $0.0.isEmpty || $0.1.value != nil }) {
                // Numbers: two significant digits with their sign and mark.
                return zip(parsed.map(\.value), parsed.map(\.mark)).map { v, m in
                    (v.flatMap { NumberFormat.fit($0, width: 5) }.map(displayWidth) ?? 1) + displayWidth(m)
                }.max() ?? 1
            }
            let w = labels.map(displayWidth).max() ?? 1
            if w > 1 { words = true }
            return w
        }
        let w = max(widest(f.inputLabels), widest(f.predictions ?? []))
        return (w, words)
    }

    /// The timeline geometry for a state's scroll offset.
    public func timelineGeometry(_ state: AppState) -> Timeline {
        Timeline(columnWidth: columnWidth, firstColumn: state.scroll)
    }

    /// The timestep drawn at a screen position, if the position lies on the timeline plot.
    public func timestep(atX x: Int, y: Int, state: AppState) -> Int? {
        guard !tooSmall, timeline.contains(x: x, y: y), x >= plotX else { return nil }
        let t = state.scroll + (x - plotX) / max(1, columnWidth)
        return t >= 0 && t < state.steps ? t : nil
    }

    /// The largest useful scroll of the lesson text.
    public func maxTextScroll(state: AppState) -> Int {
        let markdown = state.currentPage?.body ?? ""
        return TextBlock(markdown, wrapsCode: true, glyphs: state.glyphs).maxScroll(width: max(1, text.width), height: max(0, text.height - 1))
    }
}
