import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// Pictures and recordings for the course page: `export --format svg` and `record`, checked by
/// their renderers (rsvg-convert; an ANSI interpreter for the cast) against `render`.
struct FigureTests {
    /// The README's examples: the figure of lesson 7 page 1 after its key (b plays the backward
    /// pass the page describes), and the recording of page 6 as it trains with clipping (t).
    static let lesson = "7", page = "1", keys = "b"
    static let castPage = "6", castKeys = "t"

    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The screen `render --color` prints, read by the test terminal.
    static func renderedScreen(page: String = page, keys: String, size: (Int, Int), finish: Bool = true) throws -> ANSIScreen {
        var args = ["render", lesson, "--page", page, "--keys", keys, "--size", "\(size.0)x\(size.1)", "--color"]
        if finish { args.append("--finish") }
        let r = try CLI.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        var screen = ANSIScreen(width: size.0, height: size.1)
        try screen.feed(r.stdout)
        return screen
    }

    @Test func svgShowsTheScreenAsTextAndRendersAtItsSize() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svgURL = dir.appendingPathComponent("figure.svg")
        let r = try CLI.run(["export", Self.lesson, "--page", Self.page, "--format", "svg", "--keys", Self.keys,
                             "--finish", "--size", "100x30", "--output", svgURL.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let svg = try String(contentsOf: svgURL, encoding: .utf8)
        #expect(svg.contains("viewBox=\"0 0 840 504\""), "scalable, 8.4 × 16.8 units a cell")

        // Parse it as XML and rebuild the character grid from the <text> runs: it must be the
        // terminal's screen (block elements are rectangles, so blanks in the text).
        let parsed = try #require(SVGTexts.parse(svg))
        var grid = Array(repeating: Array(repeating: Unicode.Scalar(" "), count: 100), count: 30)
        for t in parsed {
            let row = Int(t.y / 16.8), col = Int((t.x / 8.4).rounded())
            #expect(abs(t.length - Double(t.text.unicodeScalars.count) * 8.4) < 0.02, "each run spans exactly its cells")
            for (k, ch) in t.text.unicodeScalars.enumerated() where row < 30 && col + k < 100 { grid[row][col + k] = ch }
        }
        let screen = try Self.renderedScreen(keys: Self.keys, size: (100, 30))
        let blocks = Set("▁▂▃▄▅▆▇█░▒▓".unicodeScalars)
        for (y, line) in screen.lines.enumerated() {
            let want = String(String.UnicodeScalarView(line.unicodeScalars.map { blocks.contains($0) ? " " : $0 }))
            let got = String(String.UnicodeScalarView(grid[y]))
            #expect(got == want, "row \(y + 1) differs:\n svg:    \(got)\n screen: \(want)")
        }
        #expect(svg.contains("Exploding gradients"), "the lesson's title is searchable text")

        // A real renderer draws it at its size.
        let png = dir.appendingPathComponent("figure.png")
        let rsvg = try #require(Self.which("rsvg-convert"), "rsvg-convert (Debian: librsvg2-bin) is needed; .ci/run installs it")
        let conv = try CLI.run(program: rsvg, [svgURL.path, "-o", png.path], environment: ProcessInfo.processInfo.environment)
        #expect(conv.status == 0, "\(conv.stderr)")
        let bytes = [UInt8](try Data(contentsOf: png))
        try #require(bytes.count > 24 && bytes[1...3] == [0x50, 0x4E, 0x47])
        func be32(_ i: Int) -> Int { bytes[i...(i + 3)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 840 && be32(20) == 504, "PNG \(be32(16))×\(be32(20))")
        // Twice the size scales (it is vector art): rsvg-convert --zoom 2.
        let conv2 = try CLI.run(program: rsvg, ["--zoom", "2", svgURL.path, "-o", png.path], environment: ProcessInfo.processInfo.environment)
        #expect(conv2.status == 0)
        let bytes2 = [UInt8](try Data(contentsOf: png))
        #expect(bytes2.count > 24 && bytes2[16...19].reduce(0) { $0 << 8 | Int($1) } == 1680)
    }

    @Test func castIsAsciicastV2AndReplaysToTheRenderedFrame() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let castURL = dir.appendingPathComponent("demo.cast")
        // A short --max-wait, so the recording also jumps to the end of what still runs.
        let keys = Self.castKeys
        let r = try CLI.run(["record", Self.lesson, "--page", Self.castPage, "--keys", keys, "--size", "90x28",
                             "--max-wait", "1", "--output", castURL.path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOf: castURL, encoding: .utf8).split(separator: "\n").map(String.init)
        try #require(lines.count >= 3)

        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 90 && header["height"] as? Int == 28)
        #expect((header["timestamp"] as? Int ?? 0) > 1_600_000_000)
        #expect((header["title"] as? String)?.contains("Exploding gradients") == true)

        var screen = ANSIScreen(width: 90, height: 28)
        var last = -1.0
        var frames = 0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], "event: \(line.prefix(80))")
            try #require(event.count == 3)
            let time = try #require((event[0] as? NSNumber)?.doubleValue)
            #expect(event[1] as? String == "o")
            let data = try #require(event[2] as? String)
            #expect(time >= last, "times never go back")
            last = time
            try screen.feed(data)
            frames += 1
        }
        #expect(frames >= 4, "a frame for the page, each key and the playback")
        #expect(last >= 3, "keys one second apart, then the last frame held")

        let rendered = try Self.renderedScreen(page: Self.castPage, keys: keys, size: (90, 28))
        #expect(screen.lines == rendered.lines, "the replayed text is the rendered frame")
        #expect(screen.cells == rendered.cells, "and so are its colours and attributes")
    }

    static func which(_ name: String) -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}

/// The `<text>` elements of an SVG: position, textLength and content.
final class SVGTexts: NSObject, XMLParserDelegate {
    struct Run { var x: Double; var y: Double; var length: Double; var text: String }
    var runs: [Run] = []
    private var current: Run?

    static func parse(_ svg: String) -> [Run]? {
        let parser = XMLParser(data: Data(svg.utf8))
        let d = SVGTexts()
        parser.delegate = d
        return parser.parse() ? d.runs : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard name == "text" else { return }
        current = Run(x: Double(attributes["x"] ?? "") ?? -1, y: Double(attributes["y"] ?? "") ?? -1,
                      length: Double(attributes["textLength"] ?? "") ?? -1, text: "")
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current?.text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard name == "text", let c = current else { return }
        runs.append(c)
        current = nil
    }
}
