/// Refuses front matter nested deeply enough to strain the YAML parser's recursion, before parsing it.
///
/// Lesson front matter is a few levels deep; anything near these limits is a mistake or an attack.
enum YAMLDepthGuard {
    static let maximumIndent = 100
    static let maximumFlowDepth = 20
    static let maximumIndicatorsPerLine = 20

    /// The first problem as (index of the line in `lines`, message), or nil when the text is safe to parse.
    static func problem(in lines: [String]) -> (index: Int, message: String)? {
        var flowDepth = 0
        for (index, line) in lines.enumerated() {
            let scalars = Array(line.unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            if indent > maximumIndent {
                return (index, "line is indented \(indent) columns; front matter may indent at most \(maximumIndent)")
            }
            var indicators = 0
            var quote: Unicode.Scalar?
            for (k, c) in scalars.enumerated() {
                if let q = quote {
                    if c == q { quote = nil }
                    continue
                }
                let next = k + 1 < scalars.count ? scalars[k + 1] : " "
                let previous: Unicode.Scalar = k > 0 ? scalars[k - 1] : " "
                if c == "#" && (previous == " " || previous == "\t") { break }
                if (c == "\"" || c == "'") && " \t[{,:".unicodeScalars.contains(previous) {
                    quote = c
                    continue
                }
                if c == "[" || c == "{" { flowDepth += 1 }
                if c == "]" || c == "}" { flowDepth = max(0, flowDepth - 1) }
                if (c == "-" || c == "?" || c == ":") && (next == " " || next == "\t") { indicators += 1 }
                if flowDepth > maximumFlowDepth {
                    return (index, "front matter is nested too deeply (more than \(maximumFlowDepth) levels of brackets)")
                }
            }
            if indicators > maximumIndicatorsPerLine {
                return (index, "front matter is nested too deeply (more than \(maximumIndicatorsPerLine) levels on one line)")
            }
        }
        return nil
    }
}
