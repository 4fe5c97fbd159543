/// A dense row-major matrix of Doubles. Shapes are written rows × cols.
///
/// Weight matrices follow PyTorch's layout: `W_ih` is (G·H) × I, `W_hh` is (G·H) × H,
/// gate blocks stacked by rows. Batches of states are B × H, one row per sequence.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let cols: Int
    /// Row-major storage, rows · cols values.
    public var data: [Double]

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        self.rows = rows
        self.cols = cols
        self.data = [Double](repeating: value, count: rows * cols)
    }

    public init(rows: Int, cols: Int, data: [Double]) {
        precondition(data.count == rows * cols, "Matrix data has \(data.count) values, shape needs \(rows * cols)")
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    /// Builds a matrix from a list of equal-length rows (empty list → 0 × 0).
    public init(_ rowList: [[Double]]) {
        let r = rowList.count
        let c = rowList.first?.count ?? 0
        precondition(rowList.allSatisfy { $0.count == c }, "Matrix rows differ in length")
        self.init(rows: r, cols: c, data: rowList.flatMap { $0 })
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.data[i * n + i] = 1 }
        return m
    }

    @inline(__always)
    public subscript(row: Int, col: Int) -> Double {
        get { data[row * cols + col] }
        set { data[row * cols + col] = newValue }
    }

    /// One row as an array.
    public func row(_ r: Int) -> [Double] { Array(data[(r * cols)..<((r + 1) * cols)]) }

    /// All rows as nested arrays.
    public var rowArrays: [[Double]] { (0..<rows).map { row($0) } }

    /// A block of rows (for example one gate's slice of `W_hh`).
    public func rowBlock(_ start: Int, count: Int) -> Matrix {
        Matrix(rows: count, cols: cols, data: Array(data[(start * cols)..<((start + count) * cols)]))
    }

    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for r in 0..<rows { for c in 0..<cols { t.data[c * rows + r] = data[r * cols + c] } }
        return t
    }

    public var count: Int { data.count }

    /// Frobenius norm √Σ a².
    public var frobeniusNorm: Double { Vector.norm(data) }

    public var isAllFinite: Bool { data.allSatisfy { $0.isFinite } }

    public var description: String { "Matrix(\(rows)×\(cols))" }
}
