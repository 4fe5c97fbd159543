import Testing

@Test func UnrollTasksTestsBuilds() { #expect(Bool(true)) }
