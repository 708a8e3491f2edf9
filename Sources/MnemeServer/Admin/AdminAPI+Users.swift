import Foundation
import Hummingbird
import Mneme
import MnemeStore

/// Users, profile facts and erasure.
extension AdminAPI {
    struct UserBody: Decodable {
        var displayName: String?
        var attributes: [String: String]?
        var groups: [String]?
    }

    struct UserView: Encodable {
        let id: String
        let displayName: String?
        let attributes: [String: String]
        let groups: [String]
        let createdAt: Date
    }

    struct ErasureView: Encodable {
        let user: String
        let deletedRows: [String: Int]
        let totalRows: Int
    }

    struct FactBody: Decodable {
        var value: String
        var source: String?
    }

    func registerUsers(on group: RouterGroup<ServerRequestContext>) {
        group.get("users") { request, context in
            let limit = try query(request, "limit", in: 1...10_000, default: 1000)
            let users = try await engine.store.users(tenant: try context.tenant(), limit: limit)
            var views: [UserView] = []
            for user in users { views.append(try await view(user)) }
            return try json(Listing(data: views))
        }
        group.get("users/{user}") { _, context in
            try json(try await view(try await user(context)))
        }
        group.put("users/{user}") { request, context in
            let body = try await body(UserBody.self, request)
            let user = try await engine.store.ensureUser(
                tenant: try context.tenant(), externalID: try context.parameters.require("user"),
                displayName: body.displayName, attributes: body.attributes)
            if let groups = body.groups { try await engine.store.setGroups(Set(groups), for: user.scope) }
            return try json(try await view(user))
        }
        group.delete("users/{user}") { _, context in
            let user = try await user(context)
            let report = try await engine.store.forget(user: user.scope)
            return try json(
                ErasureView(user: user.externalID, deletedRows: report.deletedRows, totalRows: report.total))
        }
        group.get("users/{user}/facts") { request, context in
            let scope = try await user(context).scope
            let history = request.uri.queryParameters.get("history") == "true"
            let facts =
                history ? try await engine.store.factHistory(for: scope) : try await engine.store.facts(for: scope)
            return try json(Listing(data: facts))
        }
        group.put("users/{user}/facts/{key}") { request, context in
            let body = try await body(FactBody.self, request)
            let source = try body.source.map { text in
                guard let source = ProfileFact.Source(rawValue: text) else {
                    throw APIError.badRequest(
                        "'source' must be user-stated, extracted or imported.", code: "invalid_parameter")
                }
                return source
            }
            let user = try await engine.store.ensureUser(
                tenant: try context.tenant(), externalID: try context.parameters.require("user"))
            let fact = try await engine.store.setFact(
                NewFact(key: try context.parameters.require("key"), value: body.value, source: source ?? .userStated),
                for: user.scope)
            return try json(fact)
        }
        group.delete("users/{user}/facts/{key}") { _, context in
            let scope = try await user(context).scope
            guard try await engine.store.unsetFact(try context.parameters.require("key"), for: scope) else {
                throw APIError.notFound("The user has no fact with that key.", code: "fact_not_found")
            }
            return Response(status: .noContent)
        }
    }

    private func view(_ user: User) async throws -> UserView {
        UserView(
            id: user.externalID, displayName: user.displayName, attributes: user.attributes,
            groups: try await engine.store.groups(for: user.scope).sorted(), createdAt: user.createdAt)
    }
}
