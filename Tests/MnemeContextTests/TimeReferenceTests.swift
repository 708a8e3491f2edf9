import Foundation
import MnemeContext
import Testing

@Suite("Time references in messages, English and Russian")
struct TimeReferenceTests {
    /// Friday 20 November 2026, noon UTC.
    let now: Date = Self.day("2026-11-20T12:00:00Z")

    static func day(_ text: String) -> Date {
        var text = text
        if !text.contains("T") { text += "T00:00:00Z" }
        return ISO8601DateFormatter().date(from: text)!
    }

    func day(_ text: String) -> Date { Self.day(text) }

    func windows(_ message: String) -> [ClosedRange<String>] {
        (TimeReference.find(in: message, now: now)?.intervals ?? []).map {
            iso($0.lowerBound)...iso($0.upperBound.addingTimeInterval(-1))
        }
    }

    func iso(_ date: Date) -> String { String(ISO8601DateFormatter().string(from: date).prefix(10)) }

    @Test(arguments: [
        ("What did I say yesterday?", "2026-11-19", "2026-11-19"),
        ("What did we discuss today?", "2026-11-20", "2026-11-20"),
        ("the day before yesterday", "2026-11-18", "2026-11-18"),
        ("What did we talk about last week?", "2026-11-09", "2026-11-15"),
        ("anything this week?", "2026-11-16", "2026-11-20"),
        ("what did I buy last month", "2026-10-01", "2026-10-31"),
        ("the plans we made last year", "2025-01-01", "2025-12-31"),
        ("the hotel from last March", "2026-03-01", "2026-03-31"),
        ("the book I read in March 2025", "2025-03-01", "2025-03-31"),
        ("what happened on 12 March", "2026-03-12", "2026-03-12"),
        ("what happened on March 12th", "2026-03-12", "2026-03-12"),
        ("two days ago I asked you", "2026-11-18", "2026-11-18"),
        ("a couple of weeks ago", "2026-11-03", "2026-11-09"),
        ("3 months ago", "2026-08-05", "2026-09-04"),
        ("last summer", "2026-06-01", "2026-08-31"),
        ("in the winter", "2025-12-01", "2026-02-28"),
        ("on Monday you said", "2026-11-16", "2026-11-16"),
        ("last Friday", "2026-11-13", "2026-11-13"),
        ("back in 2025", "2025-01-01", "2025-12-31"),
        ("что я говорил вчера?", "2026-11-19", "2026-11-19"),
        ("о чём мы говорили на прошлой неделе", "2026-11-09", "2026-11-15"),
        ("в прошлом месяце", "2026-10-01", "2026-10-31"),
        ("три недели назад", "2026-10-27", "2026-11-02"),
        ("неделю назад", "2026-11-10", "2026-11-16"),
        ("в 2025 году", "2025-01-01", "2025-12-31"),
        ("прошлым летом", "2026-06-01", "2026-08-31"),
        ("12 марта", "2026-03-12", "2026-03-12"),
    ])
    func oneWindow(message: String, start: String, end: String) {
        let found = windows(message)
        #expect(found.first == start...end, "\(message): \(found)")
        #expect(found.count == 1, "\(message): \(found)")
    }

    @Test func aMonthWithoutAYearIsItsLastTwoOccurrences() {
        #expect(
            windows("Which book was I reading in March?") == ["2026-03-01"..."2026-03-31", "2025-03-01"..."2025-03-31"])
        // Said in November, "November" may mean this month (so far) or last year's.
        #expect(windows("What did I do in November?") == ["2026-11-01"..."2026-11-20", "2025-11-01"..."2025-11-30"])
        #expect(
            windows("what was I reading in December") == ["2025-12-01"..."2025-12-31", "2024-12-01"..."2024-12-31"])
        #expect(windows("что я читал в марте") == ["2026-03-01"..."2026-03-31", "2025-03-01"..."2025-03-31"])
    }

    @Test func thePhraseIsRemovedFromTheRemainder() throws {
        let reference = try #require(TimeReference.find(in: "Which book was I reading in March?", now: now))
        #expect(reference.phrase == "in March")
        #expect(reference.remainder == "Which book was I reading ?")
        #expect(!reference.prefersRecent)
        #expect(reference.contains(day("2026-03-15")) && reference.contains(day("2025-03-15")))
        #expect(!reference.contains(day("2026-04-01")))
    }

    @Test func presentWordsAskForWhatIsCurrent() throws {
        for message in [
            "Which city does my sister live in now?", "What am I reading at the moment?", "Где сейчас живёт сестра?",
        ] {
            let reference = try #require(TimeReference.find(in: message, now: now), "\(message)")
            #expect(reference.prefersRecent, "\(message)")
            #expect(reference.intervals.isEmpty, "\(message)")
        }
        let both = try #require(
            TimeReference.find(in: "what am I reading now, and what did I read last month?", now: now))
        #expect(both.prefersRecent && both.intervals.count == 1)
        #expect(both.phrase == "now last month")
    }

    @Test(arguments: [
        "Remind me, which hotel did you recommend for Kyoto?", "May I ask you something?",
        "Please march on with the plan", "I paid 2025 euros", "Jan said hello", "", "!!!",
        "the summer dress I bought", "12 apples",
    ])
    func noTimeIsFoundWhereThereIsNone(message: String) {
        #expect(TimeReference.find(in: message, now: now) == nil, "\(message)")
    }

    @Test func nothingEndsInTheFuture() throws {
        let reference = try #require(TimeReference.find(in: "what did we do this year", now: now))
        #expect(reference.intervals.allSatisfy { $0.upperBound <= now })
        #expect(TimeReference.find(in: "on 25 December", now: now)?.intervals.first?.lowerBound == day("2025-12-25"))
    }
}
