import MnemeHTTP
import MnemeHTTPTesting
import Testing

@Suite("Round trips")
struct RoundTripTests {
    let client: HTTPClient

    init() throws {
        client = try HTTPClient(configuration: .loopback)
    }

    @Test func getReturnsStatusHeadersAndBody() async throws {
        let server = try TestHTTPServer { request in
            TestResponse(
                status: 200, headers: [("Content-Type", "text/plain"), ("X-Echo", request.target)],
                body: .bytes(bytes("hello \(request.method)")))
        }
        defer { server.shutdown() }
        var request = HTTPRequest(url: server.url("/greet?name=ada"))
        request.headers.add(name: "X-Trace", value: "t-1")
        let response = try await client.execute(request)
        #expect(response.status == 200)
        #expect(response.bodyText == "hello GET")
        #expect(response.headers["x-echo"] == "/greet?name=ada")
        #expect(response.headers["Content-Type"] == "text/plain")
        let recorded = try #require(server.requests.first)
        #expect(recorded.method == "GET")
        #expect(recorded.path == "/greet")
        #expect(recorded.query == "name=ada")
        #expect(recorded.header("X-Trace") == "t-1")
        #expect(recorded.header("User-Agent") == "Mneme")
        #expect(recorded.body.isEmpty)
    }

