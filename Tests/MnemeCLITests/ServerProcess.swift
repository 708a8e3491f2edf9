import Foundation

/// A `mneme serve` child process on a free loopback port, for end-to-end tests.
final class ServerProcess {
    let process = Process()
    let baseURL: String
    private let output = Pipe()

    /// Starts `mneme serve --port 0` on `cli`'s database and waits for its "Listening on" line.
    init(_ cli: CLIRunner, environment extra: [String: String] = [:]) throws {
        process.executableURL = CLIRunner.executable
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--db", cli.database]
        process.environment = Self.environment(extra)
        process.currentDirectoryURL = cli.folder
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        var descriptor = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !seen.contains("\n") {
            guard poll(&descriptor, 1, 500) > 0 else { continue }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = seen.split(separator: "\n").first, line.hasPrefix("Listening on ") else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "serve did not start: \(seen)"])
        }
        baseURL = String(line.dropFirst("Listening on ".count))
    }

    /// The environment without provider keys (the offline provider answers) or proxies.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in [
            "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "GEMINI_API_KEY", "GOOGLE_API_KEY",
            "MNEME_DB", "MNEME_TENANT", "MNEME_USER", "MNEME_MODEL", "http_proxy", "https_proxy", "HTTP_PROXY",
            "HTTPS_PROXY", "ALL_PROXY", "all_proxy",
        ] {
            environment.removeValue(forKey: name)
        }
        environment["NO_PROXY"] = "127.0.0.1"
        environment["MNEME_SERVER_LOG_FORMAT"] = "off"
        return environment.merging(extra) { $1 }
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
