import Foundation
import Hummingbird
import MnemeContext
import MnemeStore

/// Documents, few-shot examples, personas and tuning jobs.
extension AdminAPI {
    struct ExampleBody: Decodable {
        var persona: String?
        var input: String
        var output: String
        var pinned: Bool?
    }

    struct DocumentView: Encodable {
        let id: Int64
        let collection: String
        let uri: String
        let title: String
        let format: String
        let size: Int64
        let contentHash: String
        let visibility: String
        let users: [String]
        let groups: [String]
        let chunkCount: Int
        let indexedAt: Date

        init(_ document: StoredDocument) {
            id = document.id
            collection = document.collection
            uri = document.uri
            title = document.title
            format = document.format
            size = document.size
            contentHash = document.contentHash
            chunkCount = document.chunkCount
            indexedAt = document.indexedAt
            switch document.visibility {
            case .tenant:
                (visibility, users, groups) = ("tenant", [], [])
            case .restricted(let allowedUsers, let allowedGroups):
                (visibility, users, groups) = ("restricted", allowedUsers.sorted(), allowedGroups.sorted())
            }
        }
    }

    struct PersonaView: Encodable {
        let id: String
        let template: String
        let defaults: [String: String]
        let isDefault: Bool
    }

    func registerContent(on group: RouterGroup<ServerRequestContext>) {
        group.get("documents") { request, context in
            let collection = request.uri.queryParameters.get("collection")
            let documents = try await engine.store.documents(tenant: try context.tenant(), collection: collection)
            return try json(Listing(data: documents.map(DocumentView.init)))
        }
        group.post("documents") { request, context in
            let upload = try await DocumentUpload(request: request, limit: configuration.maxUploadBytes)
            let stored = try await upload.index(into: engine.store, tenant: try context.tenant())
            return try json(DocumentView(stored), status: .created)
        }
        group.delete("documents/{document}") { _, context in
            let removed = try await engine.store.removeDocuments(
                [try id("document", context)], tenant: try context.tenant())
            guard removed > 0 else { throw APIError.notFound("There is no such document.", code: "document_not_found") }
            return Response(status: .noContent)
        }
        group.get("examples") { request, context in
            let persona = request.uri.queryParameters.get("persona")
            return try json(
                Listing(data: try await engine.store.listExamples(tenant: try context.tenant(), persona: persona)))
        }
        group.post("examples") { request, context in
            let body = try await body(ExampleBody.self, request)
            let id = try await engine.store.addExample(
                tenant: try context.tenant(), persona: body.persona ?? "", input: body.input, output: body.output,
                pinned: body.pinned ?? false)
            return try json(["id": id], status: .created)
        }
        group.delete("examples/{example}") { _, context in
            guard try await engine.store.removeExample(try id("example", context), tenant: try context.tenant()) else {
                throw APIError.notFound("There is no such example.", code: "example_not_found")
            }
            return Response(status: .noContent)
        }
        group.get("personas") { _, _ in
            let configuration = engine.configuration
            let views = configuration.personas.values.sorted { $0.id < $1.id }.map {
                PersonaView(
                    id: $0.id, template: $0.template, defaults: $0.defaults,
                    isDefault: $0.id == configuration.defaultPersona)
            }
            return try json(Listing(data: views))
        }
        addTuningRoutes(to: group)
    }
}
