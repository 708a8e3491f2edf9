import Foundation
import GRDB

/// The outcome of ``Store/importTranscript(_:for:)``.
public struct ImportReport: Hashable, Sendable {
    /// Messages stored.
    public var imported = 0
    /// Lines skipped because the message was already stored (same external id, or same
    /// session, role, time and text).
    public var duplicates = 0
    /// Sessions created.
    public var sessionsCreated = 0
    /// Lines rejected, by line number, with the reason.
    public var errors: [(line: Int, message: String)] = []

    /// Creates an empty report.
    public init() {}

    /// Adds another report's counts and errors to this one.
    public mutating func merge(_ other: ImportReport) {
        imported += other.imported
        duplicates += other.duplicates
        sessionsCreated += other.sessionsCreated
        errors += other.errors
    }

    public static func == (lhs: ImportReport, rhs: ImportReport) -> Bool {
        lhs.imported == rhs.imported && lhs.duplicates == rhs.duplicates
            && lhs.sessionsCreated == rhs.sessionsCreated
            && lhs.errors.map(\.line) == rhs.errors.map(\.line)
            && lhs.errors.map(\.message) == rhs.errors.map(\.message)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(imported)
        hasher.combine(duplicates)
        hasher.combine(errors.map(\.line))
    }
}

extension Store {
    /// Imports numbered JSONL lines (see ``TranscriptLine``) into the user's history, in one
    /// transaction. Idempotent: a message already stored is counted as a duplicate, not stored
    /// twice. Bad lines are reported by number and do not stop the good ones. Blank lines are
    /// ignored.
    public func importTranscript(_ lines: [(number: Int, text: String)], for scope: UserScope) async throws
        -> ImportReport
    {
        var report = ImportReport()
        var parsed: [(number: Int, line: TranscriptLine)] = []
        for (number, text) in lines where !text.allSatisfy(\.isWhitespace) {
            do {
                parsed.append((number, try TranscriptLine.parse(text)))
            } catch {
                report.errors.append((number, error.message))
            }
        }
        let work = parsed
        let stored = try await write { db in
            try Self.requireUser(db, scope)
            var report = ImportReport()
            var sessions: [String: Int64] = [:]
            for (number, line) in work {
                do {
                    let sessionID = try Self.importSession(
                        db, line.session, scope: scope, cache: &sessions, report: &report)
                    if try Self.isStored(db, line, sessionID: sessionID, scope: scope) {
                        report.duplicates += 1
                        continue
                    }
                    let message = NewMessage(
                        role: line.role, content: line.content, model: line.model, createdAt: line.createdAt,
                        status: line.status ?? .complete, metadata: line.metadata ?? [:], externalID: line.externalID
                    )
                    try Self.validate(message)
                    _ = try Self.insertMessage(db, message, sessionID: sessionID, scope: scope)
                    report.imported += 1
                } catch let error as StoreError {
                    report.errors.append((number, error.message))
                }
            }
            return report
        }
        report.merge(stored)
        report.errors.sort { $0.line < $1.line }
        return report
    }

    private static func importSession(
        _ db: Database,
        _ key: String,
        scope: UserScope,
        cache: inout [String: Int64],
        report: inout ImportReport
    ) throws -> Int64 {
        if let id = cache[key] { return id }
        let existing = try Int64.fetchOne(
            db,
            sql: """
                SELECT id FROM session WHERE tenant_id = ?1 AND user_id = ?2
                    AND (external_id = ?3 OR (external_id IS NULL AND CAST(id AS TEXT) = ?3))
                """,
            arguments: [scope.tenantID, scope.userID, key]
        )
        let id: Int64
        if let existing {
            id = existing
        } else {
            try Validate.name(key, "A session id", maxLength: 512)
            id = try insertSession(db, scope: scope, title: nil, persona: nil, externalID: key).id
            report.sessionsCreated += 1
        }
        cache[key] = id
        return id
    }

    private static func isStored(_ db: Database, _ line: TranscriptLine, sessionID: Int64, scope: UserScope) throws
        -> Bool
    {
        if let externalID = line.externalID {
            return try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM message WHERE tenant_id = ? AND user_id = ? AND external_id = ?)",
                arguments: [scope.tenantID, scope.userID, externalID]
            ) ?? false
        }
        return try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM message WHERE session_id = ? AND tenant_id = ? AND user_id = ?
                    AND created_at = ? AND role = ? AND content = ?)
                """,
            arguments: [
                sessionID, scope.tenantID, scope.userID, Timestamp.millis(line.createdAt), line.role.rawValue,
                line.content,
            ]
        ) ?? false
    }

    /// Exports the user's messages (of one session, or all) as transcript lines, in the order they
    /// were stored, calling `emit` once per line. Reads a page at a time, so memory
    /// stays flat for long histories.
    public func exportTranscript(
        for scope: UserScope,
        sessionID: Int64? = nil,
        emit: (TranscriptLine) throws -> Void
    ) async throws {
        if let sessionID, try await session(sessionID, for: scope) == nil {
            throw StoreError.notFound("Session \(sessionID)")
        }
        let sessionKeys = try await read { db in
            var keys: [Int64: String] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT id, external_id FROM session WHERE tenant_id = ? AND user_id = ?",
                arguments: [scope.tenantID, scope.userID]
            )
            for row in rows {
                let id: Int64 = row["id"]
                keys[id] = (row["external_id"] as String?) ?? String(id)
            }
            return keys
        }
        var after: Int64?
        while true {
            let start = after
            let page = try await read { db in
                try Self.messagePage(db, scope: scope, sessionID: sessionID, after: start, limit: 1000)
            }
            guard let last = page.last else { break }
            for message in page {
                try emit(
                    TranscriptLine(
                        session: sessionKeys[message.sessionID] ?? String(message.sessionID),
                        role: message.role,
                        content: message.content,
                        createdAt: message.createdAt,
                        externalID: message.externalID,
                        status: message.status == .complete ? nil : message.status,
                        model: message.model,
                        metadata: message.metadata.isEmpty ? nil : message.metadata
                    )
                )
            }
            after = last.id
        }
    }
}
