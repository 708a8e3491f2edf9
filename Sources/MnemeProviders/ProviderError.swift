/// The one error type of MnemeProviders: every provider's failures mapped to the same codes.
///
/// Messages say what to do and never contain API keys or tokens (they are scrubbed from server
/// messages too). ``retryAfter`` carries the server's requested delay where one was given.
///
/// ```swift
/// do {
///     _ = try await client.complete(request)
/// } catch let error as ProviderError where error.code == .rateLimited {
///     print("retry in \(error.retryAfter ?? .seconds(1))")
/// }
/// ```
public struct ProviderError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case authentication, permissionDenied, notFound, rateLimited, quotaExceeded, overloaded
            case contextTooLong, contentFiltered, badRequest, server, network, timeout, invalidResponse
            case cancelled, configuration
        }
        private let base: Base
        private init(base: Base) { self.base = base }

        /// The API key or token is missing, invalid or expired (401; Gemini `API_KEY_INVALID`).
        public static let authentication = Code(base: .authentication)
        /// The key is valid but may not use this model or resource (403).
        public static let permissionDenied = Code(base: .permissionDenied)
        /// The model or endpoint does not exist (404), for example a retired or deleted fine-tuned model.
        public static let notFound = Code(base: .notFound)
        /// Too many requests (429); see ``ProviderError/retryAfter``.
        public static let rateLimited = Code(base: .rateLimited)
        /// The account is out of quota or credit (OpenAI `insufficient_quota`, Anthropic 402): retrying will not help.
        public static let quotaExceeded = Code(base: .quotaExceeded)
        /// The provider is overloaded (Anthropic 529 / `overloaded_error`, Gemini 503).
        public static let overloaded = Code(base: .overloaded)
        /// The prompt does not fit the model's context window.
        public static let contextTooLong = Code(base: .contextTooLong)
        /// The provider refused the prompt for policy reasons.
        public static let contentFiltered = Code(base: .contentFiltered)
        /// The provider rejected the request as invalid (400, 413, 422).
        public static let badRequest = Code(base: .badRequest)
        /// The provider failed (5xx other than overload).
        public static let server = Code(base: .server)
        /// The connection failed or broke.
        public static let network = Code(base: .network)
        /// A connect, idle or total timeout elapsed (or the provider reported one: 408, 504).
        public static let timeout = Code(base: .timeout)
        /// The provider's answer could not be understood (malformed JSON, a stream cut short).
        public static let invalidResponse = Code(base: .invalidResponse)
        /// The calling task was cancelled or the stream was abandoned.
        public static let cancelled = Code(base: .cancelled)
        /// The client is misconfigured (no key, bad base URL, unknown provider).
        public static let configuration = Code(base: .configuration)

        public var description: String {
            switch base {
            case .authentication: "authentication"
            case .permissionDenied: "permissionDenied"
            case .notFound: "notFound"
            case .rateLimited: "rateLimited"
            case .quotaExceeded: "quotaExceeded"
            case .overloaded: "overloaded"
            case .contextTooLong: "contextTooLong"
            case .contentFiltered: "contentFiltered"
            case .badRequest: "badRequest"
            case .server: "server"
            case .network: "network"
            case .timeout: "timeout"
            case .invalidResponse: "invalidResponse"
            case .cancelled: "cancelled"
            case .configuration: "configuration"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// An explanation a user can act on, free of secrets.
    public let message: String
    /// The provider, for example `"openai"`.
    public let provider: String
    /// The HTTP status, if the failure came with one (200 for errors inside a stream).
    public let status: Int?
    /// The delay the provider asked for (`retry-after(-ms)`, Gemini `retryDelay`), if any.
    public let retryAfter: Duration?
    /// The provider's request id (`x-request-id`, `request-id`), for support tickets.
    public let requestID: String?
    /// Whether sending the same request again may succeed (decided from the status, `x-should-retry`
    /// and the error kind; ``RetryPolicy`` applies it).
    public let isRetryable: Bool

    /// Creates an error. Callers must keep secrets out of `message` (see ``Secret/redact(in:)``).
    public init(
        code: Code, message: String, provider: String, status: Int? = nil, retryAfter: Duration? = nil,
        requestID: String? = nil, isRetryable: Bool = false
    ) {
        self.code = code
        self.message = message
        self.provider = provider
        self.status = status
        self.retryAfter = retryAfter
        self.requestID = requestID
        self.isRetryable = isRetryable
    }

    public var description: String {
        var text = "\(code): \(provider)"
        if let status { text += " (HTTP \(status))" }
        text += ": \(message)"
        if let requestID { text += " [request id \(requestID)]" }
        return text
    }

    /// A copy with a different message and retryability (used when a failure happens after text was delivered).
    func with(message: String? = nil, isRetryable: Bool) -> ProviderError {
        ProviderError(
            code: code, message: message ?? self.message, provider: provider, status: status, retryAfter: retryAfter,
            requestID: requestID, isRetryable: isRetryable)
    }

    /// A short phrase for UIs: "rate limited", "overloaded", "connection failed".
    public var shortReason: String {
        switch code {
        case .rateLimited: "rate limited"
        case .overloaded: "overloaded"
        case .server: "server error"
        case .network: "connection failed"
        case .timeout: "timed out"
        case .notFound: "model not found"
        case .quotaExceeded: "out of quota"
        default: code.description
        }
    }
}
