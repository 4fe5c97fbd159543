extension Array {
    /// The element at `index`, or nil when out of range (never traps).
    func entry(at index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
