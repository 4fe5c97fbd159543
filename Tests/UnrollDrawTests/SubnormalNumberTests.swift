import Testing
import UnrollDraw

/// Found by the big-model test of issue 13: a subnormal number (a gradient that vanished to
/// 1e-310 over 2000 steps) trapped the inspector.
struct SubnormalNumberTests {
    @Test func subnormalsFormatWithoutTrapping() {
        let s = NumberFormat.short(1e-310)
        #expect(s.contains("e-310"), "\(s)")
        #expect(NumberFormat.short(-4.9e-324).hasPrefix("-"))
    }
}
