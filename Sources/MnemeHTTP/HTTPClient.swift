/// An HTTP/1.1 and HTTP/2 client over libcurl with an async API and streamed response bodies.
///
/// One client owns one event-loop thread that drives a libcurl multi handle; every transfer of
/// the client is multiplexed on that thread (hundreds of concurrent streams cost sockets and
/// buffers, not threads). Share one client per process.
///
/// ```swift
/// let client = try HTTPClient()
/// let response = try await client.execute(HTTPRequest(url: "https://example.com/"))
/// print(response.status, response.bodyText)
///
/// let stream = try await client.stream(request)
/// for try await chunk in stream.body { consume(chunk) }
/// ```
///
/// Cancelling the calling task (or the task iterating a body) aborts the transfer at once and
/// closes its connection, also when the server has stalled. Releasing the client while requests
/// are running is safe: bodies keep it alive until they are read or released.
public final class HTTPClient: Sendable {
    /// The settings given at creation.
    public let configuration: Configuration
    private let loop: CurlEventLoop

    /// Creates a client and starts its event-loop thread.
    ///
    /// - Throws: ``HTTPError`` if libcurl cannot be initialised.
    public init(configuration: Configuration = Configuration()) throws(HTTPError) {
        self.configuration = configuration
        self.loop = try CurlEventLoop()
    }

    deinit {
        loop.shutdown()
    }

    /// Sends `request` and reads the whole response.
    ///
    /// Any status (including 4xx/5xx) is returned as a response; transport failures throw.
    ///
    /// - Throws: ``HTTPError`` (`.cancelled` if the task is cancelled).
    public func execute(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await stream(request).collect()
    }

    /// Sends `request` and returns as soon as the response head has arrived; the body streams.
    ///
    /// Redirects are followed (if configured) before this returns; 1xx responses are skipped.
    ///
    /// - Throws: ``HTTPError`` (`.cancelled` if the task is cancelled).
    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        try request.validate()
        if Task.isCancelled {
            throw HTTPError(code: .cancelled, message: "\(request.redactedDescription): the task was cancelled")
        }
        let sink = TransferSink(
            id: loop.makeTransferID(),
            requestDescription: request.redactedDescription,
            bufferLimit: configuration.bodyBufferLimit,
            loop: loop)
        loop.submit(.add(sink, request, configuration))
        let head = try await sink.waitForHead()
        return HTTPStreamingResponse(head: head, body: HTTPBody(sink: sink, client: self))
    }

    /// Aborts every running transfer (they fail with `.cancelled`) and stops the event-loop thread.
    /// Later requests fail at once. Called automatically when the client is released.
    public func shutdown() {
        loop.shutdown()
    }
}
