/// Where a claim's names and calls get their values; the engine implements this for a live model.
public protocol ClaimEnvironment {
    /// The value of a figure such as `dh`, `loss`, `sigma_max`; nil when the name is unknown.
    func value(named name: String) throws -> ClaimValue?
    /// The result of a call such as `train(cell=lstm, steps=2000)`; nil when the function is unknown.
    func call(_ name: String, arguments: [ClaimValue], keywords: [String: ClaimValue]) throws -> ClaimValue?
    /// Every name and function this environment knows, for "did you mean" suggestions.
    var knownNames: [String] { get }
}

/// A dictionary-backed environment for tests and simple uses.
public struct MapEnvironment: ClaimEnvironment, Sendable {
    /// A function a `MapEnvironment` can call.
    public typealias Function = @Sendable (_ arguments: [ClaimValue], _ keywords: [String: ClaimValue]) throws -> ClaimValue

    public var values: [String: ClaimValue]
    public var functions: [String: Function]

    public init(_ values: [String: ClaimValue] = [:], functions: [String: Function] = [:]) {
        self.values = values
        self.functions = functions
    }

    public func value(named name: String) throws -> ClaimValue? { values[name] }

    public func call(_ name: String, arguments: [ClaimValue], keywords: [String: ClaimValue]) throws -> ClaimValue? {
        guard let function = functions[name] else { return nil }
        return try function(arguments, keywords)
    }

    public var knownNames: [String] { (Array(values.keys) + Array(functions.keys)).sorted() }
}
