/// The status line and header fields of a response.
public struct HTTPResponseHead: Sendable, Hashable {
    /// The status code, for example `200` or `429`.
    public var status: Int
    /// The header fields of the final response (after followed redirects).
    public var headers: HTTPHeaders
    /// The protocol of the status line, for example `"HTTP/1.1"` or `"HTTP/2"`.
    public var version: String

    /// Creates a head.
    public init(status: Int, headers: HTTPHeaders, version: String = "HTTP/1.1") {
        self.status = status
        self.headers = headers
        self.version = version
    }

    /// Whether the status is in `200..<300`.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// A complete response, returned by ``HTTPClient/execute(_:)``.
///
/// A non-2xx status is a response, not an error: check ``status`` (and for example `Retry-After`).
public struct HTTPResponse: Sendable, Hashable {
    /// The status line and headers.
    public var head: HTTPResponseHead
    /// The whole body.
    public var body: [UInt8]

    /// Creates a response.
    public init(head: HTTPResponseHead, body: [UInt8]) {
        self.head = head
        self.body = body
    }

    /// The status code.
    public var status: Int { head.status }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }
    /// The body decoded as UTF-8 (invalid sequences replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A response whose body is still arriving, returned by ``HTTPClient/stream(_:)``.
///
/// The head is available at once; iterate ``body`` to receive byte chunks as the server sends them.
/// Abandoning the body (dropping it, or cancelling the iterating task) aborts the transfer.
///
/// ```swift
/// let response = try await client.stream(request)
/// guard response.status == 200 else { ... }
/// for try await event in response.body.serverSentEvents() {
///     print(event.data)
/// }
/// ```
public struct HTTPStreamingResponse: Sendable {
    /// The status line and headers.
    public let head: HTTPResponseHead
    /// The body; iterate it once.
    public let body: HTTPBody

    /// The status code.
    public var status: Int { head.status }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }

    /// Reads the rest of the body into memory.
    public func collect() async throws -> HTTPResponse {
        var bytes: [UInt8] = []
        for try await chunk in body {
            bytes.append(contentsOf: chunk)
        }
        return HTTPResponse(head: head, body: bytes)
    }
}
