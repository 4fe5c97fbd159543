import Testing

@Test func UnrollLessonsTestsBuilds() { #expect(Bool(true)) }
