/// A bounded map from (fg, bg) colour numbers to curses colour-pair numbers.
///
/// When every pair is used, a style falls back to a pair with the same background, then the same
/// foreground, then pair 0 (so nothing already on screen is recoloured).
struct ColorPairCache {
    enum Lookup: Equatable { case existing(Int32), new(Int32), fallback(Int32) }

    let capacity: Int
    private var map: [Int32: Int32] = [:]
    private var byBg: [Int32: Int32] = [:]
    private var byFg: [Int32: Int32] = [:]

    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// Forgets all pairs (after a full redraw nothing on screen uses them).
    mutating func reset() { map = [:]; byBg = [:]; byFg = [:] }

    mutating func lookup(fg: Int32, bg: Int32) -> Lookup {
        let key = (fg + 1) * 512 + (bg + 1)
        if let p = map[key] { return .existing(p) }
        if map.count < capacity {
            let p = Int32(map.count + 1)
            map[key] = p
            if byBg[bg] == nil { byBg[bg] = p }
            if byFg[fg] == nil { byFg[fg] = p }
            return .new(p)
        }
        return .fallback(byBg[bg] ?? byFg[fg] ?? 0)
    }
}
