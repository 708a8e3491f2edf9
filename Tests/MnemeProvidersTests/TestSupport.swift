import Foundation
import MnemeHTTP
import MnemeProviders
import Synchronization
import Testing

/// A key that must never appear in any error text.
let testKey = "sk-test-SECRET-0123456789abcdef"

/// One transport for all tests.
let sharedHTTP: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.proxy = .disabled
    return try! HTTPClient(configuration: configuration)
}()

/// Records the waits and notices of a retry policy without sleeping.
final class RetryRecorder: Sendable {
    private let state = Mutex<(delays: [Duration], notices: [String])>(([], []))

    var delays: [Duration] { state.withLock { $0.delays } }
    var notices: [String] { state.withLock { $0.notices } }

    func policy(maxAttempts: Int = 3) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: maxAttempts,
            sleep: { [self] delay in state.withLock { $0.delays.append(delay) } },
            random: { 0 },
            onRetry: { [self] notice in state.withLock { $0.notices.append(notice.description) } })
    }
}

func userRequest(_ text: String = "Hello", model: String = "gpt-4o-mini", system: String = "Be terse.") -> ChatRequest {
    ChatRequest(model: model, system: system, messages: [ChatTurn(role: .user, text: text)])
}

/// Collects a stream's events, or the error it threw.
func events(of stream: AsyncThrowingStream<ChatEvent, any Error>) async -> (events: [ChatEvent], error: ProviderError?)
{
    var result: [ChatEvent] = []
    do {
        for try await event in stream { result.append(event) }
        return (result, nil)
    } catch let error as ProviderError {
        return (result, error)
    } catch {
        Issue.record("unexpected error type: \(error)")
        return (result, nil)
    }
}

func text(of events: [ChatEvent]) -> String {
    events.compactMap { if case .delta(let text) = $0 { text } else { nil } }.joined()
}

/// The request body as a JSON object.
func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
}

/// Runs `body`, expecting a ProviderError, and returns it.
func providerError(_ body: () async throws -> Void) async -> ProviderError? {
    do {
        try await body()
        Issue.record("expected an error")
        return nil
    } catch let error as ProviderError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}
