/// A key press or terminal event, shared by the terminal backend, the app and scripted input.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case left, right, up, down, home, end, pageUp, pageDown
    case enter, escape, backspace, tab
    /// F1: help, like `?`.
    case f1
    /// Control plus a lowercase letter, e.g. `.ctrl("c")`.
    case ctrl(Character)
    case mouseClick(x: Int, y: Int)
    case resize(width: Int, height: Int)
    case unknown
}

/// An error in a scripted key string: what went wrong and where (offset in characters).
public struct KeyScriptError: Error, Equatable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let message: String

    public var description: String { "key script, character \(offset): \(message)" }
}

extension Key {
    /// Names accepted inside angle brackets.
    public static let scriptNames: [String: Key] = [
        "left": .left, "right": .right, "up": .up, "down": .down, "home": .home, "end": .end,
        "pgup": .pageUp, "pgdn": .pageDown, "pageup": .pageUp, "pagedown": .pageDown,
        "enter": .enter, "ret": .enter, "esc": .escape, "escape": .escape,
        "space": .char(" "), "tab": .tab, "bs": .backspace, "backspace": .backspace, "lt": .char("<"),
        "f1": .f1,
    ]

    /// Parses a key script: plain characters stand for themselves; `<name>` is a special key.
    ///
    /// Names: `<left> <right> <up> <down> <home> <end> <pgup> <pgdn> <enter> <esc> <space> <tab> <bs>`,
    /// `<lt>` (a literal `<`), `<C-x>` (control + letter) and `<resize:WxH>`.
    public static func parse(script: String) throws(KeyScriptError) -> [Key] {
        var keys: [Key] = []
        let chars = Array(script)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "<" else {
                keys.append(c == "\n" || c == "\r\n" ? .enter : c == "\t" ? .tab : .char(c))
                i += 1
                continue
            }
            guard let close = chars[(i + 1)...].firstIndex(of: ">") else {
                throw KeyScriptError(offset: i, message: "unterminated '<' (write <lt> for a literal '<')")
            }
            let name = String(chars[(i + 1)..<close])
            keys.append(try named(name, offset: i))
            i = close + 1
        }
        return keys
    }

    /// Like `parse(script:)` but as a Result.
    public static func parseResult(script: String) -> Result<[Key], KeyScriptError> {
        do { return .success(try parse(script: script)) } catch { return .failure(error) }
    }

    static func named(_ name: String, offset: Int) throws(KeyScriptError) -> Key {
        if let k = scriptNames[name.lowercased()] { return k }
        if name.count == 3, name.hasPrefix("C-") || name.hasPrefix("c-"), let l = name.last, l.isLetter, l.isASCII {
            return .ctrl(Character(l.lowercased()))
        }
        if name.lowercased().hasPrefix("resize:") {
            let dims = name.dropFirst("resize:".count).split(separator: "x", omittingEmptySubsequences: false)
            if dims.count == 2, let w = Int(dims[0]), let h = Int(dims[1]), w > 0, h > 0, w <= 10_000, h <= 10_000 {
                return .resize(width: w, height: h)
            }
            throw KeyScriptError(offset: offset, message: "bad resize '<\(name)>' (expected <resize:WIDTHxHEIGHT>, e.g. <resize:100x30>)")
        }
        let known = "left right up down home end pgup pgdn enter esc space tab bs lt f1 C-x resize:WxH"
        throw KeyScriptError(offset: offset, message: "unknown key '<\(name)>' (known: \(known))")
    }
}
