import MnemeHTTP
import MnemeHTTPTesting
import Synchronization
import Testing

/// Generous bound for "this finishes at all" checks; large enough for a loaded CI machine.
let watchdogBound: Duration = .seconds(20)

/// Waits for `task`, but gives up after `bound` (returning `nil`) even if the task never finishes,
/// so a hang fails the test instead of blocking the run.
func awaitWithin<T: Sendable>(_ bound: Duration, _ task: Task<T, any Error>) async -> Result<T, any Error>? {
    let once = ResumeOnce<Result<T, any Error>?>()
    return await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>?, Never>) in
        once.set(continuation)
        Task { once.resume(await task.result) }
        Task {
            try? await Task.sleep(for: bound)
            once.resume(nil)
        }
    }
}

/// Resumes a continuation at most once.
final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<Value, Never>?>(nil)

    func set(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(_ value: Value) {
        continuation.withLock { stored -> CheckedContinuation<Value, Never>? in
            defer { stored = nil }
            return stored
        }?.resume(returning: value)
    }
}

/// Polls `condition` every 10 ms until it holds or `bound` passes; returns whether it held.
func waitUntil(_ bound: Duration = watchdogBound, _ condition: @Sendable () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + bound
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// The `HTTPError` thrown by `body`, or a recorded issue.
@discardableResult
func expectHTTPError(
    _ code: HTTPError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> HTTPError? {
    do {
        try await body()
        Issue.record("expected HTTPError \(code), but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as HTTPError {
        #expect(error.code == code, "got \(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected HTTPError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A port on 127.0.0.1 where nothing listens (bound, then closed).
func closedPort() throws -> Int {
    let server = try TestHTTPServer(response: .text(""))
    let port = server.port
    server.shutdown()
    return port
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

extension HTTPClient.Configuration {
    /// Defaults, minus proxy environment variables (a CI proxy must not intercept loopback traffic).
    static var loopback: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.proxy = .disabled
        return configuration
    }
}
