import Testing

@Test func UnrollAppTestsBuilds() { #expect(Bool(true)) }
