import MnemeHTTP
import MnemeHTTPTesting
import Testing

@Suite("Timeouts and cancellation")
struct TimeoutAndCancellationTests {
    let client: HTTPClient

    init() throws {
        client = try HTTPClient(configuration: .loopback)
    }

    @Test func totalTimeoutStopsATricklingResponse() async throws {
        // A chunk every 100 ms keeps the idle timer happy; only the total limit can stop it.
        let trickle = Array(repeating: [TestResponse.Step.delay(.milliseconds(100)), .text(".")], count: 600).flatMap {
            $0
        }
        let server = try TestHTTPServer(response: .stream(trickle))
        defer { server.shutdown() }
        let request = HTTPRequest(url: server.url("/trickle"), timeout: .milliseconds(800), idleTimeout: .seconds(30))
        let task = Task { try await client.execute(request) }
        let outcome = try #require(await awaitWithin(watchdogBound, task), "request did not finish")
        let error = await expectHTTPError(.timeout) { _ = try outcome.get() }
        #expect(error?.message.contains("limit 800 ms") == true)
    }

    @Test func idleTimeoutFiresOnStallAfterHead() async throws {
        let server = try TestHTTPServer(response: .stream([.text("some"), .stall]))
        defer { server.shutdown() }
        let request = HTTPRequest(url: server.url("/stall"), idleTimeout: .milliseconds(500))
        let task = Task { try await client.execute(request) }
        let outcome = try #require(await awaitWithin(watchdogBound, task), "request did not finish")
        let error = await expectHTTPError(.timeout) { _ = try outcome.get() }
        #expect(error?.message.contains("idle timeout") == true)
        #expect(await waitUntil { server.clientDisconnects == 1 })
    }

    @Test func idleTimeoutFiresWhenServerNeverAnswers() async throws {
        let server = try TestHTTPServer(response: .stall)
        defer { server.shutdown() }
        let request = HTTPRequest(url: server.url("/silent"), idleTimeout: .milliseconds(300))
        let task = Task { try await client.stream(request) }
        let outcome = try #require(await awaitWithin(watchdogBound, task), "request did not finish")
        await expectHTTPError(.timeout) { _ = try outcome.get() }
    }

    @Test func configuredIdleTimeoutAppliesWhenTheRequestHasNone() async throws {
        let server = try TestHTTPServer(response: .stall)
        defer { server.shutdown() }
        var configuration = HTTPClient.Configuration.loopback
        configuration.idleTimeout = .milliseconds(300)
        let client = try HTTPClient(configuration: configuration)
        let task = Task { try await client.execute(HTTPRequest(url: server.url("/silent"))) }
        let outcome = try #require(await awaitWithin(watchdogBound, task), "request did not finish")
        let error = await expectHTTPError(.timeout) { _ = try outcome.get() }
        #expect(error?.message.contains("300 ms (idle timeout)") == true)
    }

    @Test func cancellingAStalledRequestReturnsPromptly() async throws {
        let requestArrived = TestGate()
        let server = try TestHTTPServer { _ in
            requestArrived.open()
            return .stall
        }
        defer { server.shutdown() }
        let request = HTTPRequest(url: server.url("/stall"), timeout: nil, idleTimeout: nil)
        let task = Task { try await client.execute(request) }
        await requestArrived.wait()
        task.cancel()
        let outcome = try #require(await awaitWithin(watchdogBound, task), "cancelled request never finished")
        await expectHTTPError(.cancelled) { _ = try outcome.get() }
        // The transfer was really aborted: the server sees the connection close.
        #expect(await waitUntil { server.clientDisconnects == 1 })
    }

    @Test func cancellingWhileReadingAStalledBodyReturnsPromptly() async throws {
        let server = try TestHTTPServer(response: .stream([.text("head-and-a-bit"), .stall]))
        defer { server.shutdown() }
        let gotFirstChunk = TestGate()
        let request = HTTPRequest(url: server.url("/stall-body"), idleTimeout: nil)
        let client = self.client
        let task = Task {
            let response = try await client.stream(request)
            var count = 0
            for try await chunk in response.body {
                count += chunk.count
                gotFirstChunk.open()
            }
            return count
        }
        await gotFirstChunk.wait()
        task.cancel()
        let outcome = try #require(await awaitWithin(watchdogBound, task), "cancelled stream never finished")
        await expectHTTPError(.cancelled) { _ = try outcome.get() }
        #expect(await waitUntil { server.clientDisconnects == 1 })
    }

    @Test func alreadyCancelledTaskDoesNotSend() async throws {
        let server = try TestHTTPServer(response: .text("x"))
        defer { server.shutdown() }
        let client = self.client
        let started = TestGate()
        let task = Task {
            await started.wait()
            return try await client.execute(HTTPRequest(url: server.url("/never")))
        }
        task.cancel()
        started.open()
        let outcome = try #require(await awaitWithin(watchdogBound, task))
        await expectHTTPError(.cancelled) { _ = try outcome.get() }
    }

    @Test func shutdownFailsRunningTransfersAndLaterRequests() async throws {
        let requestArrived = TestGate()
        let server = try TestHTTPServer { _ in
            requestArrived.open()
            return .stall
        }
        defer { server.shutdown() }
        let client = try HTTPClient(configuration: .loopback)
        let task = Task { try await client.execute(HTTPRequest(url: server.url("/s"), idleTimeout: nil)) }
        await requestArrived.wait()
        client.shutdown()
        let outcome = try #require(await awaitWithin(watchdogBound, task))
        let error = await expectHTTPError(.cancelled) { _ = try outcome.get() }
        #expect(error?.message.contains("shut down") == true)
        await expectHTTPError(.cancelled) {
            _ = try await client.execute(HTTPRequest(url: server.url("/after")))
        }
    }
}
