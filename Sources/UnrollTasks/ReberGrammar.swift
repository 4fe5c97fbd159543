import Foundation
import UnrollEngine

/// The Reber grammar and the embedded Reber grammar as finite automata over B T P S X V E.
///
/// Reber (states and the symbol that moves between them):
/// start –B→ 0; 0 –T→ 1, 0 –P→ 2; 1 –S→ 1, 1 –X→ 3; 2 –T→ 2, 2 –V→ 4; 3 –X→ 2, 3 –S→ 5;
/// 4 –P→ 3, 4 –V→ 5; 5 –E→ end. Where a state has two ways out, each is taken with probability ½.
///
/// Embedded: B, then T or P (½ each), then a whole Reber string, then the same T or P again, then E.
///
/// States are integers `0..<stateCount`, named by `stateName(_:)`. For the plain grammar the ids
/// are the grammar's own: 0…5, 6 = end, 7 = start. For the embedded grammar the inner Reber state
/// is tracked together with the remembered branch (names like "T:3"), which is exactly what a
/// network has to carry to predict the closing T or P.
public struct ReberGrammar: Sendable, Equatable {
    /// The symbols, in vocabulary (index) order.
    public static let symbols = ["B", "T", "P", "S", "X", "V", "E"]
    /// Symbol indices by name.
    public enum Symbol: Int, Sendable, CaseIterable {
        case B = 0, T, P, S, X, V, E
    }

    /// Whether this is the embedded grammar.
    public let embedded: Bool
    /// transitions[state] = the (symbol, next state) pairs leaving that state.
    public let transitions: [[(symbol: Int, next: Int)]]
    /// State names, by id.
    public let stateNames: [String]
    /// The state before any symbol.
    public let startState: Int
    /// The accepting state after the final E.
    public let endState: Int

    /// The plain Reber grammar.
    public static let reber = ReberGrammar(embedded: false)
    /// The embedded Reber grammar.
    public static let embeddedReber = ReberGrammar(embedded: true)

    public static func == (a: ReberGrammar, b: ReberGrammar) -> Bool { a.embedded == b.embedded }

    /// The inner Reber transitions, by state 0…5.
    static let reberCore: [[(symbol: Int, next: Int)]] = {
        let (T, P, S, X, V) = (1, 2, 3, 4, 5)
        return [
            [(T, 1), (P, 2)],  // 0
            [(S, 1), (X, 3)],  // 1
            [(T, 2), (V, 4)],  // 2
            [(X, 2), (S, 5)],  // 3
            [(P, 3), (V, 5)],  // 4
            [(6, 6)],          // 5 –E→ end
        ]
    }()

    /// Builds the plain (`embedded == false`) or embedded automaton.
    public init(embedded: Bool) {
        self.embedded = embedded
        let B = 0, E = 6
        if !embedded {
            // 0…5 grammar states, 6 end, 7 start.
            transitions = Self.reberCore + [[], [(B, 0)]]
            stateNames = ["0", "1", "2", "3", "4", "5", "end", "start"]
            startState = 7
            endState = 6
            return
        }
        // Ids: 0 start, 1 after outer B, then per branch b ∈ {T, P} (offset o = 2 + 9·b):
        // o = after the branch symbol, o+1…o+6 = inner states 0…5, o+7 = inner end, o+8 = after the
        // closing branch symbol; 20 = end.
        var table: [[(symbol: Int, next: Int)]] = Array(repeating: [], count: 21)
        var names = Array(repeating: "", count: 21)
        table[0] = [(B, 1)]
        names[0] = "start"
        names[1] = "B"
        names[20] = "end"
        var outer: [(symbol: Int, next: Int)] = []
        for (b, branchSymbol) in [1, 2].enumerated() {
            let o = 2 + 9 * b
            let letter = Self.symbols[branchSymbol]
            outer.append((branchSymbol, o))
            table[o] = [(B, o + 1)]
            names[o] = letter
            for q in 0..<6 {
                table[o + 1 + q] = Self.reberCore[q].map { t in (t.symbol, t.next == 6 ? o + 7 : o + 1 + t.next) }
                names[o + 1 + q] = "\(letter):\(q)"
            }
            table[o + 7] = [(branchSymbol, o + 8)]
            names[o + 7] = "\(letter):end"
            table[o + 8] = [(E, 20)]
            names[o + 8] = "\(letter)\(letter)"
        }
        table[1] = outer
        transitions = table
        stateNames = names
        startState = 0
        endState = 20
    }

