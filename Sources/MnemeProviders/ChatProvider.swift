/// A model backend that answers chat requests: the network clients (``OpenAIClient``,
/// ``AnthropicClient``, ``GeminiClient``), the ``OfflineProvider`` and the ``FallbackProvider``.
///
/// ```swift
/// let provider: any ChatProvider = OfflineProvider()
/// for try await event in provider.stream(request) {
///     if case .delta(let text) = event { print(text, terminator: "") }
/// }
/// ```
///
/// Errors are ``ProviderError`` values (``ProviderError/Code-swift.struct/cancelled`` when the task
/// was cancelled). Ending the iteration of a stream early cancels the request.
public protocol ChatProvider: Sendable {
    /// Sends `request` and waits for the whole answer (retries included).
    func complete(_ request: ChatRequest) async throws -> ChatResponse
    /// Sends `request` and streams the answer.
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error>
}
