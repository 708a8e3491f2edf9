import Foundation
import Hummingbird
import MnemeIngest
import MnemeStore
import MnemeTokenizer

/// `POST /admin/v1/documents?name=vacation.md[&collection=handbook][&users=a,b][&groups=hr]`:
/// the body is the file's bytes (text, Markdown, HTML or PDF, as `mneme index` reads them). The
/// document is loaded, chunked and stored at once, replacing a document of the same name in the
/// collection. Listing users or groups restricts who may retrieve it.
struct DocumentUpload: Sendable {
    let name: String
    let collection: String
    let visibility: Visibility
    let bytes: ByteBuffer

    init(request: Request, limit: Int) async throws {
        let query = request.uri.queryParameters
        guard let name = query.get("name").map({ $0.trimmingCharacters(in: .whitespaces) }), !name.isEmpty else {
            throw APIError.badRequest(
                "Name the document: ?name=file.md (its extension picks the format).", code: "invalid_parameter")
        }
        guard !name.contains("/"), !name.contains("\\"), name != ".", name != "..", name.utf8.count <= 255 else {
            throw APIError.badRequest("'name' must be a file name without folders.", code: "invalid_parameter")
        }
        self.name = name
        collection = query.get("collection").flatMap { $0.isEmpty ? nil : $0 } ?? "uploads"
        let users = Self.list(query.get("users"))
        let groups = Self.list(query.get("groups"))
        visibility = users.isEmpty && groups.isEmpty ? .tenant : .restricted(users: users, groups: groups)
        bytes = try await request.body.collect(upTo: limit)
        if bytes.readableBytes == 0 {
            throw APIError.badRequest("The document is empty; send its bytes as the body.", code: "empty_document")
        }
    }

    /// Loads, chunks and stores the document for `tenant`.
    func index(into store: Store, tenant: String) async throws -> StoredDocument {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("mneme-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        let data = Data(bytes.readableBytesView)
        try data.write(to: file)
        let document: LoadedDocument
        do {
            document = try DocumentLoader(configuration: .init(maxFileSize: Int64(data.count))).load(contentsOf: file)
        } catch {
            throw APIError.badRequest(
                error.message.replacingOccurrences(of: file.path, with: name), code: "unreadable_document")
        }
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let chunks = Chunker(count: { tokenizer.count($0) }).chunks(of: document)
        return try await store.replaceDocument(
            DocumentInput(
                collection: collection, uri: name, title: document.title, format: document.format.rawValue,
                size: Int64(data.count), modifiedAt: Date(), contentHash: SHA256.hex(data), visibility: visibility,
                chunks: chunks),
            tenant: tenant)
    }

    private static func list(_ text: String?) -> Set<String> {
        Set((text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
