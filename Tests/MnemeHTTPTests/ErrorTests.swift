import MnemeHTTP
import MnemeHTTPTesting
import Testing

@Suite("Errors and redaction")
struct ErrorTests {
    let client: HTTPClient

    init() throws {
        client = try HTTPClient(configuration: .loopback)
    }

    @Test func connectionRefusedIsAClearError() async throws {
        let port = try closedPort()
        let error = await expectHTTPError(.connectionFailed) {
            _ = try await client.execute(HTTPRequest(url: "http://127.0.0.1:\(port)/v1/chat"))
        }
        #expect(error?.message.contains("could not connect to 127.0.0.1:\(port)") == true)
        #expect(error?.message.contains("GET http://127.0.0.1:\(port)/v1/chat") == true)
    }

    @Test func errorsNeverContainSecretsFromQueryOrHeaders() async throws {
        let port = try closedPort()
        let url = "http://user:hunter2@127.0.0.1:\(port)/v1beta/models/g:streamGenerateContent?alt=sse&key=AIzaSECRET"
        let request = HTTPRequest(
            method: .post, url: url,
            headers: ["Authorization": "Bearer sk-SECRET", "x-goog-api-key": "AIzaSECRET2"],
            body: bytes(#"{"api_key":"SECRET3"}"#))
        let error = await expectHTTPError(.connectionFailed) { _ = try await client.execute(request) }
        let text = try #require(error).description
        for secret in ["AIzaSECRET", "sk-SECRET", "hunter2", "SECRET3"] {
            #expect(!text.contains(secret), "\(text)")
        }
        #expect(text.contains("127.0.0.1:\(port)"))
        #expect(text.contains("alt=sse&key=REDACTED"))
    }

    @Test func timeoutMessagesAreRedactedToo() async throws {
        let server = try TestHTTPServer(response: .stall)
        defer { server.shutdown() }
        let request = HTTPRequest(
            url: server.url("/v1/x?access_token=ya29.SECRET"), headers: ["Authorization": "Bearer ya29.SECRET"],
            timeout: .milliseconds(300))
        let error = await expectHTTPError(.timeout) { _ = try await client.execute(request) }
        #expect(error.map { !$0.description.contains("ya29.SECRET") } == true)
        #expect(error?.message.contains("access_token=REDACTED") == true)
    }

    @Test(arguments: ["", "not a url", "ftp://127.0.0.1/file", "file:///etc/passwd", "http://exa mple.com/"])
    func invalidURLsAreRejected(url: String) async throws {
        await expectHTTPError(.invalidURL) { _ = try await client.execute(HTTPRequest(url: url)) }
    }

    @Test func headerInjectionIsRejectedWithoutEchoingTheValue() async throws {
        let server = try TestHTTPServer(response: .text("x"))
        defer { server.shutdown() }
        let request = HTTPRequest(
            url: server.url("/"), headers: ["Authorization": "Bearer SECRET\r\nX-Injected: 1"])
        let error = await expectHTTPError(.invalidRequest) { _ = try await client.execute(request) }
        #expect(error.map { !$0.message.contains("SECRET") } == true)
        #expect(error?.message.contains("Authorization") == true)
        #expect(server.requests.isEmpty)
        await expectHTTPError(.invalidRequest) {
            _ = try await client.execute(HTTPRequest(url: server.url("/"), headers: ["Bad Name": "v"]))
        }
    }

    @Test(arguments: ["garbage\r\n\r\n", "HTTP/1.1 abc\r\nX: y\r\n\r\n"])
    func malformedResponseIsAnError(raw: String) async throws {
        let server = try TestHTTPServer(response: TestResponse(body: .raw(bytes(raw))))
        defer { server.shutdown() }
        await expectHTTPError(.malformedResponse) {
            _ = try await client.execute(HTTPRequest(url: server.url("/")))
        }
    }
}
