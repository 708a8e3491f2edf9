import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The baseline: a blocking socket that sends a fixed GET and reads a chunked response, with no
/// parsing beyond finding the end. What any HTTP client has to do at the least.
final class RawHTTPClient {
    private let port: Int
    private var socket: Int32 = -1
    private var buffer: [UInt8]

    /// `bufferSize` is the receive buffer (libcurl's default is 16 KiB).
    init(port: Int, bufferSize: Int = 65536) {
        self.port = port
        self.buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    deinit {
        if socket >= 0 { close(socket) }
    }

    func connect() throws {
        if socket >= 0 { close(socket) }
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var noDelay: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 { throw BenchError(message: "raw connect failed: \(String(cString: strerror(errno)))") }
    }

    /// Sends `GET target` and reads the chunked response to its end. Returns the time from sending
    /// to the first received byte, and the total.
    func get(_ target: String) throws -> (firstByte: Duration, total: Duration) {
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".utf8)
        let clock = ContinuousClock()
        let start = clock.now
        let sent = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { throw BenchError(message: "raw send failed") }
        var firstByte: Duration?
        var tail: [UInt8] = []
        let terminator = Array("0\r\n\r\n".utf8)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw BenchError(message: "raw recv ended early") }
            if firstByte == nil { firstByte = clock.now - start }
            if count >= terminator.count {
                tail = Array(buffer[(count - terminator.count)..<count])
            } else {
                tail = Array((tail + buffer[0..<count]).suffix(terminator.count))
            }
            if tail == terminator { break }
        }
        return (firstByte!, clock.now - start)
    }
}
