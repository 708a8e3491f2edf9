/// The body of an ``HTTPStreamingResponse``: byte chunks in the order the server sent them.
///
/// Chunk boundaries follow the network, not the content (an SSE event may be split across chunks;
/// use ``serverSentEvents(incompleteEvent:)`` to parse). Iterate once. If the transfer fails
/// (connection lost, timeout) the iteration throws an ``HTTPError`` after the data received before
/// the failure; a body cut short therefore never ends like a complete one. Releasing the body
/// before its end aborts the transfer.
public final class HTTPBody: AsyncSequence, Sendable {
    /// A chunk of body bytes, as received.
    public typealias Element = [UInt8]

    private let sink: TransferSink
    /// Keeps the client (and its event loop) alive while the body is being read.
    private let client: HTTPClient

    init(sink: TransferSink, client: HTTPClient) {
        self.sink = sink
        self.client = client
    }

    deinit {
        sink.cancel(message: "\(sink.requestDescription): the response body was released before its end")
    }

    /// Iterates the chunks.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let body: HTTPBody

        /// The next chunk, or `nil` at the end of the body.
        public mutating func next() async throws -> [UInt8]? {
            try await body.sink.nextChunk()
        }
    }

    /// Starts reading; call once.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(body: self)
    }
}
