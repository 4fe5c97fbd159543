/// A key of the app that a page can name with `keys:` / `try:`.
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
    /// Next / previous held-out example.
    case e
    case capitalE = "E"
    /// Next / previous weight seed of the selected panel.
    case s
    case capitalS = "S"
    /// Faster / slower training and playback.
    case faster = "+"
    case slower = "-"
    /// Select the next panel (compare).
    case tab = "Tab"
    /// Shorter / longer truncated-BPTT window k (off = full BPTT).
    case shorterTruncation = "<"
    case longerTruncation = ">"
    /// Run on its own (argmax) / draw a sample at temperature 1.
    case f
    case capitalF = "F"
    /// More noise on the data (tasks with a noise setting).
    case noise = "~"
    /// Write the selected model as a PyTorch state_dict.
    case w
    /// Scroll the heatmaps' units down / up.
    case u
    case capitalU = "U"

    /// Reads one key token as written in a lesson (`space`, `Home`, `left`, `tab` are case-insensitive words).
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
        case "tab": self = .tab
        default: return nil
        }
    }

    /// Keys that move between pages or open overlays: named on a page, never played by its test.
    public var isNavigation: Bool {
        switch self {
        case .n, .p, .capitalL, .help, .q: return true
        default: return false
        }
    }

    /// All spellings, in the order the documentation lists them.
    public static var spellings: [String] { allCases.map(\.rawValue) }
}
