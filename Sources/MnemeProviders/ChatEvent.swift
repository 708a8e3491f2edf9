/// One event of a streamed answer.
///
/// A stream yields any number of ``delta(_:)`` events, then at most one ``usage(_:)``, then exactly one
/// ``finished(_:)`` as its last event (unless it throws).
public enum ChatEvent: Sendable, Hashable {
    /// New text, to append to what came before.
    case delta(String)
    /// Token counts of the exchange.
    case usage(Usage)
    /// Generation ended for this reason.
    case finished(FinishReason)
}

extension AsyncThrowingStream where Element == ChatEvent, Failure == any Error {
    /// Reads the whole stream into a response.
    ///
    /// ```swift
    /// let response = try await provider.stream(request).collect(model: request.model)
    /// ```
    public func collect(model: String) async throws -> ChatResponse {
        var text = ""
        var usage: Usage?
        var finish = FinishReason.other("incomplete")
        for try await event in self {
            switch event {
            case .delta(let piece): text += piece
            case .usage(let value): usage = value
            case .finished(let reason): finish = reason
            }
        }
        return ChatResponse(text: text, finishReason: finish, usage: usage, model: model)
    }
}
