import Foundation
public import Logging
import MnemeContext
import MnemeHTTP
import MnemeProviders
public import MnemeStore
import MnemeTokenizer
import Synchronization

/// Mneme's facade for chat backends: one object, shared by all sessions, that runs turns —
/// store the message, remember facts, route, assemble the context, stream the reply, record
/// everything — and manages users, facts, sessions and documents.
///
/// ```swift
/// let engine = try Engine(configuration: EngineConfiguration())
/// for try await event in engine.respond(tenant: "acme", user: "u-42", session: nil, message: "Hi, I'm Ada") {
///     if case .delta(let text) = event { print(text, terminator: "") }
/// }
/// ```
///
/// Thread-safe: many tasks may run turns at once; SQLite's WAL and the store's single writer
/// keep every message.
public final class Engine: Sendable {
    /// The configuration in use.
    public let configuration: EngineConfiguration
    /// The store, for management calls the engine does not wrap.
    public let store: Store
    let http: HTTPClient
    let environment: ProviderEnvironment
    let defaultTarget: ModelTarget
    /// Why the default model was chosen (for example "no API key set: offline provider").
    public let defaultModelReason: String
    /// Observed (estimated, reported) prompt tokens per model, persisted in the store, that
    /// correct later estimates for models whose tokenizer is not public.
    let calibration: Mutex<UsageCalibration>
    let logger: Logger
    /// Work turns start after their replies (see ``waitForBackgroundWork()``).
    let background = BackgroundWork()
    /// Token counts of short texts, kept between turns.
    let countCache = TokenCountCache()

    /// Opens the database and sets up providers from the configuration and environment.
    public init(configuration: EngineConfiguration = EngineConfiguration(), logger: Logger = Store.silentLogger) throws
    {
        self.configuration = configuration
        self.logger = logger
        store = try Store(path: configuration.databasePath, logger: logger)
        http = try HTTPClient()
        environment = ProviderEnvironment(configuration.environment)
        let factory = ProviderFactory(environment: environment, http: http)
        if let model = configuration.model, !configuration.routes.contains(where: { $0.name == model }) {
            do {
                defaultTarget = try ModelTarget(parsing: model)
            } catch {
                throw EngineError(.configuration, "The model '\(model)' is not provider:model or a route name.")
            }
            defaultModelReason = "configured model \(model)"
        } else {
            let choice = factory.defaultChoice()
            defaultTarget = choice.target
            defaultModelReason = choice.reason
        }
        let saved = try store.calibrationJSON().flatMap {
            try? JSONDecoder().decode(UsageCalibration.self, from: Data($0.utf8))
        }
        calibration = Mutex(saved ?? UsageCalibration())
    }

    /// A token counter with the current calibration.
    var counter: TokenCounter { TokenCounter(calibration: calibration.withLock { $0 }) }

    /// The learned ratio of reported to estimated prompt tokens for a model whose tokenizer is
    /// not public, or `nil` before any usage was reported.
    public func estimateCorrection(model: String) -> Double? {
        let id = counter.catalog.info(for: model).id
        return calibration.withLock { $0.ratio(model: id) }
    }

    /// Records what the provider reported for a prompt Mneme estimated, and saves it.
    func recordUsage(model: String, request: ChatRequest, reported: Int) async throws {
        let messages =
            [ChatMessage(role: "system", content: request.system)]
            + request.messages.map { ChatMessage(role: $0.role == .user ? "user" : "assistant", content: $0.text) }
        let estimate = try TokenCounter().count(messages: messages, model: model)
        guard !estimate.isExact else { return }
        let json = calibration.withLock { calibration -> String in
            calibration.record(model: estimate.model.id, estimated: estimate.uncalibrated, actual: reported)
            return (try? String(decoding: JSONEncoder().encode(calibration), as: UTF8.self)) ?? "{}"
        }
        try await store.saveCalibration(json: json)
    }

    /// The model a turn would use when nothing else is asked for.
    public var defaultModel: String { "\(defaultTarget.provider):\(defaultTarget.model)" }

    /// The persona with `id`, or the default one.
    func persona(_ id: String?) throws -> Persona {
        let key = id ?? configuration.defaultPersona
        guard let persona = configuration.personas[key] ?? (id == nil ? Persona.assistant : nil) else {
            let known = configuration.personas.keys.sorted().joined(separator: ", ")
            throw EngineError(.unknownPersona, "There is no persona '\(key)' (known: \(known)).")
        }
        return persona
    }

    // MARK: - Management

    /// The user, created if needed.
    public func user(tenant: String, id: String) async throws -> User {
        try await store.ensureUser(tenant: tenant, externalID: id)
    }

    /// Records a fact the user stated.
    @discardableResult
    public func remember(_ key: String, _ value: String, tenant: String, user: String) async throws -> ProfileFact {
        let user = try await self.user(tenant: tenant, id: user)
        return try await store.setFact(NewFact(key: key, value: value, source: .userStated), for: user.scope)
    }

    /// Removes one fact, with its history.
    @discardableResult
    public func forgetFact(_ key: String, tenant: String, user: String) async throws -> Bool {
        guard let user = try await store.user(tenant: tenant, externalID: user) else { return false }
        return try await store.unsetFact(key, for: user.scope)
    }

    /// Erases everything stored about the user.
    @discardableResult
    public func forget(tenant: String, user: String) async throws -> ErasureReport? {
        guard let user = try await store.user(tenant: tenant, externalID: user) else { return nil }
        return try await store.forget(user: user.scope)
    }

    /// Starts a new session for the user.
    public func newSession(tenant: String, user: String, persona: String? = nil, title: String? = nil) async throws
        -> Session
    {
        let user = try await self.user(tenant: tenant, id: user)
        return try await store.createSession(for: user.scope, title: title, persona: persona)
    }
}
