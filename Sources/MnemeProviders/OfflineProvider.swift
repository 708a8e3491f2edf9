/// The provider that needs no network and no key: the default out of the box and in end-to-end tests.
///
/// It answers from ``ChatRequest/grounding`` only (see ``OfflineAnswerer`` rules: greeting by profile
/// name, one or two quoted sentences from the best passages with `[Title › Heading]` citations, or a
/// plain "I don't know"). The answer is deterministic; ``stream(_:)`` delivers it word by word, with an
/// optional pause per chunk for demos.
///
/// ```swift
/// let offline = OfflineProvider()
/// let answer = try await offline.complete(request)
/// ```
public struct OfflineProvider: ChatProvider {
    /// The model name reported in responses.
    public static let modelName = "offline"

    /// The pause after each streamed chunk (`.zero`, the default, streams without sleeping).
    public var chunkDelay: Duration
    /// The sleep used for ``chunkDelay`` (injectable for tests).
    public var sleep: @Sendable (Duration) async throws -> Void

    /// Creates the provider.
    public init(
        chunkDelay: Duration = .zero,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.chunkDelay = chunkDelay
        self.sleep = sleep
    }

    /// The whole answer at once.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let (chunks, finish) = Self.chunks(for: request)
        return ChatResponse(
            text: chunks.joined(), finishReason: finish, usage: Self.usage(request: request, chunks: chunks),
            model: Self.modelName)
    }

    /// The answer word by word (each chunk is a word with the whitespace before it), then usage and finish.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        let (chunks, finish) = Self.chunks(for: request)
        let usage = Self.usage(request: request, chunks: chunks)
        let delay = chunkDelay
        let sleep = sleep
        if delay == .zero {
            let (stream, continuation) = AsyncThrowingStream<ChatEvent, any Error>.makeStream()
            for chunk in chunks { continuation.yield(.delta(chunk)) }
            continuation.yield(.usage(usage))
            continuation.yield(.finished(finish))
            continuation.finish()
            return stream
        }
        let (stream, continuation) = AsyncThrowingStream<ChatEvent, any Error>.makeStream()
        let task = Task {
            do {
                for chunk in chunks {
                    continuation.yield(.delta(chunk))
                    try await sleep(delay)
                }
                continuation.yield(.usage(usage))
                continuation.yield(.finished(finish))
                continuation.finish()
            } catch {
                continuation.finish(
                    throwing: ProviderError(code: .cancelled, message: "the stream was cancelled", provider: "offline"))
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The answer split into word chunks, cut at `maxOutputTokens` chunks (finish `.length`).
    static func chunks(for request: ChatRequest) -> ([String], FinishReason) {
        let text = OfflineAnswerer().answer(request)
        var chunks: [String] = []
        var current = ""
        var inWord = false
        for character in text {
            if character.isWhitespace {
                if inWord {
                    chunks.append(current)
                    current = ""
                    inWord = false
                }
                current.append(character)
            } else {
                inWord = true
                current.append(character)
            }
        }
        if !current.isEmpty { chunks.append(current) }
        if let limit = request.maxOutputTokens, limit >= 0, chunks.count > limit {
            return (Array(chunks.prefix(limit)), .length)
        }
        return (chunks, .stop)
    }

    /// An estimate: a token per 4 characters of the prompt (rounded up), a token per chunk of the answer.
    static func usage(request: ChatRequest, chunks: [String]) -> Usage {
        let promptCharacters = request.system.count + request.messages.reduce(0) { $0 + $1.text.count }
        return Usage(promptTokens: (promptCharacters + 3) / 4, completionTokens: chunks.count)
    }
}
