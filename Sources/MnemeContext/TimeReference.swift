#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A time a message refers to — "yesterday", "last week", "in March", "two months ago", "last summer",
/// "вчера", "на прошлой неделе", "в марте", "три недели назад" — read against a reference moment.
///
/// Recall prefers what was said in that window, and drops the phrase's words from its full-text query (so
/// "March" does not match every message that mentions March). Calendar periods are UTC. A month or weekday
/// without a year means the most recent one; nothing in the future is returned.
///
/// ```swift
/// let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!
/// let reference = TimeReference.find(in: "Which book was I reading in March?", now: now)
/// // reference?.intervals == [2026-03-01 ..< 2026-04-01, 2025-03-01 ..< 2025-04-01]
/// // reference?.remainder == "Which book was I reading ?"
/// ```
public struct TimeReference: Sendable, Hashable {
    /// The windows meant, most likely first; empty when the text only asks for what is current. A month
    /// without a year is its most recent occurrence and the one a year before ("in November", said in
    /// November, may mean either). Each ends no later than the reference moment.
    public var intervals: [Range<Date>]
    /// The text asks about the present ("now", "currently", "these days", "сейчас"): newer messages matter more.
    public var prefersRecent: Bool
    /// The words that expressed it, as written (a time phrase and/or a "now" word, joined by a space).
    public var phrase: String
    /// The text without those words.
    public var remainder: String

    /// Creates a reference.
    public init(intervals: [Range<Date>], prefersRecent: Bool = false, phrase: String, remainder: String) {
        self.intervals = intervals
        self.prefersRecent = prefersRecent
        self.phrase = phrase
        self.remainder = remainder
    }

    /// Whether `date` falls in one of the windows.
    public func contains(_ date: Date) -> Bool { intervals.contains { $0.contains(date) } }

    /// The first time expression in `text` and any word asking about the present, or `nil` when there is
    /// neither.
    public static func find(in text: String, now: Date) -> TimeReference? {
        let words = Word.split(text)
        guard !words.isEmpty else { return nil }
        let reader = TimeReader(words: words, now: now)
        var ranges: [Range<String.Index>] = []
        var intervals: [Range<Date>] = []
        for index in words.indices {
            guard let (count, windows) = reader.match(at: index) else { continue }
            intervals = windows.compactMap { $0.start < min($0.end, now) ? $0.start..<min($0.end, now) : nil }
            guard !intervals.isEmpty else { continue }
            ranges.append(words[index].range.lowerBound..<words[index + count - 1].range.upperBound)
            break
        }
        var prefersRecent = false
        for index in words.indices {
            guard let count = reader.presentCue(at: index) else { continue }
            let range = words[index].range.lowerBound..<words[index + count - 1].range.upperBound
            guard !ranges.contains(where: { $0.overlaps(range) }) else { continue }
            prefersRecent = true
            ranges.append(range)
            break
        }
        guard !ranges.isEmpty else { return nil }
        var remainder = text
        for range in ranges.sorted(by: { $0.lowerBound > $1.lowerBound }) { remainder.replaceSubrange(range, with: "") }
        return TimeReference(
            intervals: intervals, prefersRecent: prefersRecent,
            phrase: ranges.sorted { $0.lowerBound < $1.lowerBound }.map { String(text[$0]) }.joined(separator: " "),
            remainder: remainder.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
    }

    /// A word of the text: lower-cased, with its range in the original.
    struct Word {
        var text: String
        var range: Range<String.Index>

        static func split(_ text: String) -> [Word] {
            var words: [Word] = []
            var start: String.Index?
            var index = text.startIndex
            while index < text.endIndex {
                let character = text[index]
                if character.isLetter || character.isNumber {
                    if start == nil { start = index }
                } else if let begin = start {
                    words.append(Word(text: text[begin..<index].lowercased(), range: begin..<index))
                    start = nil
                }
                index = text.index(after: index)
            }
            if let begin = start {
                words.append(Word(text: text[begin...].lowercased(), range: begin..<text.endIndex))
            }
            return words
        }
    }
}

/// Calendar arithmetic in UTC for ``TimeReference``.
struct TimeWindow {
    var start: Date
    var end: Date

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        return calendar
    }()

    static func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    static func adding(_ component: Calendar.Component, _ value: Int, to date: Date) -> Date {
        calendar.date(byAdding: component, value: value, to: date) ?? date
    }

    /// The calendar period (`.day`, `.weekOfYear`, `.month`, `.year`) containing `date`, shifted by `offset`.
    static func period(_ component: Calendar.Component, containing date: Date, offset: Int = 0) -> TimeWindow {
        let interval = calendar.dateInterval(of: component, for: date) ?? DateInterval(start: date, duration: 86_400)
        let start = adding(component, offset, to: interval.start)
        return TimeWindow(start: start, end: adding(component, 1, to: start))
    }

    /// The month `month` (1…12) of `year`.
    static func month(_ month: Int, year: Int) -> TimeWindow {
        let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date.distantPast
        return TimeWindow(start: start, end: adding(.month, 1, to: start))
    }

    static func year(_ year: Int) -> TimeWindow {
        let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1)) ?? Date.distantPast
        return TimeWindow(start: start, end: adding(.year, 1, to: start))
    }

    static func components(_ date: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .weekday], from: date)
    }
}
