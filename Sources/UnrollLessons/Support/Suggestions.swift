/// "Did you mean …?" suggestions by edit distance, used by every error that names an unknown word.
enum Suggestions {
    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
    /// (optimal string alignment), in Unicode scalars; inputs are capped at 64 scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars.prefix(64))
        let y = Array(b.unicodeScalars.prefix(64))
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The closest candidate to `word`, if it is close enough to be a plausible typo.
    ///
    /// A candidate qualifies when its distance is at most max(1, ⌊length/3⌋) + 1 (so `lsmt` → `lstm`,
    /// `hiden` → `hidden`), or when the two differ only by case.
    static func closest(to word: String, among candidates: [String]) -> String? {
        guard !word.isEmpty else { return nil }
        let lowered = word.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates.sorted() {
            if candidate.lowercased() == lowered && candidate != word { return candidate }
            let distance = editDistance(lowered, candidate.lowercased())
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        guard let found = best else { return nil }
        let allowed = max(1, word.unicodeScalars.count / 3) + 1
        return found.distance <= allowed && found.distance < max(word.unicodeScalars.count, 2) ? found.name : nil
    }

    /// "; did you mean X?" or "" — for appending inside a parenthesised hint.
    static func hint(for word: String, among candidates: [String], quote: String = "") -> String {
        guard let match = closest(to: word, among: candidates) else { return "" }
        return "did you mean \(quote)\(match)\(quote)?"
    }
}
