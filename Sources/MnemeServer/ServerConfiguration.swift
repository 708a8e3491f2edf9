import Foundation
public import Mneme

/// The settings of `mneme serve`, with defaults that are safe on a laptop: loopback only, CORS
/// off, bounded bodies and a rate limit per key.
///
/// Read from the environment by ``init(environment:)`` (`MNEME_SERVER_HOST`, `MNEME_SERVER_PORT`,
/// …, listed in docs/user-guide.md); `mneme serve` flags override them. A `[server]` section of
/// the configuration file can set the same fields.
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.port = 0  // any free port; the bound address is reported when listening
/// ```
public struct ServerConfiguration: Sendable, Hashable {
    /// How a caller's system message combines with the persona (see ``Mneme/CallerContext``).
    public enum SystemMessageMode: String, Sendable, Hashable, CaseIterable {
        /// The caller's system message replaces the persona's instruction (the default).
        case replace
        /// The caller's system message follows the persona's instruction.
        case append
    }

    /// The format of the access log.
    public enum LogFormat: String, Sendable, Hashable, CaseIterable {
        /// One JSON object per line.
        case json
        /// `key=value` text.
        case text
        /// No access log.
        case off
    }

    /// The address to listen on (default `127.0.0.1`).
    public var host: String
    /// The port (default 8080; 0 picks a free one).
    public var port: Int
    /// The largest request body of any endpoint but document upload, in bytes (default 1 MiB).
    public var maxBodyBytes: Int
    /// The largest document upload, in bytes (default 20 MiB).
    public var maxUploadBytes: Int
    /// Requests per second allowed per API key, sustained (default 20; 0 turns the limit off).
    public var rateLimitPerSecond: Double
    /// Requests a key may make in a burst above the sustained rate (default 100).
    public var rateLimitBurst: Int
    /// Origins allowed by CORS; empty (the default) sends no CORS headers at all.
    public var corsOrigins: [String]
    /// The end-user id for chat requests that name none (no `user` field, no `X-Mneme-User`
    /// header); `nil` (the default) refuses such requests with 400.
    public var anonymousUser: String?
    /// Whether a chat request may name any `provider:model` (default true); when false only the
    /// routes and the default model are accepted.
    public var allowExplicitModels: Bool
    /// How a caller's system message combines with the persona.
    public var systemMessageMode: SystemMessageMode
    /// How long in-flight turns may run after a shutdown signal before they are cancelled (and
    /// stored as partial); default 30 s.
    public var shutdownGracePeriod: Duration
    /// Whether `GET /metrics` serves Prometheus text (default true).
    public var metricsEnabled: Bool
    /// The access log's format (default JSON lines on standard error).
    public var logFormat: LogFormat

    /// The defaults (see each field).
    public init() {
        host = "127.0.0.1"
        port = 8080
        maxBodyBytes = 1 << 20
        maxUploadBytes = 20 << 20
        rateLimitPerSecond = 20
        rateLimitBurst = 100
        corsOrigins = []
        anonymousUser = nil
        allowExplicitModels = true
        systemMessageMode = .replace
        shutdownGracePeriod = .seconds(30)
        metricsEnabled = true
        logFormat = .json
    }

    /// The defaults, overridden by `MNEME_SERVER_*` variables of `environment` where set:
    /// `HOST`, `PORT`, `MAX_BODY_BYTES`, `MAX_UPLOAD_BYTES`, `RATE_LIMIT` (per second, 0: off),
    /// `RATE_BURST`, `CORS_ORIGINS` (comma-separated), `ANONYMOUS_USER`, `EXPLICIT_MODELS`
    /// (`true`/`false`), `SYSTEM_MESSAGE` (`replace`/`append`), `SHUTDOWN_GRACE_SECONDS`,
    /// `METRICS` (`true`/`false`), `LOG_FORMAT` (`json`/`text`/`off`).
    ///
    /// - Throws: ``ServerConfigurationError`` naming the variable whose value cannot be used.
    public init(environment: [String: String]) throws {
        try self.init(settings: ServerSettings(), environment: environment)
    }

