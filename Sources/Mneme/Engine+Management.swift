public import Foundation
public import MnemeContext
public import MnemeIngest
public import MnemeStore
import MnemeTokenizer

/// The management calls a chat backend needs beside turns: profiles, sessions, documents, examples,
/// personas and usage. Every call is scoped to one tenant (and user, where it concerns one).
///
/// ```swift
/// let facts = try await engine.facts(tenant: "acme", user: "u-42")
/// let report = try await engine.index(["/srv/handbook"], tenant: "acme", collection: "handbook")
/// let spend = try await engine.usage(tenant: "acme", user: "u-42")
/// ```
extension Engine {
    /// The user's current profile facts (none for a user never seen).
    public func facts(tenant: String, user: String) async throws -> [ProfileFact] {
        guard let user = try await store.user(tenant: tenant, externalID: user) else { return [] }
        return try await store.facts(for: user.scope)
    }

    /// The user's sessions, newest first.
    public func sessions(tenant: String, user: String, limit: Int = 100) async throws -> [SessionSummary] {
        guard let user = try await store.user(tenant: tenant, externalID: user) else { return [] }
        return try await store.sessions(for: user.scope, limit: limit)
    }

    /// A page of one of the user's sessions, oldest first.
    ///
    /// - Throws: ``EngineError`` (`.unknownSession`) when the session is not the user's.
    public func messages(tenant: String, user: String, session: Int64, after: Int64? = nil, limit: Int = 1000)
        async throws -> [Message]
    {
        guard let user = try await store.user(tenant: tenant, externalID: user) else {
            throw EngineError(.unknownSession, "User \(user) has no session \(session).")
        }
        guard try await store.session(session, for: user.scope) != nil else {
            throw EngineError(.unknownSession, "User \(user.externalID) has no session \(session).")
        }
        return try await store.messages(in: session, for: user.scope, after: after, limit: limit)
    }

    /// Deletes one of the user's sessions with its messages; `false` if there was none.
    @discardableResult
    public func deleteSession(_ session: Int64, tenant: String, user: String) async throws -> Bool {
        guard let user = try await store.user(tenant: tenant, externalID: user) else { return false }
        return try await store.deleteSession(session, for: user.scope)
    }

    /// The tenant's documents, optionally of one collection.
    public func documents(tenant: String, collection: String? = nil) async throws -> [StoredDocument] {
        try await store.documents(tenant: tenant, collection: collection)
    }

    /// Indexes files and folders into a collection of the tenant (unchanged files are skipped, removed
    /// files are dropped from the collection), chunked for the default model's tokenizer.
    public func index(
        _ paths: [String], tenant: String, collection: String, visibility: Visibility = .tenant,
        progress: (@Sendable (IndexProgress) -> Void)? = nil
    ) async throws -> IndexReport {
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let indexer = Indexer(store: store, chunker: Chunker(count: { tokenizer.count($0) }), logger: logger)
        return try await indexer.index(
            paths, into: IndexTarget(tenant: tenant, collection: collection, visibility: visibility), progress: progress
        )
    }

    /// Removes documents of the tenant by id; returns how many were removed.
    @discardableResult
    public func removeDocuments(_ ids: [Int64], tenant: String) async throws -> Int {
        try await store.removeDocuments(ids, tenant: tenant)
    }

    /// Adds a few-shot example for a persona of the tenant (`""`: every persona); pinned examples are
    /// always candidates, the others when their input matches the message.
    @discardableResult
    public func addExample(tenant: String, persona: String = "", input: String, output: String, pinned: Bool = false)
        async throws -> Int64
    {
        try await store.addExample(tenant: tenant, persona: persona, input: input, output: output, pinned: pinned)
    }

    /// The tenant's few-shot examples, of one persona (`""`: the shared ones) or all; pinned first.
    public func examples(tenant: String, persona: String? = nil) async throws -> [FewShotExample] {
        try await store.examples(tenant: tenant, persona: persona)
    }

    /// Removes few-shot examples of the tenant by id; returns how many were removed.
    @discardableResult
    public func removeExamples(_ ids: [Int64], tenant: String) async throws -> Int {
        try await store.removeExamples(ids, tenant: tenant)
    }

    /// The configured personas, by id.
    public var personas: [String: Persona] { configuration.personas }

    /// The user's tokens and cost since `since` (all time when `nil`); costs need a price table.
    public func usage(tenant: String, user: String, since: Date? = nil) async throws -> UsageTotals {
        guard let user = try await store.user(tenant: tenant, externalID: user) else { return UsageTotals() }
        return try await store.usage(for: user.scope, since: since)
    }

    /// Every user of the tenant with their tokens and cost since `since`, most expensive first.
    public func usageByUser(tenant: String, since: Date? = nil) async throws -> [UserUsage] {
        try await store.usageByUser(tenant: tenant, since: since)
    }
}
