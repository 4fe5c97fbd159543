import UnrollEngine
import UnrollTasks

/// The learned embedding of a symbol task: one vector per vocabulary entry, and how alike each
/// pair points, cos(a, b) = a·b / (‖a‖ ‖b‖) (the claim language's `cosine`).
public struct EmbeddingFigures: Sendable, Equatable {
    /// The symbol names, index order.
    public let names: [String]
    /// The embedding rows, V × E.
    public let vectors: [[Double]]
    /// cos(e_i, e_j), V × V; 1 on the diagonal; NaN where a vector is all zeros.
    public let cosine: [[Double]]

    /// From an embedding table (V × E) and the names of its rows.
    public init(table: Matrix, names: [String]) {
        let rows = table.rowArrays
        self.vectors = rows
        self.names = rows.indices.map { names.entry(at: $0) ?? "\($0 + 1)" }
        self.cosine = rows.map { a in rows.map { b in EmbeddingFigures.cosine(a, b) } }
    }

    /// a·b / (‖a‖ ‖b‖), NaN when either is zero.
    public static func cosine(_ a: [Double], _ b: [Double]) -> Double {
        let n = Vector.norm(a) * Vector.norm(b)
        return n > 0 ? Vector.dot(a, b) / n : .nan
    }
}

extension Experiment {
    /// The current embedding and its cosine-similarity matrix, or nil when inputs are one-hot or dense.
    public var embeddings: EmbeddingFigures? {
        guard model.config.inputEncoding == .embedding, let table = model.parameters.embedding else { return nil }
        return EmbeddingFigures(table: table, names: task.shape.input.symbolNames ?? [])
    }
}
