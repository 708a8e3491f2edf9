public import Foundation
import GRDB
import GRDBSQLite

extension Store {
    /// Separates the headings of a chunk's heading path in the database.
    static let headingSeparator = "\n"

    /// The stored version of every document of a collection, by URI, for incremental indexing.
    public func documentStates(tenant: String, collection: String) async throws -> [String: DocumentState] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.uri, d.size, d.modified_at, d.content_hash FROM document d
                    JOIN collection c ON c.id = d.collection_id JOIN tenant t ON t.id = c.tenant_id
                    WHERE t.name = ? AND c.name = ?
                    """,
                arguments: [tenant, collection]
            )
            var states: [String: DocumentState] = [:]
            for row in rows {
                states[row["uri"]] = DocumentState(
                    id: row["id"],
                    size: row["size"],
                    modifiedAt: Timestamp.date(row["modified_at"] as Int64),
                    contentHash: row["content_hash"]
                )
            }
            return states
        }
    }

    /// Stores a document with its chunks, replacing any earlier version with the same URI in
    /// the collection, in one transaction: a crash leaves the old version or the new one,
    /// never a mix.
    @discardableResult
    public func replaceDocument(_ input: DocumentInput, tenant: String) async throws -> StoredDocument {
        try await replaceDocuments([input], tenant: tenant)[0]
    }

    /// Stores several documents in one transaction (see ``replaceDocument(_:tenant:)``):
    /// indexing commits a batch at a time, so a crash keeps whole batches.
    @discardableResult
    public func replaceDocuments(_ inputs: [DocumentInput], tenant: String) async throws -> [StoredDocument] {
        try Validate.name(tenant, "A tenant name")
        for input in inputs {
            try Validate.name(input.collection, "A collection name")
            if input.uri.isEmpty { throw StoreError.invalid("A document needs a URI.") }
        }
        return try await write { db in
            let tenantID = try Self.ensureTenant(db, name: tenant).id
            var collections: [String: Int64] = [:]
            // Chunks go in with one statement per batch (see ``ChunkStaging``); a URI seen twice in
            // the batch moves the staged chunks first, so the second version replaces the first.
            var staged = Set<DocumentKey>()
            try ChunkStaging.begin(db)
            let stored = try inputs.map { input in
                let collectionID: Int64
                if let known = collections[input.collection] {
                    collectionID = known
                } else {
                    collectionID = try Self.ensureCollection(db, tenantID: tenantID, name: input.collection)
                    collections[input.collection] = collectionID
                }
                if !staged.insert(DocumentKey(collectionID: collectionID, uri: input.uri)).inserted {
                    try ChunkStaging.flush(db, tenantID: tenantID)
                    staged = [DocumentKey(collectionID: collectionID, uri: input.uri)]
                }
                let document = try Self.replaceDocument(db, input, tenantID: tenantID, collectionID: collectionID)
                try ChunkStaging.add(db, input, documentID: document.id)
                return document
            }
            try ChunkStaging.flush(db, tenantID: tenantID)
            return stored
        }
    }

    private struct DocumentKey: Hashable {
        let collectionID: Int64
        let uri: String
    }

    /// Replaces the document row (its old chunks go with it, by cascade); the caller stages the
    /// new chunks. Statements are cached: indexing runs them for every document, and preparing
    /// the `DELETE` compiles the cascades and full-text triggers each time. Values are bound through
    /// SQLite's C interface, texts without a copy (as ``ChunkStaging/add(_:_:documentID:)``).
    private static func replaceDocument(_ db: Database, _ input: DocumentInput, tenantID: Int64, collectionID: Int64)
        throws -> StoredDocument
    {
        let restricted: Bool
        if case .restricted = input.visibility { restricted = true } else { restricted = false }
        let indexedAt = Timestamp.now()
        let delete = try db.cachedStatement(sql: "DELETE FROM document WHERE collection_id = ? AND uri = ?")
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO document (tenant_id, collection_id, uri, title, format, size, modified_at,
                    content_hash, visibility, chunk_count, indexed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let (deleteHandle, insertHandle) = (delete.sqliteStatement, insert.sqliteStatement)
        defer {
            sqlite3_clear_bindings(deleteHandle)
            sqlite3_clear_bindings(insertHandle)
        }
        var (uri, title, format, hash) = (input.uri, input.title, input.format, input.contentHash)
        var visibility = restricted ? "restricted" : "tenant"
        try uri.withUTF8 { uri in
            sqlite3_bind_int64(deleteHandle, 1, collectionID)
            ChunkStaging.bindText(deleteHandle, 2, uri)
            let deleted = sqlite3_step(deleteHandle)
            sqlite3_reset(deleteHandle)
            try ChunkStaging.check(deleted, delete, db)
            let inserted = title.withUTF8 { title in
                format.withUTF8 { format in
                    hash.withUTF8 { hash in
                        visibility.withUTF8 { visibility in
                            sqlite3_bind_int64(insertHandle, 1, tenantID)
                            sqlite3_bind_int64(insertHandle, 2, collectionID)
                            ChunkStaging.bindText(insertHandle, 3, uri)
                            ChunkStaging.bindText(insertHandle, 4, title)
                            ChunkStaging.bindText(insertHandle, 5, format)
                            sqlite3_bind_int64(insertHandle, 6, input.size)
                            sqlite3_bind_int64(insertHandle, 7, Timestamp.millis(input.modifiedAt))
                            ChunkStaging.bindText(insertHandle, 8, hash)
                            ChunkStaging.bindText(insertHandle, 9, visibility)
                            sqlite3_bind_int64(insertHandle, 10, Int64(input.chunks.count))
                            sqlite3_bind_int64(insertHandle, 11, indexedAt)
                            let code = sqlite3_step(insertHandle)
                            sqlite3_reset(insertHandle)
                            return code
                        }
                    }
                }
            }
            try ChunkStaging.check(inserted, insert, db)
        }
        let documentID = db.lastInsertedRowID
        if case .restricted(let users, let groups) = input.visibility {
            let grants = users.map { ("user", $0) } + groups.map { ("group", $0) }
            for (kind, name) in grants {
                try db.cachedStatement(sql: "INSERT INTO document_access (document_id, kind, name) VALUES (?, ?, ?)")
                    .execute(arguments: [documentID, kind, name])
            }
        }
        // What was written, without reading it back.
        return StoredDocument(
            id: documentID, collection: input.collection, uri: input.uri, title: input.title, format: input.format,
            size: input.size, modifiedAt: Timestamp.date(Timestamp.millis(input.modifiedAt)),
            contentHash: input.contentHash, visibility: input.visibility, chunkCount: input.chunks.count,
            indexedAt: Timestamp.date(indexedAt))
    }

    static func ensureCollection(_ db: Database, tenantID: Int64, name: String) throws -> Int64 {
        try db.cachedStatement(
            sql: "INSERT INTO collection (tenant_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
        ).execute(arguments: [tenantID, name, Timestamp.now()])
        guard
            let id = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM collection WHERE tenant_id = ? AND name = ?"),
                arguments: [tenantID, name]
            )
        else { throw StoreError.notFound("Collection \(name)") }
        return id
    }

    /// Records a new size and modification time for a document whose bytes did not change.
    public func touchDocument(_ id: Int64, tenant: String, size: Int64, modifiedAt: Date) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE document SET size = ?, modified_at = ?
                    WHERE id = ? AND tenant_id = (SELECT id FROM tenant WHERE name = ?)
                    """,
                arguments: [size, Timestamp.millis(modifiedAt), id, tenant]
            )
        }
    }

    /// Removes documents with their chunks and purges their words from the full-text index.
    /// Returns how many were removed.
    @discardableResult
    public func removeDocuments(_ ids: [Int64], tenant: String) async throws -> Int {
        if ids.isEmpty { return 0 }
        return try await write { db in
            var removed = 0
            for id in ids {
                try db.execute(
                    sql: "DELETE FROM document WHERE id = ? AND tenant_id = (SELECT id FROM tenant WHERE name = ?)",
                    arguments: [id, tenant]
                )
                removed += db.changesCount
            }
            if removed > 0 { try db.execute(sql: "INSERT INTO chunk_fts(chunk_fts) VALUES ('optimize')") }
            return removed
        }
    }

    /// The documents of a tenant (of one collection, or all), ordered by collection and URI.
    public func documents(tenant: String, collection: String? = nil) async throws -> [StoredDocument] {
        try await read { db in
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT d.id FROM document d JOIN collection c ON c.id = d.collection_id
                    JOIN tenant t ON t.id = d.tenant_id
                    WHERE t.name = ?1 AND (?2 IS NULL OR c.name = ?2) ORDER BY c.name, d.uri
                    """,
                arguments: [tenant, collection]
            )
            return try ids.map { try Self.document(db, id: $0) }
        }
    }

    static func document(_ db: Database, id: Int64) throws -> StoredDocument {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT d.*, c.name AS collection FROM document d JOIN collection c ON c.id = d.collection_id "
                    + "WHERE d.id = ?",
                arguments: [id]
            )
        else { throw StoreError.notFound("Document \(id)") }
        var visibility = Visibility.tenant
        if (row["visibility"] as String) == "restricted" {
            let grants = try Row.fetchAll(
                db,
                sql: "SELECT kind, name FROM document_access WHERE document_id = ?",
                arguments: [id]
            )
            visibility = .restricted(
                users: Set(grants.filter { $0["kind"] == "user" }.map { $0["name"] }),
                groups: Set(grants.filter { $0["kind"] == "group" }.map { $0["name"] })
            )
        }
        return StoredDocument(
            id: id,
            collection: row["collection"],
            uri: row["uri"],
            title: row["title"],
            format: row["format"],
            size: row["size"],
            modifiedAt: Timestamp.date(row["modified_at"] as Int64),
            contentHash: row["content_hash"],
            visibility: visibility,
            chunkCount: row["chunk_count"],
            indexedAt: Timestamp.date(row["indexed_at"] as Int64)
        )
    }

    /// Sets the groups the user belongs to (used by document visibility).
    public func setGroups(_ groups: Set<String>, for scope: UserScope) async throws {
        for group in groups { try Validate.name(group, "A group name") }
        try await write { db in
            try Self.requireUser(db, scope)
            try db.execute(
                sql: "DELETE FROM user_group WHERE tenant_id = ? AND user_id = ?",
                arguments: [scope.tenantID, scope.userID]
            )
            for group in groups {
                try db.execute(
                    sql: "INSERT INTO user_group (tenant_id, user_id, name) VALUES (?, ?, ?)",
                    arguments: [scope.tenantID, scope.userID, group]
                )
            }
        }
    }

    /// The groups the user belongs to.
    public func groups(for scope: UserScope) async throws -> Set<String> {
        try await read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: "SELECT name FROM user_group WHERE tenant_id = ? AND user_id = ?",
                    arguments: [scope.tenantID, scope.userID]
                )
            )
        }
    }
}
