import Foundation

/// Times are stored as whole milliseconds since 1970 (UTC) in INTEGER columns: exact round
/// trips, cheap comparisons, and the order of the numbers is the order of the times.
enum Timestamp {
    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(_ millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    static func date(_ millis: Int64?) -> Date? {
        millis.map { date($0) }
    }

    static func now() -> Int64 { millis(Date()) }

    /// The date a read returns for `date` once stored.
    static func stored(_ date: Date) -> Date { self.date(millis(date)) }
}