    /// The defaults, then the configuration file's `[server]` section, then the `MNEME_SERVER_*`
    /// variables (see ``init(environment:)``).
    ///
    /// - Throws: ``ServerConfigurationError`` naming the setting whose value cannot be used.
    public init(settings: ServerSettings, environment: [String: String]) throws {
        self.init()
        host = settings.host ?? host
        port = settings.port ?? port
        maxBodyBytes = settings.maxBodyBytes ?? maxBodyBytes
        maxUploadBytes = settings.maxUploadBytes ?? maxUploadBytes
        rateLimitPerSecond = settings.rateLimit ?? rateLimitPerSecond
        rateLimitBurst = settings.rateBurst ?? rateLimitBurst
        corsOrigins = settings.corsOrigins ?? corsOrigins
        anonymousUser = settings.anonymousUser ?? anonymousUser
        allowExplicitModels = settings.explicitModels ?? allowExplicitModels
        shutdownGracePeriod = settings.shutdownGraceSeconds.map { .seconds($0) } ?? shutdownGracePeriod
        metricsEnabled = settings.metrics ?? metricsEnabled
        if let mode = settings.systemMessage {
            guard let parsed = SystemMessageMode(rawValue: mode) else {
                throw ServerConfigurationError(
                    message: "[server] system_message must be replace or append, not \(mode)")
            }
            systemMessageMode = parsed
        }
        if let format = settings.logFormat {
            guard let parsed = LogFormat(rawValue: format) else {
                throw ServerConfigurationError(message: "[server] log_format must be json, text or off, not \(format)")
            }
            logFormat = parsed
        }
        let reader = EnvironmentReader(environment: environment)
        host = reader.string("HOST") ?? host
        port = try reader.integer("PORT", in: 0...65535) ?? port
        maxBodyBytes = try reader.integer("MAX_BODY_BYTES", in: 1024...(1 << 30)) ?? maxBodyBytes
        maxUploadBytes = try reader.integer("MAX_UPLOAD_BYTES", in: 1024...(1 << 31)) ?? maxUploadBytes
        rateLimitPerSecond = try reader.double("RATE_LIMIT", in: 0...1_000_000) ?? rateLimitPerSecond
        rateLimitBurst = try reader.integer("RATE_BURST", in: 1...1_000_000) ?? rateLimitBurst
        let origins = reader.list("CORS_ORIGINS")
        if !origins.isEmpty { corsOrigins = origins }
        anonymousUser = reader.string("ANONYMOUS_USER") ?? anonymousUser
        allowExplicitModels = try reader.bool("EXPLICIT_MODELS") ?? allowExplicitModels
        systemMessageMode = try reader.choice("SYSTEM_MESSAGE", SystemMessageMode.self) ?? systemMessageMode
        if let grace = try reader.integer("SHUTDOWN_GRACE_SECONDS", in: 0...3600) {
            shutdownGracePeriod = .seconds(grace)
        }
        metricsEnabled = try reader.bool("METRICS") ?? metricsEnabled
        logFormat = try reader.choice("LOG_FORMAT", LogFormat.self) ?? logFormat
    }
}

/// A server setting that cannot be used.
public struct ServerConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public let message: String

    public var description: String { message }
}

/// Reads `MNEME_SERVER_*` variables with checks.
struct EnvironmentReader {
    let environment: [String: String]

    func string(_ name: String) -> String? {
        guard let value = environment["MNEME_SERVER_" + name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty
        else { return nil }
        return value
    }

    func list(_ name: String) -> [String] {
        string(name)?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            ?? []
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw invalid(name, text, "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func double(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            throw invalid(name, text, "a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw invalid(name, text, "true or false")
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            throw invalid(name, text, "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    private func invalid(_ name: String, _ value: String, _ expected: String) -> ServerConfigurationError {
        ServerConfigurationError(message: "MNEME_SERVER_\(name) is '\(value)'; it must be \(expected).")
    }
}
