import Testing

@Test func UnrollDrawTestsBuilds() { #expect(Bool(true)) }