    @Test func postSendsBodyAndHeaders() async throws {
        let server = try TestHTTPServer { request in
            .json(#"{"received":\#(request.body.count)}"#, status: 201)
        }
        defer { server.shutdown() }
        // Large enough that curl would use "Expect: 100-continue" unless disabled; binary incl. NUL.
        let body = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let request = HTTPRequest(
            method: .post, url: server.url("/v1/upload"),
            headers: ["Content-Type": "application/octet-stream", "Authorization": "Bearer sk-test"], body: body)
        let response = try await client.execute(request)
        #expect(response.status == 201)
        #expect(response.bodyText == #"{"received":200000}"#)
        let recorded = try #require(server.requests.first)
        #expect(recorded.method == "POST")
        #expect(recorded.body == body)
        #expect(recorded.header("Authorization") == "Bearer sk-test")
        #expect(recorded.header("Content-Type") == "application/octet-stream")
        #expect(recorded.header("Expect") == nil)
    }

    @Test(arguments: [HTTPMethod.put, .patch, .delete])
    func otherMethodsWithBody(method: HTTPMethod) async throws {
        let server = try TestHTTPServer { request in .text("\(request.method) \(request.bodyText)") }
        defer { server.shutdown() }
        let response = try await client.execute(
            HTTPRequest(method: method, url: server.url("/x"), body: bytes("payload")))
        #expect(response.bodyText == "\(method.rawValue) payload")
    }

    @Test func postWithoutBodySendsEmptyBody() async throws {
        let server = try TestHTTPServer { request in .text("len=\(request.header("Content-Length") ?? "none")") }
        defer { server.shutdown() }
        let response = try await client.execute(HTTPRequest(method: .post, url: server.url("/empty")))
        #expect(response.bodyText == "len=0")
    }

    @Test func headRequestHasNoBody() async throws {
        let server = try TestHTTPServer { _ in
            TestResponse(status: 200, headers: [("Content-Length", "5")], body: .bytes([]))
        }
        defer { server.shutdown() }
        let response = try await client.execute(HTTPRequest(method: .head, url: server.url("/h")))
        #expect(response.status == 200)
        #expect(response.headers["Content-Length"] == "5")
        #expect(response.body.isEmpty)
        #expect(server.requests.first?.method == "HEAD")
    }

    @Test func rateLimitIsAResponseWithRetryAfter() async throws {
        let server = try TestHTTPServer(response: .tooManyRequests(retryAfter: 7))
        defer { server.shutdown() }
        let response = try await client.execute(HTTPRequest(method: .post, url: server.url("/v1/messages")))
        #expect(response.status == 429)
        #expect(response.headers["retry-after"] == "7")
        #expect(response.bodyText.contains("rate limited"))
    }

    @Test func followsRedirectsAndReportsFinalHead() async throws {
        let server = try TestHTTPServer { request in
            if request.path == "/old" {
                return TestResponse(
                    status: 302, headers: [("Location", "/new")], body: .bytes(bytes("redirect body")))
            }
            return .text("arrived at \(request.path)")
        }
        defer { server.shutdown() }
        let response = try await client.execute(HTTPRequest(url: server.url("/old")))
        #expect(response.status == 200)
        #expect(response.bodyText == "arrived at /new")
        #expect(response.headers["Location"] == nil)
        #expect(server.requests.map(\.path) == ["/old", "/new"])
    }

    @Test func redirectsCanBeDisabled() async throws {
        let server = try TestHTTPServer { _ in
            TestResponse(status: 301, headers: [("Location", "/elsewhere")], body: .bytes(bytes("moved")))
        }
        defer { server.shutdown() }
        var configuration = HTTPClient.Configuration.loopback
        configuration.followRedirects = false
        let client = try HTTPClient(configuration: configuration)
        let response = try await client.execute(HTTPRequest(url: server.url("/a")))
        #expect(response.status == 301)
        #expect(response.bodyText == "moved")
        #expect(server.requests.count == 1)
    }

    @Test func redirectLoopFails() async throws {
        let server = try TestHTTPServer { _ in TestResponse(status: 302, headers: [("Location", "/loop")]) }
        defer { server.shutdown() }
        await expectHTTPError(.tooManyRedirects) {
            _ = try await client.execute(HTTPRequest(url: server.url("/loop")))
        }
    }

    @Test func explicitProxyReceivesAbsoluteFormRequests() async throws {
        let proxy = try TestHTTPServer { request in .text("proxied \(request.target)") }
        defer { proxy.shutdown() }
        var configuration = HTTPClient.Configuration.loopback
        configuration.proxy = .url(proxy.baseURL)
        let client = try HTTPClient(configuration: configuration)
        let response = try await client.execute(HTTPRequest(url: "http://upstream.invalid/v1/models"))
        #expect(response.bodyText == "proxied http://upstream.invalid/v1/models")
        #expect(proxy.requests.first?.header("Host") == "upstream.invalid")
    }

    @Test func noProxyListBypassesTheProxy() async throws {
        let proxy = try TestHTTPServer(response: .text("from proxy"))
        defer { proxy.shutdown() }
        let origin = try TestHTTPServer(response: .text("from origin"))
        defer { origin.shutdown() }
        var configuration = HTTPClient.Configuration.loopback
        configuration.proxy = .url(proxy.baseURL, noProxy: "127.0.0.1")
        let client = try HTTPClient(configuration: configuration)
        let response = try await client.execute(HTTPRequest(url: origin.url("/direct")))
        #expect(response.bodyText == "from origin")
        #expect(proxy.requests.isEmpty)
        #expect(origin.requests.first?.target == "/direct")
    }

    @Test func reusesConnectionsForSequentialRequests() async throws {
        let server = try TestHTTPServer(response: .text("ok"))
        defer { server.shutdown() }
        for _ in 0..<5 {
            #expect(try await client.execute(HTTPRequest(url: server.url("/k"))).bodyText == "ok")
        }
        #expect(server.requests.count == 5)
        #expect(server.connectionsAccepted == 1)
    }

    @Test func largeBodyThroughSmallBufferArrivesIntact() async throws {
        // 4 MiB through a 16 KiB buffer: the transfer is paused and resumed many times.
        let payload = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let steps = stride(from: 0, to: payload.count, by: 65536).map {
            TestResponse.Step.chunk(Array(payload[$0..<min($0 + 65536, payload.count)]))
        }
        let server = try TestHTTPServer(response: .stream(steps))
        defer { server.shutdown() }
        var configuration = HTTPClient.Configuration.loopback
        configuration.bodyBufferLimit = 16 << 10
        let client = try HTTPClient(configuration: configuration)
        let response = try await client.stream(HTTPRequest(url: server.url("/big")))
        var received: [UInt8] = []
        var chunks = 0
        for try await chunk in response.body {
            received += chunk
            chunks += 1
            if chunks % 16 == 0 { await Task.yield() }
        }
        #expect(received.count == payload.count)
        #expect(received == payload)
    }
}
