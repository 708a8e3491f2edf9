import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for tests and benchmarks: POSIX sockets, one thread per
/// connection, keep-alive, chunked request and response bodies.
///
/// Every request is recorded and answered by a handler, so the same server can play OpenAI,
/// Anthropic or Gemini, or misbehave (stall, trickle, drop the connection).
///
/// ```swift
/// let server = try TestHTTPServer { request in
///     .json(#"{"ok":true}"#)
/// }
/// defer { server.shutdown() }
/// let response = try await client.execute(HTTPRequest(url: server.url("/ping")))
/// #expect(server.requests.first?.path == "/ping")
/// ```
///
/// Not for production: no TLS, no limits, one thread per connection.
public final class TestHTTPServer: Sendable {
    /// Answers one request. Runs on the connection's thread; it may block.
    public typealias Handler = @Sendable (RecordedRequest) -> TestResponse

    private let core: ServerCore

    /// Starts listening on an ephemeral port of 127.0.0.1.
    ///
    /// - Throws: ``TestServerError`` if the socket cannot be set up.
    public init(handler: @escaping Handler) throws {
        core = try ServerCore(handler: handler)
        let core = self.core
        let thread = Thread { core.acceptLoop() }
        thread.name = "test-http-accept"
        thread.start()
    }

    /// Starts a server that gives every request the same response.
    public convenience init(response: TestResponse) throws {
        try self.init { _ in response }
    }

    deinit {
        core.stop()
    }

    /// The port the server listens on.
    public var port: Int { core.port }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `baseURL + path` (path should start with `/`).
    public func url(_ path: String) -> String { baseURL + path }

    /// The requests received so far, in arrival order.
    public var requests: [RecordedRequest] { core.snapshot.requests }

    /// How many times the server saw a client close its connection while the server was stalling or
    /// still sending (the sign that a client aborted a transfer).
    public var clientDisconnects: Int { core.snapshot.clientDisconnects }

    /// How many connections were accepted.
    public var connectionsAccepted: Int { core.snapshot.connectionsAccepted }

    /// Stops accepting, ends stalls and closes all connections (within about 50 ms). Idempotent.
    public func shutdown() {
        core.stop()
    }
}

/// Why the test server could not start.
public struct TestServerError: Error, Sendable, CustomStringConvertible {
    /// What failed, with `errno` text.
    public let message: String
    public var description: String { message }
}

/// The shared state of a server; threads hold this, not the public object, so dropping the
/// server stops it.
final class ServerCore: Sendable {
    struct Snapshot: Sendable {
        var requests: [RecordedRequest] = []
        var isStopped = false
        var connectionsAccepted = 0
        var clientDisconnects = 0
    }

    let port: Int
    let handler: TestHTTPServer.Handler
    private let listenSocket: Int32
    private let state = Mutex(Snapshot())

    init(handler: @escaping TestHTTPServer.Handler) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestServerError(message: "socket: \(String(cString: strerror(errno)))") }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 1024) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw TestServerError(message: "bind/listen on 127.0.0.1: \(message)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listenSocket = fd
    }

    var snapshot: Snapshot { state.withLock { $0 } }
    var isStopped: Bool { state.withLock { $0.isStopped } }

    func stop() {
        let first = state.withLock { state -> Bool in
            defer { state.isStopped = true }
            return !state.isStopped
        }
        if first {
            Glibc.shutdown(listenSocket, Int32(SHUT_RDWR))
        }
    }

    func record(_ request: RecordedRequest) {
        state.withLock { $0.requests.append(request) }
    }

    func recordClientDisconnect() {
        state.withLock { $0.clientDisconnects += 1 }
    }

    func acceptLoop() {
        defer { close(listenSocket) }
        while !isStopped {
            var poller = pollfd(fd: listenSocket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 50)
            guard ready > 0 else { continue }
            let client = accept(listenSocket, nil, nil)
            guard client >= 0 else { continue }
            var noDelay: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            state.withLock { $0.connectionsAccepted += 1 }
            let thread = Thread { [self] in
                var connection = ServerConnection(socket: client, core: self)
                connection.serve()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
    }
}
