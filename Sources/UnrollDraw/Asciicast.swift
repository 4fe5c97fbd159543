import UnrollIO

/// An asciicast v2 recording (the format asciinema plays): a header line of JSON, then one line
/// `[seconds, "o", "ANSI output"]` per frame.
///
/// Frames are written as terminal output: the first clears the screen and draws every row; each
/// later one moves the cursor to the cells that changed (`ESC [ row ; col H`) and redraws only
/// them, each run starting from a reset SGR (`ESC [ 0 ; … m`, 256 colours). The only sequences
/// used are CUP, ED 2 (`ESC [ 2 J`), SGR and DECTCEM (`ESC [ ? 25 l`).
public struct Asciicast: Sendable {
    public let width: Int
    public let height: Int
    public let title: String?
    public let timestamp: Int
    private(set) var events: [(time: Double, data: String)] = []
    private var previous: Buffer?

    public init(width: Int, height: Int, title: String?, timestamp: Int) {
        self.width = width
        self.height = height
        self.title = title
        self.timestamp = timestamp
    }

    /// Number of output events so far.
    public var eventCount: Int { events.count }

    /// Adds a frame at `time` seconds: only what changed since the last frame (nothing when
    /// nothing did), or the whole screen for the first frame or after a size change.
    public mutating func add(_ frame: Buffer, at time: Double) {
        let full = previous == nil || previous?.width != frame.width || previous?.height != frame.height
        let data = full ? Self.fullFrame(frame) : Self.changes(from: previous!, to: frame)
        previous = frame
        guard !data.isEmpty else { return }
        events.append((time, data))
    }

    /// Ends the recording at `time` with a reset, so the last frame stays on screen until then.
    public mutating func end(at time: Double) {
        events.append((time, "\u{1B}[0m"))
    }

    /// The whole screen: hide the cursor, clear, draw every row.
    static func fullFrame(_ b: Buffer) -> String {
        var out = "\u{1B}[?25l\u{1B}[0m\u{1B}[2J"
        for run in BufferDiff.changes(from: nil, to: b) { out += draw(run) }
        return out + "\u{1B}[0m"
    }

    /// The runs of cells that changed.
    static func changes(from old: Buffer, to new: Buffer) -> String {
        let runs = BufferDiff.changes(from: old, to: new)
        guard !runs.isEmpty else { return "" }
        var out = ""
        for run in runs { out += draw(run) }
        return out + "\u{1B}[0m"
    }

    static func draw(_ run: Run) -> String {
        var out = "\u{1B}[\(run.y + 1);\(run.x + 1)H"
        var current: Style? = nil
        for cell in run.cells {
            if cell.style != current {
                out += ANSI.sgr(cell.style, mode: .c256)
                current = cell.style
            }
            out.unicodeScalars.append(cell.scalar)
        }
        return out
    }

    /// The file: the header and one event a line.
    public var text: String {
        var header = "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"timestamp\": \(timestamp)"
        if let title { header += ", \"title\": \(Self.jsonString(title))" }
        header += ", \"env\": {\"TERM\": \"xterm-256color\"}}"
        var lines = [header]
        for e in events {
            lines.append("[\(Self.seconds(e.time)), \"o\", \(Self.jsonString(e.data))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Seconds with millisecond precision, as a JSON number.
    static func seconds(_ t: Double) -> String {
        let ms = Int((max(0, t) * 1000).rounded())
        let frac = ms % 1000
        return "\(ms / 1000)." + String(repeating: "0", count: frac < 10 ? 2 : (frac < 100 ? 1 : 0)) + "\(frac)"
    }

    /// A JSON string literal.
    public static func jsonString(_ s: String) -> String { JSONText.string(s) }
}
