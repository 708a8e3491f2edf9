import Foundation
import GRDB

/// Decoding of rows into the store's public values, and JSON columns.
enum JSONColumn {
    static func encode(_ dictionary: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(dictionary) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?) -> [String: String] {
        guard let text, text != "{}", let data = text.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }
}

extension Tenant {
    init(row: Row) {
        self.init(id: row["id"], name: row["name"], createdAt: Timestamp.date(row["created_at"] as Int64))
    }
}

extension User {
    init(row: Row) {
        self.init(
            id: row["id"],
            tenantID: row["tenant_id"],
            externalID: row["external_id"],
            displayName: row["display_name"],
            attributes: JSONColumn.decode(row["attributes"]),
            createdAt: Timestamp.date(row["created_at"] as Int64)
        )
    }
}

extension Session {
    init(row: Row) {
        self.init(
            id: row["id"],
            externalID: row["external_id"],
            title: row["title"],
            persona: row["persona"],
            createdAt: Timestamp.date(row["created_at"] as Int64)
        )
    }
}

extension Message {
    /// The columns `init(row:)` reads, by position: select exactly these (``selection``).
    static let columns = [
        "id", "session_id", "role", "content", "token_count", "tokenizer", "model", "created_at", "status",
        "metadata", "external_id",
    ]

    /// `columns` as an SQL selection list on the table aliased `alias`.
    static func selection(_ alias: String = "message") -> String {
        columns.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// Decodes a row selected with ``selection(_:)``; positional access keeps the hot path
    /// (history listings) cheap.
    init(row: Row) {
        let role: String = row[2]
        let status: String = row[8]
        self.init(
            id: row[0],
            sessionID: row[1],
            role: Message.Role(rawValue: role) ?? .user,
            content: row[3],
            tokenCount: row[4],
            tokenizer: row[5],
            model: row[6],
            createdAt: Timestamp.date(row[7] as Int64),
            status: Message.Status(rawValue: status) ?? .complete,
            metadata: JSONColumn.decode(row[9] as String?),
            externalID: row[10]
        )
    }
}

extension ProfileFact {
    init(row: Row) {
        self.init(
            id: row["id"],
            key: row["key"],
            value: row["value"],
            source: ProfileFact.Source(rawValue: row["source"]) ?? .imported,
            messageID: row["message_id"],
            confidence: row["confidence"],
            createdAt: Timestamp.date(row["created_at"] as Int64),
            updatedAt: Timestamp.date(row["updated_at"] as Int64),
            supersededAt: Timestamp.date(row["superseded_at"] as Int64?)
        )
    }
}

/// Checks on text the store accepts as names and ids.
enum Validate {
    static func name(_ value: String, _ what: String, maxLength: Int = 256) throws {
        if value.isEmpty {
            throw StoreError.invalid("\(what) must not be empty.")
        }
        if value.count > maxLength {
            throw StoreError.invalid("\(what) is longer than \(maxLength) characters.")
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw StoreError.invalid("\(what) must not contain control characters.")
        }
    }
}
