import Foundation
import MnemeHTTP

/// Reads the retry hints of a response: `x-should-retry`, `retry-after-ms`, `retry-after`.
enum RetryHeaders {
    /// `retry-after-ms` (milliseconds), else `retry-after` (seconds or an HTTP date), if present and valid.
    static func retryAfter(_ headers: HTTPHeaders, now: Date = Date()) -> Duration? {
        if let text = headers["retry-after-ms"], let millis = Double(text.trimmingCharacters(in: .whitespaces)),
            millis >= 0, millis.isFinite
        {
            return .milliseconds(Int64(millis.rounded()))
        }
        guard let text = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds >= 0, seconds.isFinite {
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        if let date = formatter.date(from: text) {
            let seconds = max(0, date.timeIntervalSince(now))
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        return nil
    }

    /// The `x-should-retry` override, if the server sent one.
    static func shouldRetry(_ headers: HTTPHeaders) -> Bool? {
        switch headers["x-should-retry"]?.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// The Stainless SDKs' rule: 408, 409, 429 and every 5xx.
    static func isRetryableStatus(_ status: Int) -> Bool {
        status == 408 || status == 409 || status == 429 || status >= 500
    }
}
