import Foundation
import Hummingbird
import Mneme
import ServiceLifecycle

/// The unauthenticated endpoints: `/healthz` (the process answers), `/readyz` (the database is
/// readable and the server is not shutting down), `/metrics` (Prometheus text) and
/// `/openapi.json` (the API description).
struct Operations: Sendable {
    let engine: Engine
    let metrics: ServerMetrics

    func health(_ request: Request, context: ServerRequestContext) -> Response {
        Self.json(["status": "ok"], status: .ok)
    }

    func ready(_ request: Request, context: ServerRequestContext) async -> Response {
        if Task.isShuttingDownGracefully {
            return Self.json(["status": "shutting down"], status: .serviceUnavailable)
        }
        do {
            _ = try await engine.store.users(tenant: "", limit: 1)
            return Self.json(["status": "ready"], status: .ok)
        } catch {
            context.logger.error("readiness check failed", metadata: ["error.type": "\(type(of: error))"])
            return Self.json(["status": "database unavailable"], status: .serviceUnavailable)
        }
    }

    func prometheus(_ request: Request, context: ServerRequestContext) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
    }

    func openAPI(_ request: Request, context: ServerRequestContext) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.bytes())))
    }

    private static func json(_ object: [String: String], status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: JSON.encode(object))))
    }
}

/// The OpenAPI 3.1 document, a resource of this module.
enum OpenAPIDocument {
    static func bytes() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url)
        else {
            throw APIError(
                .internalServerError, type: "server_error", "The OpenAPI document is missing from this build.")
        }
        return Array(data)
    }
}
