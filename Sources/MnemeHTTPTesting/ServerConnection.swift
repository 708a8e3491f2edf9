import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One accepted connection, served on its own thread: read a request, record it, answer it, repeat
/// while the connection is kept alive.
struct ServerConnection {
    let socket: Int32
    let core: ServerCore
    private var buffer: [UInt8] = []

    init(socket: Int32, core: ServerCore) {
        self.socket = socket
        self.core = core
    }

    mutating func serve() {
        defer { close(socket) }
        while let request = readRequest() {
            core.record(request)
            let response = core.handler(request)
            let wantsClose = request.header("Connection")?.lowercased() == "close"
            guard write(response, closeAfter: wantsClose), !wantsClose else { return }
        }
    }

    // MARK: Reading

    /// Reads more bytes into `buffer`; false at end of stream, on error or when the server stops.
    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !core.isStopped {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        return false
    }

    private mutating func readLine() -> String? {
        while true {
            if let end = buffer.firstIndex(of: 0x0A) {
                var line = buffer[..<end]
                if line.last == 0x0D { line = line.dropLast() }
                let text = String(decoding: line, as: UTF8.self)
                buffer.removeSubrange(...end)
                return text
            }
            guard fill() else { return nil }
        }
    }

    private mutating func readBytes(_ count: Int) -> [UInt8]? {
        while buffer.count < count {
            guard fill() else { return nil }
        }
        defer { buffer.removeSubrange(..<count) }
        return Array(buffer[..<count])
    }

    private mutating func readRequest() -> RecordedRequest? {
        guard let requestLine = readLine() else { return nil }
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3 else { return nil }
        var headers: [RecordedRequest.Field] = []
        while let line = readLine() {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(RecordedRequest.Field(name: String(line[..<colon]), value: value))
        }
        var request = RecordedRequest(
            method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headers: headers, body: [])
        if request.header("Expect")?.lowercased() == "100-continue" {
            guard send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return nil }
        }
        if request.header("Transfer-Encoding")?.lowercased() == "chunked" {
            while let sizeLine = readLine() {
                let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) ?? 0
                if size == 0 {
                    while let trailer = readLine(), !trailer.isEmpty {}
                    break
                }
                guard let data = readBytes(size), readLine() != nil else { return nil }
                request.body += data
            }
        } else if let length = request.header("Content-Length").flatMap({ Int($0) }), length > 0 {
            guard let data = readBytes(length) else { return nil }
            request.body = data
        }
        return request
    }

    // MARK: Writing

    private func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 {
                core.recordClientDisconnect()
                return false
            }
            offset += sent
        }
        return true
    }

    /// Writes `response`; returns whether the connection may be reused.
    private func write(_ response: TestResponse, closeAfter: Bool) -> Bool {
        var headers = response.headers
        func has(_ name: String) -> Bool { headers.contains { $0.name.lowercased() == name.lowercased() } }
        var reusable = !closeAfter
        switch response.body {
        case .stallBeforeHead:
            stall()
            return false
        case .closeWithoutResponse:
            return false
        case .raw(let bytes):
            _ = send(bytes)
            return false
        case .bytes(let body):
            if !has("Content-Length") {
                headers.append(("Content-Length", String(body.count)))
            } else if headers.first(where: { $0.name.lowercased() == "content-length" })?.value != String(body.count) {
                reusable = false
            }
        case .steps(_, let framing):
            switch framing {
            case .chunked:
                if !has("Transfer-Encoding") { headers.append(("Transfer-Encoding", "chunked")) }
            case .contentLength(let length):
                if !has("Content-Length") { headers.append(("Content-Length", String(length))) }
            case .closeDelimited:
                reusable = false
            }
        }
        if !reusable, !has("Connection") { headers.append(("Connection", "close")) }
        var head = "HTTP/1.1 \(response.status) \(response.reasonPhrase)\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "\r\n"
        switch response.body {
        case .bytes(let body):
            return send(Array(head.utf8) + body) && reusable
        case .steps(let steps, let framing):
            guard send(Array(head.utf8)) else { return false }
            var isChunked = false
            if case .chunked = framing { isChunked = true }
            for step in steps {
                switch step {
                case .chunk(let bytes):
                    if bytes.isEmpty { continue }
                    let framed =
                        isChunked
                        ? Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [0x0D, 0x0A] : bytes
                    guard send(framed) else { return false }
                case .delay(let duration):
                    sleep(duration)
                case .open(let gate):
                    gate.open()
                case .wait(let gate, let timeout):
                    gate.wait(timeout: timeout)
                case .stall:
                    stall()
                    return false
                case .dropConnection:
                    return false
                }
            }
            if isChunked {
                guard send(Array("0\r\n\r\n".utf8)) else { return false }
            }
            return reusable
        case .stallBeforeHead, .closeWithoutResponse, .raw:
            return false
        }
    }

    /// Sleeps in slices so a stopping server does not wait for long delays.
    private func sleep(_ duration: Duration) {
        let deadline = ContinuousClock.now + duration
        while !core.isStopped, ContinuousClock.now < deadline {
            let left = deadline - ContinuousClock.now
            let slice = min(left, .milliseconds(50))
            Thread.sleep(
                forTimeInterval: Double(slice.components.seconds) + Double(slice.components.attoseconds) / 1e18)
        }
    }

    /// Holds the connection open, sending nothing, until the client closes it or the server stops.
    private func stall() {
        var scratch = [UInt8](repeating: 0, count: 4096)
        while !core.isStopped {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = scratch.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 {
                core.recordClientDisconnect()
                return
            }
        }
    }
}
