@testable import UnrollDraw

/// Renders a widget-drawing closure into a fresh buffer and returns its plain lines.
func render(_ w: Int, _ h: Int, _ draw: (inout Buffer, Rect) -> Void) -> [String] {
    var b = Buffer(width: w, height: h)
    draw(&b, b.area)
    return b.plainLines()
}
