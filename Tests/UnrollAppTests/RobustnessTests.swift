import Testing
import UnrollApp
import UnrollDraw
import UnrollEngine

/// Random keys and sizes: always a frame of exactly the requested size, never a trap.
@Suite struct RobustnessTests {
    @Test func thousandSeededRandomKeys() {
        var rng = SeededRandom(seed: 2024)
        let keys: [Key] = [.left, .right, .up, .down, .home, .end, .pageUp, .pageDown, .enter, .escape, .backspace, .tab,
                           .ctrl("z"), .ctrl("l"), .unknown] + "hlabmigcrnpLt?[] xyz0123456789".map { .char($0) }
        var s = AppTest.state(width: 80, height: 24)
        var w = 80, h = 24
        for step in 0..<1000 {
            let r = Int(rng.next() % 100)
            let message: Message
            if r < 8 {
                w = 1 + Int(rng.next() % 300); h = 1 + Int(rng.next() % 100)
                message = r < 4 ? .resize(width: w, height: h) : .key(.resize(width: w, height: h))
            } else if r < 18 {
                message = .tick(milliseconds: Int(rng.next() % 300), budget: Int(rng.next() % 3))
            } else if r < 22 {
                message = .key(.mouseClick(x: Int(rng.next() % 320) - 10, y: Int(rng.next() % 110) - 5))
            } else {
                message = .key(keys[Int(rng.next() % UInt64(keys.count))])
            }
            let (next, effects) = update(s, message)
            s = next
            if effects.contains(.quit) { continue }
            let frame = view(s, width: w, height: h, glyphs: step % 2 == 0 ? .utf8 : .ascii,
                             mode: [ColorMode.monochrome, .eight, .c256][step % 3])
            #expect(frame.width == w && frame.height == h)
            #expect(frame.plainLines().count == h)
        }
    }

    @Test func everySmallSizeDraws() {
        let s = AppTest.state()
        for w in [1, 2, 5, 30, 59, 60, 61] {
            for h in [1, 2, 8, 15, 16, 17] {
                let frame = view(s, width: w, height: h, glyphs: .utf8, mode: .c256)
                #expect(frame.plainLines().count == h)
                #expect(frame.plainLines().allSatisfy { $0.unicodeScalars.count == w })
            }
        }
    }
}
