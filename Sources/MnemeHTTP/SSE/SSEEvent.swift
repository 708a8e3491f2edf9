/// One server-sent event, as dispatched by ``SSEParser``.
public struct SSEEvent: Sendable, Hashable, CustomStringConvertible {
    /// The `event:` field of the block, or `"message"` if it had none.
    public var event: String
    /// The `data:` lines of the block joined with `"\n"` (the final line break removed).
    public var data: String
    /// The last event ID of the stream at dispatch: the most recent `id:` field (it persists across
    /// events, as the spec requires); empty if none was ever sent.
    public var id: String
    /// The `retry:` value (milliseconds) if the block carried a valid one.
    public var retry: Int?

    /// Creates an event.
    public init(event: String = "message", data: String, id: String = "", retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }

    public var description: String {
        var text = "event: \(event)\ndata: \(data)"
        if !id.isEmpty { text += "\nid: \(id)" }
        if let retry { text += "\nretry: \(retry)" }
        return text
    }
}
