/// A border with an optional title; `inner(_:)` gives the area inside. With ASCII glyphs the title is
/// spelled in ASCII (`Glyphs.text`), like the text of every widget here.
public struct Box: Sendable {
    public var title: String
    public var glyphs: Glyphs
    public var mode: ColorMode
    /// Draw the border highlighted (e.g. the focused pane).
    public var focused: Bool

    public init(title: String = "", focused: Bool = false, glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.title = title
        self.focused = focused
        self.glyphs = glyphs
        self.mode = mode
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard area.width >= 2, area.height >= 2 else { return }
        let pal = Palette(mode)
        let border = focused ? Style(fg: pal.accent, attributes: .bold) : pal.mutedStyle
        let g = glyphs
        let x1 = area.maxX - 1, y1 = area.maxY - 1
        for x in (area.x + 1)..<x1 {
            buffer.put(x: x, y: area.y, g.horizontal, style: border)
            buffer.put(x: x, y: y1, g.horizontal, style: border)
        }
        for y in (area.y + 1)..<y1 {
            buffer.put(x: area.x, y: y, g.vertical, style: border)
            buffer.put(x: x1, y: y, g.vertical, style: border)
        }
        buffer.put(x: area.x, y: area.y, g.topLeft, style: border)
        buffer.put(x: x1, y: area.y, g.topRight, style: border)
        buffer.put(x: area.x, y: y1, g.bottomLeft, style: border)
        buffer.put(x: x1, y: y1, g.bottomRight, style: border)
        if !title.isEmpty && area.width > 4 {
            let room = area.width - 4
            let text = g.truncated(title, to: room)
            buffer.write(x: area.x + 2, y: area.y, text, style: Style(attributes: .bold).fg(focused ? pal.accent : .default))
        }
    }
}

/// Shortens `s` to `width` columns, ending with `ellipsis` if anything was cut.
public func truncate(_ s: String, to width: Int, ellipsis: Character = "…") -> String {
    guard width > 0 else { return "" }
    guard displayWidth(s) > width else { return s }
    var out = ""
    var n = 0
    for ch in s {
        let w = Cell.columns(ch)
        if n + w > width - 1 { break }
        out.append(ch); n += w
    }
    out.append(ellipsis)
    return out
}

/// A footer of `key label` pairs; pairs that do not fit are dropped and an ellipsis is shown.
///
/// Pairs whose key is in `pinned` (say `?` and `q`) are always kept when they fit at all: the other
/// pairs are dropped from the end first, and the ellipsis stands where they were
/// (`← → step  space forward  …  ? help  q quit`). Without pinned keys, the bar stops at the first
/// pair that does not fit.
public struct KeyBar: Sendable {
    public var items: [(key: String, label: String)]
    /// Keys that stay visible (dropped last).
    public var pinned: Set<String>
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(_ items: [(key: String, label: String)], pinned: Set<String> = [], glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.items = items
        self.pinned = pinned
        self.glyphs = glyphs
        self.mode = mode
    }

    /// Indices of the pairs shown in `width` columns when some keys are pinned, and whether any
    /// pair was left out.
    public func shown(width: Int) -> (items: [Int], omitted: Bool) {
        let w = items.map { glyphs.width($0.key) + 1 + glyphs.width($0.label) }
        func total(_ set: [Int], _ omitted: Bool) -> Int {
            set.reduce(0) { $0 + w[$1] } + 2 * max(0, set.count - 1) + (omitted ? (set.isEmpty ? 1 : 3) : 0)
        }
        let all = Array(items.indices)
        if total(all, false) <= width { return (all, false) }
        var keep = all.filter { pinned.contains(items[$0].key) }
        while !keep.isEmpty && total(keep, true) > width { keep.removeFirst() }
        for i in all where !pinned.contains(items[i].key) {
            let trial = (keep + [i]).sorted()
            if total(trial, true) <= width { keep = trial } else { break }
        }
        return (keep.sorted(), true)
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let pal = Palette(mode)
        let keyStyle = mode.hasColor ? Style(fg: pal.accent, attributes: .bold) : Style(attributes: [.bold, .reverse])
        var x = area.x
        let y = area.y
        if !pinned.isEmpty {
            let (show, omitted) = shown(width: area.width)
            var first = true
            var markDrawn = !omitted
            func sep() { if !first { x += 2 }; first = false }
            for (i, item) in items.enumerated() {
                if !show.contains(i) {
                    if !markDrawn { sep(); x += buffer.write(x: x, y: y, String(glyphs.ellipsis), style: pal.mutedStyle, clip: area); markDrawn = true }
                    continue
                }
                sep()
                x += buffer.write(x: x, y: y, glyphs.text(item.key), style: keyStyle, clip: area)
                x += 1
                x += buffer.write(x: x, y: y, glyphs.text(item.label), style: pal.mutedStyle, clip: area)
            }
            if !markDrawn { sep(); buffer.write(x: x, y: y, String(glyphs.ellipsis), style: pal.mutedStyle, clip: area) }
            return
        }
        for (i, item) in items.enumerated() {
            let need = glyphs.width(item.key) + 1 + glyphs.width(item.label)
            let sep = i == 0 ? 0 : 2
            let last = i == items.count - 1
            let room = area.maxX - x - sep - (last ? 0 : 2)
            if need > room {
                if area.maxX - x >= 2 { buffer.write(x: x + (i == 0 ? 0 : 1), y: y, String(glyphs.ellipsis), style: pal.mutedStyle, clip: area) }
                return
            }
            x += sep
            x += buffer.write(x: x, y: y, glyphs.text(item.key), style: keyStyle, clip: area)
            x += 1
            x += buffer.write(x: x, y: y, glyphs.text(item.label), style: pal.mutedStyle, clip: area)
        }
    }
}

/// Label/value rows; labels padded to the widest label, values clipped.
public struct Table: Sendable {
    public var rows: [(label: String, value: String)]
    /// Per-row value styles (optional; missing entries use the plain style).
    public var valueStyles: [Style]
    public var glyphs: Glyphs
    public var mode: ColorMode

    public init(_ rows: [(label: String, value: String)], valueStyles: [Style] = [], glyphs: Glyphs = .utf8, mode: ColorMode = .c256) {
        self.rows = rows
        self.valueStyles = valueStyles
        self.glyphs = glyphs
        self.mode = mode
    }

    public func draw(into buffer: inout Buffer, area fullArea: Rect) {
        let area = fullArea.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let muted = Palette(mode).mutedStyle
        let labelWidth = min(rows.map { glyphs.width($0.label) }.max() ?? 0, area.width / 2)
        for (i, row) in rows.prefix(area.height).enumerated() {
            let y = area.y + i
            buffer.write(x: area.x, y: y, glyphs.truncated(row.label, to: labelWidth), style: muted, clip: area)
            let vx = area.x + labelWidth + 1
            let st = i < valueStyles.count ? valueStyles[i] : .plain
            buffer.write(x: vx, y: y, glyphs.truncated(row.value, to: area.maxX - vx), style: st, clip: area)
        }
    }
}
