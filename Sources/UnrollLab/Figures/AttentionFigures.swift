import UnrollTasks

/// The attention weights α as a labelled block for a heatmap: rows are the steps whose output is
/// read (for seq2seq the decoder steps, labelled by the symbol they read: <go>, c, b, …), columns
/// the earlier steps they may look at (labelled by their inputs). α_ts of `Figures.attention`.
public struct AttentionFigures: Sendable, Equatable {
    /// The steps t of the rows (0-based).
    public let rowSteps: [Int]
    /// The steps s of the columns (0-based): 0 up to the last row's step − 1.
    public let columnSteps: [Int]
    public let rowLabels: [String]
    public let columnLabels: [String]
    /// α[row][column] (0 where s ≥ t: a step never looks at itself or ahead).
    public let weights: [[Double]]

    /// The scored steps from t = 1 on (every step from 1 when none is scored); nil without attention.
    public init?(_ f: Figures) {
        guard let alpha = f.attention, f.steps > 1 else { return nil }
        var rows = (1..<f.steps).filter { f.scored.entry(at: $0) == true }
        if rows.isEmpty { rows = Array(1..<f.steps) }
        let columns = Array(0..<(rows.last ?? 1))
        rowSteps = rows
        columnSteps = columns
        rowLabels = rows.map { f.inputLabels.entry(at: $0) ?? "" }
        columnLabels = columns.map { f.inputLabels.entry(at: $0) ?? "" }
        weights = rows.map { t in columns.map { s in alpha.entry(at: t)?.entry(at: s) ?? 0 } }
    }
}

extension Figures {
    /// α as a labelled block (see `AttentionFigures`), nil without attention.
    public var attentionFigures: AttentionFigures? { AttentionFigures(self) }
}
