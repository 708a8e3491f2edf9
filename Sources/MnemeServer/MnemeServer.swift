public import Hummingbird
public import Logging
public import Mneme
import MnemeStore
import NIOCore
import ServiceLifecycle

/// `mneme serve`: an OpenAI-compatible chat endpoint with Mneme's memory, and an admin API,
/// over one ``Mneme/Engine``.
///
/// ```swift
/// let engine = try Engine(configuration: EngineConfiguration())
/// let server = MnemeServer(engine: engine, configuration: try ServerConfiguration(environment: env))
/// try await server.run { address in print("Listening on \(address)") }
/// ```
///
/// Endpoints (the OpenAPI document at `/openapi.json` describes each):
/// - `POST /v1/chat/completions`, `GET /v1/models` — chat or admin keys;
/// - `/admin/v1/…` — admin keys: users, facts, sessions, messages, documents, examples,
///   personas, turns (explain), erasure, tuning jobs;
/// - `/healthz`, `/readyz`, `/metrics`, `/openapi.json` — no key.
public struct MnemeServer: Sendable {
    /// The engine every request goes through.
    public let engine: Engine
    /// The server's settings.
    public let configuration: ServerConfiguration
    /// The API keys, checked on every request.
    public let keys: APIKeys
    let metrics = ServerMetrics()
    let limiter: RateLimiter
    let logger: Logger

    /// Creates a server; nothing listens until ``run(onListening:)``.
    ///
    /// - Parameter logger: where access logs and server errors go (default: per
    ///   ``ServerConfiguration/logFormat``, on standard error).
    public init(engine: Engine, configuration: ServerConfiguration = ServerConfiguration(), logger: Logger? = nil) {
        self.engine = engine
        self.configuration = configuration
        keys = APIKeys(store: engine.store)
        limiter = RateLimiter(rate: configuration.rateLimitPerSecond, burst: configuration.rateLimitBurst)
        if let logger {
            self.logger = logger
        } else {
            switch configuration.logFormat {
            case .json: self.logger = Logger(label: "mneme.server", factory: { JSONLogHandler(label: $0) })
            case .text:
                self.logger = Logger(label: "mneme.server", factory: { StreamLogHandler.standardError(label: $0) })
            case .off: self.logger = Logger(label: "mneme.server", factory: { _ in SwiftLogNoOpLogHandler() })
            }
        }
    }

    /// The router with every endpoint and middleware.
    public func router() -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        router.add(
            middleware: AccessLogMiddleware(logger: logger, metrics: metrics, enabled: configuration.logFormat != .off))
        if !configuration.corsOrigins.isEmpty {
            router.add(middleware: CORSPolicy(origins: Set(configuration.corsOrigins)))
        }
        let operations = Operations(engine: engine, metrics: metrics)
        router.get("healthz", use: operations.health)
        router.get("readyz", use: operations.ready)
        router.get("openapi.json", use: operations.openAPI)
        if configuration.metricsEnabled { router.get("metrics", use: operations.prometheus) }

        let chat = router.group("v1").add(middleware: auth(.chat))
        let completions = ChatCompletions(engine: engine, configuration: configuration, metrics: metrics)
        chat.post("chat/completions", use: completions.handle)
        chat.get("models", use: ModelList(engine: engine).handle)

        let admin = router.group("admin/v1").add(middleware: auth(.admin))
        AdminAPI(engine: engine, configuration: configuration).register(on: admin)
        return router
    }

    private func auth(_ scope: APIKeyScope) -> AuthMiddleware {
        AuthMiddleware(keys: keys, required: scope, limiter: limiter)
    }

    /// The application, for tests (`application().test(.router) { … }`) and ``run(onListening:)``.
    ///
    /// - Parameter onListening: called with `http://host:port` once the socket is bound (with
    ///   port 0, the port the system chose).
    public func application(onListening: @escaping @Sendable (String) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        Application(
            router: router(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "mneme"),
            onServerRunning: { channel in
                let host = channel.localAddress?.ipAddress ?? configuration.host
                let port = channel.localAddress?.port ?? configuration.port
                await onListening("http://\(host.contains(":") ? "[\(host)]" : host):\(port)")
            },
            logger: logger
        )
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully: the socket closes, new turns
    /// are refused (503), and turns in flight run to the end for up to
    /// ``ServerConfiguration/shutdownGracePeriod``; after that they are cancelled, and the
    /// engine stores what was said so far as a partial reply.
    public func run(onListening: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
        var group = ServiceGroupConfiguration(
            services: [application(onListening: onListening)], gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        group.maximumGracefulShutdownDuration = configuration.shutdownGracePeriod
        try await ServiceGroup(configuration: group).run()
    }
}
