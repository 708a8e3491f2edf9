import Foundation
import Synchronization

/// Where a Vertex AI OAuth2 access token comes from.
///
/// ```swift
/// let fixed = AccessTokenSource.token(Secret(token))       // from config or GOOGLE_OAUTH_ACCESS_TOKEN
/// let gcloud = AccessTokenSource.gcloud()                  // `gcloud auth print-access-token`, cached 45 min
/// ```
public struct AccessTokenSource: Sendable {
    private let fetch: @Sendable () async throws -> Secret

    /// A custom source (for example a metadata-server client); called before every request, so cache inside.
    public init(fetch: @escaping @Sendable () async throws -> Secret) {
        self.fetch = fetch
    }

    /// The current token.
    public func token() async throws -> Secret {
        try await fetch()
    }

    /// A fixed token.
    public static func token(_ token: Secret) -> AccessTokenSource {
        AccessTokenSource { token }
    }

    /// Runs `command` (default `gcloud auth print-access-token`) and caches its output for `lifetime`
    /// (gcloud tokens live 60 minutes).
    public static func gcloud(
        command: [String] = ["gcloud", "auth", "print-access-token"], lifetime: Duration = .seconds(45 * 60)
    ) -> AccessTokenSource {
        let cache = Mutex<(token: Secret, expires: ContinuousClock.Instant)?>(nil)
        return AccessTokenSource {
            if let cached = cache.withLock({ $0 }), cached.expires > .now { return cached.token }
            let token = try await Self.run(command)
            cache.withLock { $0 = (token, .now + lifetime) }
            return token
        }
    }

    private static func run(_ command: [String]) async throws -> Secret {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Secret, any Error>) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
            let output = Pipe()
            process.standardOutput = output
            process.standardError = Pipe()
            process.terminationHandler = { process in
                let data = output.fileHandleForReading.readDataToEndOfFile()
                let token = String(decoding: data, as: UTF8.self).trimmingWhitespace()
                if process.terminationStatus == 0, !token.isEmpty {
                    continuation.resume(returning: Secret(token))
                } else {
                    continuation.resume(
                        throwing: ProviderError(
                            code: .authentication,
                            message: "`\(command.joined(separator: " "))` failed (exit \(process.terminationStatus)); "
                                + "run `gcloud auth login` or set GOOGLE_OAUTH_ACCESS_TOKEN",
                            provider: "vertex"))
                }
            }
            do {
                try process.run()
            } catch {
                continuation.resume(
                    throwing: ProviderError(
                        code: .configuration,
                        message:
                            "could not run `\(command.joined(separator: " "))` (is the Google Cloud SDK installed?); "
                            + "or set GOOGLE_OAUTH_ACCESS_TOKEN",
                        provider: "vertex"))
            }
        }
    }
}
