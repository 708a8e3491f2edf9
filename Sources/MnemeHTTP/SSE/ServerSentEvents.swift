/// Server-sent events parsed from an asynchronous sequence of byte chunks, such as ``HTTPBody``.
///
/// ```swift
/// let response = try await client.stream(request)
/// for try await event in response.body.serverSentEvents(incompleteEvent: .fail) {
///     if event.data == "[DONE]" { break }
///     handle(event)
/// }
/// ```
public struct ServerSentEvents<Base: AsyncSequence>: AsyncSequence where Base.Element == [UInt8] {
    /// A dispatched event.
    public typealias Element = SSEEvent

    /// What to do when the byte stream ends inside an event.
    public enum IncompleteEventPolicy: Sendable, Hashable {
        /// Drop it silently, as the SSE spec does.
        case discard
        /// Throw ``HTTPError`` with code `.malformedResponse` (the stream was cut short).
        case fail
    }

    private let base: Base
    private let policy: IncompleteEventPolicy

    /// Wraps `base`.
    public init(_ base: Base, incompleteEvent policy: IncompleteEventPolicy = .discard) {
        self.base = base
        self.policy = policy
    }

    /// Iterates the events.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private var base: Base.AsyncIterator
        private let policy: IncompleteEventPolicy
        private var parser = SSEParser()
        private var pending: [SSEEvent] = []
        private var pendingIndex = 0
        private var isFinished = false

        init(base: Base.AsyncIterator, policy: IncompleteEventPolicy) {
            self.base = base
            self.policy = policy
        }

        /// The next event, or `nil` when the byte stream has ended.
        public mutating func next() async throws -> SSEEvent? {
            while true {
                if pendingIndex < pending.count {
                    defer { pendingIndex += 1 }
                    return pending[pendingIndex]
                }
                if isFinished { return nil }
                guard let chunk = try await base.next() else {
                    isFinished = true
                    if parser.finish() == .midEvent, policy == .fail {
                        throw HTTPError(
                            code: .malformedResponse,
                            message: "the event stream ended in the middle of an event (no blank line after it)")
                    }
                    return nil
                }
                pending = parser.parse(chunk)
                pendingIndex = 0
            }
        }
    }

    /// Starts iterating (iterates the base sequence).
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), policy: policy)
    }
}

extension ServerSentEvents: Sendable where Base: Sendable {}

extension AsyncSequence where Element == [UInt8] {
    /// Parses this byte stream as `text/event-stream`.
    public func serverSentEvents(
        incompleteEvent policy: ServerSentEvents<Self>.IncompleteEventPolicy = .discard
    ) -> ServerSentEvents<Self> {
        ServerSentEvents(self, incompleteEvent: policy)
    }
}
