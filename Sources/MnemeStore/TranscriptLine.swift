public import Foundation

/// One message as a line of a JSONL transcript, the format of `mneme history import|export`.
///
/// ```json
/// {"session":"s-1","role":"user","content":"Hi","created_at":"2026-01-05T09:30:00.000Z","external_id":"m-1"}
/// ```
/// `session`, `role`, `content` and `created_at` (ISO 8601) are required; `external_id`,
/// `status`, `model` and `metadata` are optional. Unknown keys are ignored on import.
public struct TranscriptLine: Hashable, Sendable, Codable {
    /// The session's id: its external id, or for a session without one, its row id.
    public var session: String
    public var role: Message.Role
    public var content: String
    public var createdAt: Date
    public var externalID: String?
    public var status: Message.Status?
    public var model: String?
    public var metadata: [String: String]?

    enum CodingKeys: String, CodingKey {
        case session, role, content, status, model, metadata
        case createdAt = "created_at"
        case externalID = "external_id"
    }

    /// Creates a line.
    public init(
        session: String,
        role: Message.Role,
        content: String,
        createdAt: Date,
        externalID: String? = nil,
        status: Message.Status? = nil,
        model: String? = nil,
        metadata: [String: String]? = nil
    ) {
        self.session = session
        self.role = role
        self.content = content
        self.createdAt = createdAt
        self.externalID = externalID
        self.status = status
        self.model = model
        self.metadata = metadata
    }

    /// Parses one line of JSON, with an error message that says what is wrong.
    public static func parse(_ text: String) throws(TranscriptLineError) -> TranscriptLine {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw TranscriptLineError("not a JSON object")
        }
        func string(_ key: String, required: Bool) throws(TranscriptLineError) -> String? {
            guard let value = object[key], !(value is NSNull) else {
                if required { throw TranscriptLineError("missing \"\(key)\"") }
                return nil
            }
            guard let string = value as? String else { throw TranscriptLineError("\"\(key)\" must be a string") }
            return string
        }
        let session = try string("session", required: true) ?? ""
        if session.isEmpty { throw TranscriptLineError("\"session\" must not be empty") }
        let roleText = try string("role", required: true) ?? ""
        guard let role = Message.Role(rawValue: roleText) else {
            throw TranscriptLineError("unknown role \"\(roleText)\" (expected system, user, assistant or tool)")
        }
        let content = try string("content", required: true) ?? ""
        let createdText = try string("created_at", required: true) ?? ""
        guard let createdAt = parseDate(createdText) else {
            throw TranscriptLineError("\"created_at\" is not an ISO 8601 time: \(createdText.prefix(40))")
        }
        var status: Message.Status?
        if let statusText = try string("status", required: false) {
            guard let parsed = Message.Status(rawValue: statusText) else {
                throw TranscriptLineError("unknown status \"\(statusText)\" (expected complete, partial or failed)")
            }
            status = parsed
        }
        var metadata: [String: String]?
        if let raw = object["metadata"], !(raw is NSNull) {
            guard let dictionary = raw as? [String: String] else {
                throw TranscriptLineError("\"metadata\" must be an object of strings")
            }
            metadata = dictionary
        }
        return TranscriptLine(
            session: session,
            role: role,
            content: content,
            createdAt: createdAt,
            externalID: try string("external_id", required: false),
            status: status,
            model: try string("model", required: false),
            metadata: metadata
        )
    }

    /// The line as compact JSON with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Self.format(date))
        }
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// ISO 8601 in UTC with exactly the milliseconds the store keeps (formatting the `Date`
    /// directly can print one millisecond less, as binary fractions round down).
    static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(Date.ISO8601FormatStyle())
        let fraction = millis - seconds * 1000
        let padded =
            String(fraction).count < 3
            ? String(repeating: "0", count: 3 - String(fraction).count) + String(fraction) : String(fraction)
        return String(whole.dropLast()) + "." + padded + "Z"
    }

    static func parseDate(_ text: String) -> Date? {
        if let date = try? dateStyle.parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}

/// Why a transcript line was rejected.
public struct TranscriptLineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the line.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
