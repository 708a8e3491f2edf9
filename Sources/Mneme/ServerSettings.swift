/// The `[server]` section of `mneme.toml`: settings of `mneme serve`, each optional (unset keeps the
/// server's default; a `MNEME_SERVER_*` variable or a flag overrides it).
///
/// ```toml
/// [server]
/// host = "0.0.0.0"
/// port = 8080
/// rate_limit = 20          # requests per second per key (0: off)
/// cors_origins = ["https://app.example.com"]
/// ```
public struct ServerSettings: Sendable, Hashable, Decodable {
    /// The interface to listen on.
    public var host: String?
    /// The port (0: any free port).
    public var port: Int?
    /// The largest request body, in bytes.
    public var maxBodyBytes: Int?
    /// The largest document upload, in bytes.
    public var maxUploadBytes: Int?
    /// Requests per second per key (0: off).
    public var rateLimit: Double?
    /// Requests a key may burst above its rate.
    public var rateBurst: Int?
    /// Origins allowed by CORS (empty: CORS off).
    public var corsOrigins: [String]?
    /// The user of requests that name none (unset: such requests are refused).
    public var anonymousUser: String?
    /// Whether requests may name `provider:model` directly.
    public var explicitModels: Bool?
    /// `replace` or `append`: what the caller's system message does to the persona's.
    public var systemMessage: String?
    /// Seconds in-flight turns get to finish on shutdown.
    public var shutdownGraceSeconds: Int?
    /// Whether `/metrics` is served.
    public var metrics: Bool?
    /// The access log: `json`, `text` or `off`.
    public var logFormat: String?

    /// No settings: the server's defaults.
    public init() {}

    /// The allowed values of the settings that take a choice, for the configuration check.
    static let choices: [String: [String]] = [
        "system_message": ["replace", "append"], "log_format": ["json", "text", "off"],
    ]

    /// The allowed ranges of the numeric settings, for the configuration check.
    static let ranges: [String: ClosedRange<Int>] = [
        "port": 0...65535, "max_body_bytes": 1024...(1 << 30), "max_upload_bytes": 1024...(1 << 31),
        "rate_burst": 1...1_000_000, "shutdown_grace_seconds": 0...3600,
    ]

    /// The numeric settings by key, for the range check.
    var integers: [String: Int] {
        var values: [String: Int] = [:]
        values["port"] = port
        values["max_body_bytes"] = maxBodyBytes
        values["max_upload_bytes"] = maxUploadBytes
        values["rate_burst"] = rateBurst
        values["shutdown_grace_seconds"] = shutdownGraceSeconds
        return values
    }
}
