/// When and how long to wait before sending a failed request again.
///
/// The defaults follow the official OpenAI/Anthropic SDKs: 3 attempts in total; retry 408, 409, 429,
/// 5xx (Anthropic 529 included), connection failures and timeouts; wait `retry-after-ms` or
/// `retry-after` when the server gives one (up to ``maxRetryAfter``; a longer requested wait is not
/// retried), else `min(0.5 s · 2ⁿ, 8 s)` minus up to 25 % jitter. A stream is never retried once text
/// has been delivered.
///
/// Sleeping and randomness are injectable so tests do not wait:
///
/// ```swift
/// var policy = RetryPolicy()
/// policy.sleep = { _ in }                     // no real waiting
/// policy.onRetry = { notice in print(notice) } // "openai: rate limited — retrying in 2 s (attempt 2 of 3)"
/// ```
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included (1 disables retries). Default 3.
    public var maxAttempts: Int
    /// The first backoff delay. Default 0.5 s.
    public var initialDelay: Duration
    /// The cap of the exponential backoff. Default 8 s.
    public var maxDelay: Duration
    /// The largest fraction subtracted from a backoff delay at random. Default 0.25.
    public var jitter: Double
    /// The longest server-requested delay honoured; a longer one ends the retries (the error keeps
    /// ``ProviderError/retryAfter`` so a fallback can be taken). Default 60 s.
    public var maxRetryAfter: Duration
    /// Waits; default `Task.sleep`. Must throw on cancellation.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A random number in `0..<1`, for jitter.
    public var random: @Sendable () -> Double
    /// Called before each wait, for example to show "rate limited — retrying in 2 s".
    public var onRetry: (@Sendable (RetryNotice) -> Void)?

    /// Creates a policy; the defaults are the SDKs'.
    public init(
        maxAttempts: Int = 3,
        initialDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(8),
        jitter: Double = 0.25,
        maxRetryAfter: Duration = .seconds(60),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        onRetry: (@Sendable (RetryNotice) -> Void)? = nil
    ) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
        self.sleep = sleep
        self.random = random
        self.onRetry = onRetry
    }

    /// No retries.
    public static var none: RetryPolicy { RetryPolicy(maxAttempts: 1) }

    /// The delay before attempt `failedAttempt + 1`, or `nil` if `error` must not be retried.
    ///
    /// - Parameter failedAttempt: the 1-based number of the attempt that failed.
    public func delay(after error: ProviderError, failedAttempt: Int) -> Duration? {
        guard error.isRetryable, failedAttempt < maxAttempts else { return nil }
        if let requested = error.retryAfter {
            if requested > maxRetryAfter { return nil }
            if requested >= .zero { return requested }
        }
        let exponent = min(failedAttempt - 1, 30)
        var delay = initialDelay * Double(1 << exponent)
        if delay > maxDelay { delay = maxDelay }
        let fraction = 1 - jitter * min(max(random(), 0), 1)
        return delay * fraction
    }
}

/// A retry about to happen, for UIs and traces.
public struct RetryNotice: Sendable, CustomStringConvertible {
    /// The provider, for example `"anthropic"`.
    public var provider: String
    /// The model requested.
    public var model: String
    /// The 1-based number of the attempt about to be made.
    public var nextAttempt: Int
    /// Attempts allowed in total.
    public var maxAttempts: Int
    /// How long the client waits first.
    public var delay: Duration
    /// The failure being retried.
    public var error: ProviderError

    /// Creates a notice.
    public init(
        provider: String, model: String, nextAttempt: Int, maxAttempts: Int, delay: Duration, error: ProviderError
    ) {
        self.provider = provider
        self.model = model
        self.nextAttempt = nextAttempt
        self.maxAttempts = maxAttempts
        self.delay = delay
        self.error = error
    }

    /// "openai: rate limited — retrying in 2 s (attempt 2 of 3)".
    public var description: String {
        "\(provider): \(error.shortReason) — retrying in \(delay.spokenSeconds) (attempt \(nextAttempt) of \(maxAttempts))"
    }
}

extension Duration {
    /// "2 s", "0.5 s", "250 ms".
    var spokenSeconds: String {
        let millis = Int((Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15).rounded())
        if millis < 1000 { return "\(millis) ms" }
        if millis % 1000 == 0 { return "\(millis / 1000) s" }
        let tenths = (millis + 50) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }

    /// The duration in seconds as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
