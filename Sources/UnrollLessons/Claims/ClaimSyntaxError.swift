/// A claim that does not parse (or names something unknown), with the 1-based column in the claim text.
public struct ClaimSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based column, counted in Unicode scalars from the start of the claim text.
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}

/// A claim that parsed but could not be evaluated (unknown name, wrong type, index out of range, …).
public struct ClaimEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
