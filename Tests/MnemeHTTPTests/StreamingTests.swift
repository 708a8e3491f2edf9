import MnemeHTTP
import MnemeHTTPTesting
import Testing

@Suite("Streaming")
struct StreamingTests {
    let client: HTTPClient

    init() throws {
        client = try HTTPClient(configuration: .loopback)
    }

    @Test func firstChunkArrivesBeforeServerSendsTheLast() async throws {
        let clientSawFirst = TestGate()
        let server = try TestHTTPServer(
            response: .stream([
                .text("first"),
                .wait(clientSawFirst, timeout: .seconds(120)),
                .text("last"),
            ]))
        defer { server.shutdown() }
        let response = try await client.stream(HTTPRequest(url: server.url("/s")))
        #expect(response.status == 200)
        var chunks: [String] = []
        for try await chunk in response.body {
            chunks.append(String(decoding: chunk, as: UTF8.self))
            if chunks.count == 1 { clientSawFirst.open() }
        }
        // The timeout is long because the CLI tests block cooperative threads while their child
        // processes run, which can starve this consumer for many seconds on a 2-core machine.
        // The server only sends "last" after the client opened the gate; had the client buffered
        // the body, the gate would have been opened only after the server's wait timed out.
        #expect(clientSawFirst.timedOutWaits == 0)
        #expect(chunks == ["first", "last"])
    }

    @Test func headIsAvailableBeforeAnyBodyByte() async throws {
        let clientHasHead = TestGate()
        let server = try TestHTTPServer(
            response: .stream([.wait(clientHasHead, timeout: .seconds(120)), .text("body")]))
        defer { server.shutdown() }
        let response = try await client.stream(HTTPRequest(url: server.url("/h")))
        clientHasHead.open()
        #expect(response.headers["Transfer-Encoding"] == "chunked")
        let full = try await response.collect()
        #expect(full.bodyText == "body")
        #expect(clientHasHead.timedOutWaits == 0)
    }

    @Test func serverSentEventsOverTheNetwork() async throws {
        let server = try TestHTTPServer { _ in
            .stream(
                [
                    .text("event: message_start\r\ndata: {\"a\":"),
                    .text("1}\r"),
                    .text("\n\r\n: ping\n\nevent: content_block_delta\ndata: line1\ndata: line2\n\n"),
                    .text("data: [DONE]\n\n"),
                ], contentType: "text/event-stream")
        }
        defer { server.shutdown() }
        let response = try await client.stream(HTTPRequest(url: server.url("/sse")))
        #expect(response.headers["content-type"] == "text/event-stream")
        var events: [SSEEvent] = []
        for try await event in response.body.serverSentEvents(incompleteEvent: .fail) {
            events.append(event)
        }
        #expect(
            events == [
                SSEEvent(event: "message_start", data: #"{"a":1}"#),
                SSEEvent(event: "content_block_delta", data: "line1\nline2"),
                SSEEvent(data: "[DONE]"),
            ])
    }

    @Test func truncatedEventStreamFailsWhenAsked() async throws {
        let server = try TestHTTPServer(
            response: .stream(
                [.text("data: complete\n\ndata: cut"), .text(" off\n")], contentType: "text/event-stream"))
        defer { server.shutdown() }
        let response = try await client.stream(HTTPRequest(url: server.url("/sse")))
        var events: [String] = []
        let error = await expectHTTPError(.malformedResponse) {
            for try await event in response.body.serverSentEvents(incompleteEvent: .fail) {
                events.append(event.data)
            }
        }
        #expect(events == ["complete"])
        #expect(error?.message.contains("middle of an event") == true)
    }

    @Test func hundredConcurrentStreamsAllComplete() async throws {
        let server = try TestHTTPServer { request in
            let id = request.path.split(separator: "/").last.map(String.init) ?? "?"
            return .stream(
                (0..<5).flatMap { index in
                    [TestResponse.Step.delay(.milliseconds(20)), .text("\(id):\(index);")]
                })
        }
        defer { server.shutdown() }
        let client = self.client
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for id in 0..<100 {
                group.addTask {
                    let response = try await client.stream(HTTPRequest(url: server.url("/stream/\(id)")))
                    var text = ""
                    for try await chunk in response.body { text += String(decoding: chunk, as: UTF8.self) }
                    return (id, text)
                }
            }
            var results: [Int: String] = [:]
            for try await (id, text) in group { results[id] = text }
            return results
        }
        #expect(results.count == 100)
        for id in 0..<100 {
            #expect(results[id] == (0..<5).map { "\(id):\($0);" }.joined())
        }
        #expect(server.requests.count == 100)
    }

    @Test func droppedConnectionMidChunkedBodyIsAnError() async throws {
        let server = try TestHTTPServer(response: .stream([.text("partial"), .dropConnection]))
        defer { server.shutdown() }
        let response = try await client.stream(HTTPRequest(url: server.url("/drop")))
        var received = ""
        let error = await expectHTTPError(.connectionLost) {
            for try await chunk in response.body { received += String(decoding: chunk, as: UTF8.self) }
        }
        #expect(received == "partial")  // data before the failure is delivered, then the error
        #expect(error?.message.contains("127.0.0.1") == true)
        await expectHTTPError(.connectionLost) {
            _ = try await client.execute(HTTPRequest(url: server.url("/drop")))
        }
    }

    @Test func shortContentLengthBodyIsAnError() async throws {
        let server = try TestHTTPServer(
            response: TestResponse(body: .steps([.text("only ten b"), .dropConnection], framing: .contentLength(100))))
        defer { server.shutdown() }
        await expectHTTPError(.connectionLost) {
            _ = try await client.execute(HTTPRequest(url: server.url("/short")))
        }
    }

    @Test func closeWithoutResponseIsAnError() async throws {
        let server = try TestHTTPServer(response: TestResponse(body: .closeWithoutResponse))
        defer { server.shutdown() }
        await expectHTTPError(.connectionLost) {
            _ = try await client.execute(HTTPRequest(url: server.url("/nothing")))
        }
    }

    @Test func releasingAnUnreadBodyAbortsTheTransfer() async throws {
        let server = try TestHTTPServer(response: .stream([.text("a"), .stall]))
        defer { server.shutdown() }
        do {
            let response = try await client.stream(HTTPRequest(url: server.url("/abandon")))
            #expect(response.status == 200)
        }  // body released here without being read
        #expect(await waitUntil { server.clientDisconnects == 1 })
    }
}
