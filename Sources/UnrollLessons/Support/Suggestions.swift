/// "Did you mean …?" suggestions by edit distance, used by every error that names an unknown word.
enum Suggestions {
    /// Levenshtein distance between two words, counted in Unicode scalars (capped inputs keep it cheap).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars.prefix(64))
        let y = Array(b.unicodeScalars.prefix(64))
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
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
