import Foundation
import Hummingbird
import Mneme

/// `GET /v1/models`: what a caller may put in `model` — `mneme` (the routes decide), the routes
/// that apply to the caller's tenant, and the default model — in OpenAI's list shape.
struct ModelList: Sendable {
    let engine: Engine

    func handle(_ request: Request, context: ServerRequestContext) async throws -> Response {
        let tenant = try context.tenant()
        var models: [(id: String, owner: String)] = [("mneme", "mneme")]
        for route in engine.configuration.routes where route.match.tenant == nil || route.match.tenant == tenant {
            models.append((route.name, "mneme-route"))
        }
        models.append((engine.defaultModel, "mneme-default"))
        let data = models.map { ["id": $0.id, "object": "model", "created": 0, "owned_by": $0.owner] as [String: Any] }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: JSON.encode(["object": "list", "data": data]))))
    }
}
