/// What ``TestHTTPServer`` sends for one request: a status, headers and a body that can be
/// complete, streamed in timed steps, stalled or cut off.
///
/// ```swift
/// let server = try TestHTTPServer { request in
///     request.path == "/v1/chat/completions"
///         ? .sse(["{\"a\":1}", "[DONE]"], delay: .milliseconds(5))
///         : .text("not found", status: 404)
/// }
/// ```
public struct TestResponse: Sendable {
    /// One step of a streamed body.
    public enum Step: Sendable {
        /// Sends bytes (one chunk in chunked framing), flushed immediately.
        case chunk([UInt8])
        /// Sleeps.
        case delay(Duration)
        /// Opens a gate (tells the test how far the server got).
        case open(TestGate)
        /// Waits until the test opens the gate; gives up after `timeout` (recorded on the gate).
        case wait(TestGate, timeout: Duration)
        /// Sends nothing more and keeps the connection open until the client closes it or the server stops.
        case stall
        /// Closes the connection at once, without finishing the body.
        case dropConnection

        /// A chunk holding the UTF-8 of `text`.
        public static func text(_ text: String) -> Step { .chunk(Array(text.utf8)) }
    }

    /// How a streamed body is delimited.
    public enum Framing: Sendable {
        /// `Transfer-Encoding: chunked`; the terminating empty chunk is sent after the last step.
        case chunked
        /// `Content-Length: n`; the steps should send `n` bytes (fewer simulates truncation).
        case contentLength(Int)
        /// No length; the end of the body is the closing of the connection.
        case closeDelimited
    }

    /// The body.
    public enum Body: Sendable {
        /// A complete body with `Content-Length`.
        case bytes([UInt8])
        /// A body sent in steps.
        case steps([Step], framing: Framing)
        /// Reads the request, then sends nothing at all (not even the status line) until the client gives up.
        case stallBeforeHead
        /// Reads the request, then closes the connection without responding.
        case closeWithoutResponse
        /// Sends these bytes verbatim instead of a response (no status line is added), then closes.
        case raw([UInt8])
    }

    /// The status code.
    public var status: Int
    /// Header fields; `Content-Length`/`Transfer-Encoding` are added from the body unless given here.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: Body

    /// Creates a response.
    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A complete text body.
    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8")
        -> TestResponse
    {
        TestResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(Array(text.utf8)))
    }

    /// A complete JSON body.
    public static func json(_ json: String, status: Int = 200) -> TestResponse {
        text(json, status: status, contentType: "application/json")
    }

    /// A chunked body sent in steps.
    public static func stream(_ steps: [Step], status: Int = 200, contentType: String = "application/octet-stream")
        -> TestResponse
    {
        TestResponse(status: status, headers: [("Content-Type", contentType)], body: .steps(steps, framing: .chunked))
    }

    /// A `text/event-stream` body: each element of `data` becomes one `data:` event, sent as its own
    /// chunk, with `delay` before each.
    public static func sse(_ data: [String], delay: Duration = .zero) -> TestResponse {
        var steps: [Step] = []
        for item in data {
            if delay > .zero { steps.append(.delay(delay)) }
            steps.append(.text("data: \(item)\n\n"))
        }
        return stream(steps, contentType: "text/event-stream")
    }

    /// `429 Too Many Requests` with `Retry-After` (seconds) and a JSON error body.
    public static func tooManyRequests(retryAfter seconds: Int, body: String = #"{"error":{"message":"rate limited"}}"#)
        -> TestResponse
    {
        TestResponse(
            status: 429,
            headers: [("Retry-After", String(seconds)), ("Content-Type", "application/json")],
            body: .bytes(Array(body.utf8)))
    }

    /// Never answers.
    public static let stall = TestResponse(body: .stallBeforeHead)

    /// The reason phrase for the status line.
    var reasonPhrase: String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