    /// Number of states (ids are 0..<stateCount).
    public var stateCount: Int { transitions.count }

    /// The name of a state id ("?" if out of range).
    public func stateName(_ state: Int) -> String { stateNames.element(at: state) ?? "?" }

    /// The state after reading `symbol` in `state`, or `nil` if the symbol is not legal there.
    public func next(from state: Int, reading symbol: Int) -> Int? {
        transitions.element(at: state)?.first { $0.symbol == symbol }?.next
    }

    /// The symbols legal in `state` (empty at the end state).
    public func legalSymbols(in state: Int) -> Set<Int> {
        Set((transitions.element(at: state) ?? []).map(\.symbol))
    }

    /// The state after each symbol of a prefix, or `nil` as soon as a symbol is illegal.
    public func states(after symbols: [Int]) -> [Int]? {
        var state = startState
        var result: [Int] = []
        result.reserveCapacity(symbols.count)
        for s in symbols {
            guard let n = next(from: state, reading: s) else { return nil }
            state = n
            result.append(n)
        }
        return result
    }

    /// For each prefix symbols[0...i], the set of legal next symbols; `nil` if the prefix is illegal.
    public func legalNextSets(after symbols: [Int]) -> [Set<Int>]? {
        states(after: symbols)?.map(legalSymbols(in:))
    }

    /// The legal next symbols after a whole prefix (`[]` = the start: only B), or `nil` if illegal.
    public func legalNext(afterPrefix symbols: [Int]) -> Set<Int>? {
        guard let s = states(after: symbols) else { return nil }
        return legalSymbols(in: s.last ?? startState)
    }

    /// Whether a whole string of symbol indices is in the language.
    public func isValid(symbols: [Int]) -> Bool {
        states(after: symbols)?.last == endState
    }

    /// Whether a string such as "BTXSE" is in the language (letters other than B T P S X V E → false).
    public func isValid(_ string: String) -> Bool {
        guard let symbols = Self.encode(string) else { return false }
        return isValid(symbols: symbols)
    }

    /// Symbol indices of a string of B T P S X V E, or `nil` for any other character.
    public static func encode(_ string: String) -> [Int]? {
        var result: [Int] = []
        for ch in string {
            guard let i = symbols.firstIndex(of: String(ch)) else { return nil }
            result.append(i)
        }
        return result
    }

    /// The letters of a symbol string ("?" for out-of-range indices).
    public static func decode(_ symbols: [Int]) -> String {
        symbols.map { Self.symbols.element(at: $0) ?? "?" }.joined()
    }

    /// Generates one string, taking each branch with probability ½; `nil` if it would exceed
    /// `maxLength` symbols (the caller draws again).
    public func generate(using rng: inout SeededRandom, maxLength: Int) -> [Int]? {
        var state = startState
        var result: [Int] = []
        while state != endState {
            guard let ways = transitions.element(at: state), !ways.isEmpty, result.count < maxLength else { return nil }
            let way = ways.count == 1 ? ways[0] : ways[rng.int(below: ways.count)]
            result.append(way.symbol)
            state = way.next
        }
        return result
    }

    /// The shortest string length of the language (5 for Reber "BTXSE", 9 embedded).
    public var minimumLength: Int { embedded ? 9 : 5 }
}
