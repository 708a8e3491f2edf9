import Foundation
import Testing

/// Runs the official Python SDKs against the loopback stubs (the probes in Fixtures/), for tests that
/// show the stubs are faithful to the real wire formats.
enum PythonProbe {
    /// Runs Fixtures/`name`.py with `arguments` (proxies off, loopback only) and decodes the one JSON
    /// object it prints.
    static func run(_ name: String, _ arguments: [String]) throws -> [String: Any] {
        let script = try #require(Bundle.module.path(forResource: name, ofType: "py", inDirectory: "Fixtures"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        var environment = ProcessInfo.processInfo.environment
        for variable in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"] {
            environment[variable] = nil
        }
        environment["NO_PROXY"] = "127.0.0.1"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "probe \(name) failed: \(errorText)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
