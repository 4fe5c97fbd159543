/// A rectangle of terminal cells; width and height are never negative.
public struct Rect: Equatable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// Creates a rectangle, clamping negative sizes to zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The empty rectangle at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// One past the right-most column (saturating).
    public var maxX: Int { x.addingClamped(width) }
    /// One past the bottom row (saturating).
    public var maxY: Int { y.addingClamped(height) }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether the cell at (px, py) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The overlap of two rectangles (empty if they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x), ny = max(y, other.y)
        let mx = min(maxX, other.maxX), my = min(maxY, other.maxY)
        return Rect(x: nx, y: ny, width: mx.subtractingClamped(nx), height: my.subtractingClamped(ny))
    }

    /// Shrinks by `n` cells on every side.
    public func inset(by n: Int) -> Rect { inset(top: n, left: n, bottom: n, right: n) }

    /// Shrinks by the given margins; never produces a negative size.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let t = max(0, top), l = max(0, left), b = max(0, bottom), r = max(0, right)
        let w = width.subtractingClamped(l.addingClamped(r))
        let h = height.subtractingClamped(t.addingClamped(b))
        return Rect(x: x.addingClamped(min(l, width)), y: y.addingClamped(min(t, height)), width: w, height: h)
    }

    /// Splits top to bottom into rows of the given sizes (see `Split`).
    public func rows(_ sizes: [Split]) -> [Rect] {
        Split.resolve(sizes, total: height).map { Rect(x: x, y: y.addingClamped($0.offset), width: width, height: $0.size) }
    }

    /// Splits left to right into columns of the given sizes (see `Split`).
    public func columns(_ sizes: [Split]) -> [Rect] {
        Split.resolve(sizes, total: width).map { Rect(x: x.addingClamped($0.offset), y: y, width: $0.size, height: height) }
    }

    /// Splits off the top `n` rows: (top, rest).
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let r = rows([.fixed(n), .fill]); return (r[0], r[1])
    }

    /// Splits off the bottom `n` rows: (rest, bottom).
    public func splitBottom(_ n: Int) -> (Rect, Rect) {
        let r = rows([.fill, .fixed(n)]); return (r[0], r[1])
    }

    /// Splits off the left `n` columns: (left, rest).
    public func splitLeft(_ n: Int) -> (Rect, Rect) {
        let r = columns([.fixed(n), .fill]); return (r[0], r[1])
    }
}

/// One part of a row/column split: a fixed size, or a share of what is left.
public enum Split: Equatable, Sendable {
    /// Exactly this many cells (shrunk if space runs out).
    case fixed(Int)
    /// An equal share of the remaining space.
    case fill

    /// Computes (offset, size) for each part; fixed parts are served first, in order.
    static func resolve(_ parts: [Split], total: Int) -> [(offset: Int, size: Int)] {
        var remaining = max(0, total)
        var sizes = [Int](repeating: 0, count: parts.count)
        var fills = 0
        for (i, p) in parts.enumerated() {
            switch p {
            case .fixed(let n):
                let s = min(max(0, n), remaining)
                sizes[i] = s
                remaining -= s
            case .fill:
                fills += 1
            }
        }
        if fills > 0 {
            let share = remaining / fills
            var extra = remaining - share * fills
            for (i, p) in parts.enumerated() where p == .fill {
                sizes[i] = share + (extra > 0 ? 1 : 0)
                if extra > 0 { extra -= 1 }
            }
        }
        var offset = 0
        return sizes.map { s in defer { offset += s }; return (offset, s) }
    }
}

extension Int {
    /// Addition that saturates instead of trapping.
    @inlinable func addingClamped(_ other: Int) -> Int {
        let (r, o) = addingReportingOverflow(other)
        return o ? (other > 0 ? Int.max : Int.min) : r
    }

    /// Subtraction that saturates instead of trapping, floored at zero.
    @inlinable func subtractingClamped(_ other: Int) -> Int {
        let (r, o) = subtractingReportingOverflow(other)
        return o ? (other < 0 ? Int.max : 0) : Swift.max(0, r)
    }

    /// Multiplication that saturates instead of trapping.
    @inlinable func multipliedClamped(_ other: Int) -> Int {
        let (r, o) = multipliedReportingOverflow(by: other)
        return o ? ((self < 0) != (other < 0) ? Int.min : Int.max) : r
    }
}
