import Testing

@Test func UnrollEngineTestsBuilds() { #expect(Bool(true)) }
