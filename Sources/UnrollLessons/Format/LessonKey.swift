/// A key of the app that a page can suggest with `keys:` / `try:`.
///
/// Raw values are the spellings used in lesson files; `←`/`→` may also be written `left`/`right`.
public enum LessonKey: String, CaseIterable, Sendable, Codable {
    case a, m, i
    case previousStep = "["
    case nextStep = "]"
    case g, c, t, r
    case space
    case b, n, p
    case capitalL = "L"
    case help = "?"
    case q
    case left = "←"
    case right = "→"
    case h, l
    case home = "Home"
    case end = "End"

    /// Reads one key token as written in a lesson (`space`, `Home`, `left` are case-insensitive words).
    public init?(token: String) {
        if let exact = LessonKey(rawValue: token) {
            self = exact
            return
        }
        switch token.lowercased() {
        case "space": self = .space
        case "home": self = .home
        case "end": self = .end
        case "left": self = .left
        case "right": self = .right
        default: return nil
        }
    }

    /// All spellings, in the order the documentation lists them.
    public static var spellings: [String] { allCases.map(\.rawValue) }
}
