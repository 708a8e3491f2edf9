import Foundation
import Hummingbird
import Mneme
import MnemeStore
import NIOCore

/// The admin API under `/admin/v1` (admin keys only). Every call is scoped to the key's tenant:
/// users are addressed by the application's own user id within that tenant, and a user,
/// session, message, document or example of another tenant is simply not found (404).
///
/// JSON bodies and responses use snake_case keys and ISO 8601 times. Reads never create users;
/// `PUT /users/{user}` does.
struct AdminAPI: Sendable {
    let engine: Engine
    let configuration: ServerConfiguration

    func register(on group: RouterGroup<ServerRequestContext>) {
        registerUsers(on: group)
        registerSessions(on: group)
        registerContent(on: group)
    }

    // MARK: - Helpers

    /// The existing user named in the path, or 404.
    func user(_ context: ServerRequestContext) async throws -> User {
        let tenant = try context.tenant()
        let id = try context.parameters.require("user")
        guard let user = try await engine.store.user(tenant: tenant, externalID: id) else {
            throw APIError.notFound("Tenant \(tenant) has no user '\(id)'.", code: "user_not_found")
        }
        return user
    }

    /// A numeric path parameter, or 400.
    func id(_ name: String, _ context: ServerRequestContext) throws -> Int64 {
        guard let value = context.parameters.get(name, as: Int64.self) else {
            throw APIError.badRequest("'\(name)' must be a whole number.", code: "invalid_parameter")
        }
        return value
    }

    /// A query parameter as a whole number in `range`, or `fallback` when absent.
    func query(_ request: Request, _ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest(
                "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound).",
                code: "invalid_parameter")
        }
        return value
    }

    /// The JSON body, decoded with snake_case keys, within the body limit.
    func body<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
        return try JSON.decode(T.self, from: buffer, snakeCase: true)
    }

    /// A JSON response with snake_case keys.
    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSON.snakeCaseEncoder.encode(value))))
    }
}

/// A list response: `{"data": [...]}`.
struct Listing<Item: Encodable>: Encodable {
    let data: [Item]
}
