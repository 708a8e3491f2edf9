import Foundation
import HTTPTypes
import Hummingbird
import Mneme
import MnemeStore

/// Who a chat request is for: user, session, model and persona, from its body and headers.
extension ChatCompletions {
    /// The headers a caller may send besides the OpenAI body.
    enum Header {
        static let user = HTTPField.Name("X-Mneme-User")!
        static let session = HTTPField.Name("X-Mneme-Session")!
        static let persona = HTTPField.Name("X-Mneme-Persona")!
    }

    /// Model names that mean "let Mneme's routes decide".
    static let routingAliases: Set<String> = ["", "mneme", "default", "auto"]

    /// The end user: the `user` field, else the `X-Mneme-User` header, else the configured
    /// anonymous user.
    func user(_ body: ChatCompletionRequest, _ request: Request) throws -> String {
        let candidates = [body.user, request.headers[Header.user], body.metadata["mneme_user"]]
        if let user = candidates.compactMap({ $0?.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
        {
            return user
        }
        if let anonymous = configuration.anonymousUser { return anonymous }
        throw APIError.badRequest(
            "Mneme needs to know the end user: set the 'user' field (or the X-Mneme-User header).",
            code: "user_required")
    }

    /// The model to ask the engine for: `nil` lets the routes decide. A route of another
    /// tenant is not found; `provider:model` is refused when explicit models are off.
    func model(_ requested: String, tenant: String) throws -> String? {
        let name = requested.trimmingCharacters(in: .whitespaces)
        if Self.routingAliases.contains(name.lowercased()) { return nil }
        if let route = engine.configuration.routes.first(where: { $0.name == name }) {
            if let owner = route.match.tenant, owner != tenant {
                throw APIError.notFound("The model '\(name)' does not exist.", code: "model_not_found")
            }
            return name
        }
        guard name.contains(":") else { return nil }
        guard configuration.allowExplicitModels else {
            throw APIError.notFound(
                "The model '\(name)' is not served here; GET /v1/models lists the models.", code: "model_not_found")
        }
        return name
    }

    /// The persona: the `X-Mneme-Persona` header or `metadata.mneme_persona`.
    func persona(_ body: ChatCompletionRequest, _ request: Request) -> String? {
        (request.headers[Header.persona] ?? body.metadata["mneme_persona"]).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The session's row id: the session the caller names (`X-Mneme-Session` header or
    /// `metadata.mneme_session`, an id of its own), created on first use; without one, a new
    /// session with a generated id. Returns the row id and the caller-facing id.
    func session(_ body: ChatCompletionRequest, _ request: Request, tenant: String, user: String, persona: String?)
        async throws -> (id: Int64, external: String)
    {
        let named = (request.headers[Header.session] ?? body.metadata["mneme_session"])?
            .trimmingCharacters(in: .whitespaces)
        // A read first: the user row is written only for a user seen for the first time.
        var known = try await engine.store.user(tenant: tenant, externalID: user)
        if known == nil { known = try await engine.user(tenant: tenant, id: user) }
        guard let scope = known?.scope else { throw APIError.internalError(requestID: "session") }
        guard let named, !named.isEmpty else {
            let external = "chat-" + UUID().uuidString.lowercased()
            let created = try await engine.store.createSession(for: scope, persona: persona, externalID: external)
            return (created.id, external)
        }
        if let found = try await engine.store.session(externalID: named, for: scope) { return (found.id, named) }
        do {
            return (try await engine.store.createSession(for: scope, persona: persona, externalID: named).id, named)
        } catch let error as StoreError where error.code == .invalidInput {
            // Another request created it meanwhile.
            guard let found = try await engine.store.session(externalID: named, for: scope) else { throw error }
            return (found.id, named)
        }
    }
}
