import Foundation
import MnemeHTTPTesting

/// The loopback server the benchmark talks to, run in a child process so that its threads and
/// memory do not count towards the client's figures.
enum BenchServer {
    static func handler(_ request: RecordedRequest) -> TestResponse {
        let query = parameters(request.query)
        switch request.path {
        case "/ttfb":
            return .stream([.text("x")])
        case "/chunks":
            let count = query["n"] ?? 10_000
            let size = query["size"] ?? 64
            let chunk = TestResponse.Step.chunk(Array(repeating: UInt8(ascii: "a"), count: size))
            return .stream(Array(repeating: chunk, count: count))
        case "/sse":
            let count = query["n"] ?? 10_000
            let event = TestResponse.Step.text(#"data: {"choices":[{"delta":{"content":"token"}}]}"# + "\n\n")
            return .stream(Array(repeating: event, count: count), contentType: "text/event-stream")
        case "/slow":
            let count = query["n"] ?? 20
            let delay = Duration.milliseconds(query["delay"] ?? 50)
            return .stream((0..<count).flatMap { [TestResponse.Step.delay(delay), .text("chunk-\($0);")] })
        default:
            return .text("not found", status: 404)
        }
    }

    static func parameters(_ query: String?) -> [String: Int] {
        var result: [String: Int] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Int(parts[1]) { result[String(parts[0])] = value }
        }
        return result
    }

    /// Runs the server until stdin closes (the parent exited); prints the port first.
    static func serve() throws -> Never {
        let server = try TestHTTPServer(handler: handler)
        print(server.port)
        fflush(nil)
        while readLine() != nil {}
        server.shutdown()
        exit(0)
    }

    /// Starts `httpbench serve` as a child process and returns it with the server's port.
    static func spawn() throws -> (Process, Int, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["serve"]
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw BenchError(message: "the server process did not report a port")
        }
        return (process, port, input)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
