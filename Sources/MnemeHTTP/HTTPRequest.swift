/// An HTTP method such as `GET` or `POST`.
public struct HTTPMethod: Sendable, Hashable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The method token, for example `"PATCH"`.
    public let rawValue: String

    /// Creates a method from its token.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a method from a literal such as `"OPTIONS"`.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// `GET`.
    public static let get: HTTPMethod = "GET"
    /// `HEAD` (the response has no body).
    public static let head: HTTPMethod = "HEAD"
    /// `POST`.
    public static let post: HTTPMethod = "POST"
    /// `PUT`.
    public static let put: HTTPMethod = "PUT"
    /// `PATCH`.
    public static let patch: HTTPMethod = "PATCH"
    /// `DELETE`.
    public static let delete: HTTPMethod = "DELETE"

    public var description: String { rawValue }
}

/// A request for ``HTTPClient``.
///
/// ```swift
/// var request = HTTPRequest(method: .post, url: "https://api.openai.com/v1/chat/completions")
/// request.headers.add(name: "Authorization", value: "Bearer \(key)")
/// request.headers.add(name: "Content-Type", value: "application/json")
/// request.body = Array(json.utf8)
/// request.idleTimeout = .seconds(120)
/// ```
public struct HTTPRequest: Sendable {
    /// The method; `GET` by default.
    public var method: HTTPMethod
    /// The absolute `http` or `https` URL. It may contain secrets in the query (they are redacted in errors).
    public var url: String
    /// Header fields to send. `Content-Length` and `Host` are set by the transport.
    public var headers: HTTPHeaders
    /// The request body, sent with `Content-Length`; `nil` sends none (an empty body for `POST`).
    public var body: [UInt8]?
    /// Overrides ``HTTPClient/Configuration/timeout`` for this request: the limit for the whole exchange,
    /// including reading the complete (streamed) body.
    public var timeout: Duration?
    /// Overrides ``HTTPClient/Configuration/idleTimeout`` for this request: the longest time without any
    /// byte moving in either direction.
    public var idleTimeout: Duration?

    /// Creates a request.
    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: HTTPHeaders = [:],
        body: [UInt8]? = nil,
        timeout: Duration? = nil,
        idleTimeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.idleTimeout = idleTimeout
    }

    /// `METHOD url` with secret query parameters redacted, for messages.
    public var redactedDescription: String {
        "\(method) \(URLRedaction.redact(url))"
    }
}
