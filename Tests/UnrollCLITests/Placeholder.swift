import Testing

@Test func UnrollCLITestsBuilds() { #expect(Bool(true)) }
