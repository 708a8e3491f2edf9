import Foundation
import Hummingbird
import MnemeStore
import NIOCore

/// Sessions, messages and turns (explain).
extension AdminAPI {
    struct SessionBody: Decodable {
        var title: String?
        var persona: String?
        var externalId: String?
    }

    struct MessageBody: Decodable {
        var role: String
        var content: String
        var externalId: String?
        var metadata: [String: String]?
    }

    func registerSessions(on group: RouterGroup<ServerRequestContext>) {
        group.get("users/{user}/sessions") { request, context in
            let limit = try query(request, "limit", in: 1...10_000, default: 100)
            return try json(
                Listing(data: try await engine.store.sessions(for: try await user(context).scope, limit: limit)))
        }
        group.post("users/{user}/sessions") { request, context in
            let body = try await body(SessionBody.self, request)
            let user = try await engine.store.ensureUser(
                tenant: try context.tenant(), externalID: try context.parameters.require("user"))
            let session = try await engine.store.createSession(
                for: user.scope, title: body.title, persona: body.persona, externalID: body.externalId)
            return try json(session, status: .created)
        }
        group.get("users/{user}/sessions/{session}") { _, context in
            let scope = try await user(context).scope
            guard let session = try await engine.store.session(try id("session", context), for: scope) else {
                throw APIError.notFound("The user has no such session.", code: "session_not_found")
            }
            return try json(session)
        }
        group.delete("users/{user}/sessions/{session}") { _, context in
            let scope = try await user(context).scope
            guard try await engine.store.deleteSession(try id("session", context), for: scope) else {
                throw APIError.notFound("The user has no such session.", code: "session_not_found")
            }
            return Response(status: .noContent)
        }
        group.get("users/{user}/sessions/{session}/messages") { request, context in
            let scope = try await user(context).scope
            let after = try query(request, "after", in: 0...Int.max, default: 0)
            let limit = try query(request, "limit", in: 1...10_000, default: 1000)
            let messages = try await engine.store.messages(
                in: try id("session", context), for: scope, after: after == 0 ? nil : Int64(after), limit: limit)
            return try json(Listing(data: messages))
        }
        group.post("users/{user}/sessions/{session}/messages") { request, context in
            let body = try await body(MessageBody.self, request)
            guard let role = Message.Role(rawValue: body.role) else {
                throw APIError.badRequest(
                    "'role' must be one of " + Message.Role.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                    code: "invalid_parameter")
            }
            let scope = try await user(context).scope
            let message = try await engine.store.append(
                NewMessage(
                    role: role, content: body.content, metadata: body.metadata ?? [:], externalID: body.externalId),
                to: try id("session", context), for: scope)
            return try json(message, status: .created)
        }
        group.get("users/{user}/turns/latest") { _, context in
            try explain(try await engine.store.turn(nil, for: try await user(context).scope))
        }
        group.get("users/{user}/turns/{turn}") { _, context in
            let scope = try await user(context).scope
            return try explain(try await engine.store.turn(try id("turn", context), for: scope))
        }
    }

    /// A turn with its trace as a JSON object (every candidate, included or dropped, and why).
    private func explain(_ record: TurnRecord?) throws -> Response {
        guard let record else { throw APIError.notFound("The user has no such turn.", code: "turn_not_found") }
        let encoded = try JSON.snakeCaseEncoder.encode(record)
        guard var object = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] else {
            throw APIError.internalError(requestID: "explain")
        }
        object["trace"] = (try? JSONSerialization.jsonObject(with: Data(record.trace.utf8))) ?? [String: Any]()
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: JSON.encode(object))))
    }
}
