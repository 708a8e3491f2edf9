import Foundation
import MnemeHTTP

// httpbench — benchmarks of the MnemeHTTP transport against a loopback server in a child process.
//
//   swift run -c release httpbench            # all phases
//   swift run -c release httpbench serve      # (internal) the server process
//   swift run -c release httpbench get URL    # one GET with the default configuration (manual checks:
//                                             # proxy and CA environment variables, TLS)
//
// Figures are printed as markdown for docs/benchmarks-http.md.

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "serve" {
    try BenchServer.serve()
}

if arguments.first == "get", let url = arguments.dropFirst().first {
    do {
        let response = try await HTTPClient().execute(HTTPRequest(url: url))
        print("status \(response.status), \(response.body.count) bytes")
        print(response.bodyText.prefix(200))
        exit(0)
    } catch {
        print("error: \(error)")
        exit(1)
    }
}

let (server, port, serverInput) = try BenchServer.spawn()
defer {
    try? serverInput.fileHandleForWriting.close()
    server.waitUntilExit()
}

let environment = ProcessInfo.processInfo.environment
let streams = Int(environment["HTTPBENCH_STREAMS"] ?? "") ?? 200
/// Comma-separated subset of `concurrency,ttfb,chunks` (default: all).
let phases = Set((environment["HTTPBENCH_PHASES"] ?? "concurrency,ttfb,chunks").split(separator: ",").map(String.init))
let client = try HTTPClient()
let benchmarks = Benchmarks(port: port, client: client)

if phases.contains("concurrency") {
    print("## \(streams) concurrent streams (20 chunks each, 50 ms apart: ≈1 s per stream)\n")
    print("| client | completed | wall | threads before → peak | RSS before → peak (sampled VmRSS) |")
    print("|---|---|---|---|---|")
    try await benchmarks.concurrency(streams: streams)
}

if phases.contains("ttfb") {
    print("\n## Time to first byte\n")
    print("| client | median | p90 | runs |")
    print("|---|---|---|---|")
    try await benchmarks.timeToFirstByte(iterations: 500)
}

if phases.contains("chunks") {
    print("\n## Streamed body: 20,000 chunks of 64 B sent back to back\n")
    print("| client | median wall | median client CPU | client CPU per server chunk | runs |")
    print("|---|---|---|---|---|")
    try await benchmarks.chunkThroughput(count: 20_000, size: 64, repetitions: 9)
}
