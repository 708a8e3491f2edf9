public import Foundation

/// One message of a conversation.
public struct Message: Hashable, Sendable, Codable {
    /// Who wrote a message.
    public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
        case system
        case user
        case assistant
        case tool
    }

    /// Whether a message was written out in full.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// The whole message is stored.
        case complete
        /// The reply was cut short (cancelled or interrupted); the text so far is stored.
        case partial
        /// The reply failed; the text so far, if any, is stored.
        case failed
    }

    /// Row id.
    public let id: Int64
    /// The session the message belongs to.
    public let sessionID: Int64
    /// Who wrote it.
    public let role: Role
    /// Its text.
    public let content: String
    /// Its size in tokens, if counted, and the tokenizer it was counted with.
    public let tokenCount: Int?
    /// The tokenizer ``tokenCount`` was measured with (for example `o200k_base`).
    public let tokenizer: String?
    /// The model that wrote it (assistant messages).
    public let model: String?
    /// When it was written.
    public let createdAt: Date
    /// Whether it was written out in full.
    public let status: Status
    /// Free-form metadata.
    public let metadata: [String: String]
    /// An id given by the application or an import, unique for the user, if any.
    public let externalID: String?
}

/// A message to store with ``Store/append(_:to:for:)``.
public struct NewMessage: Hashable, Sendable {
    public var role: Message.Role
    public var content: String
    public var tokenCount: Int?
    public var tokenizer: String?
    public var model: String?
    /// When it was written; `nil` means now.
    public var createdAt: Date?
    public var status: Message.Status
    public var metadata: [String: String]
    public var externalID: String?

    /// Creates a message to store.
    ///
    /// ```swift
    /// let saved = try await store.append(NewMessage(role: .user, content: "Hi"), to: session.id, for: scope)
    /// ```
    public init(
        role: Message.Role,
        content: String,
        tokenCount: Int? = nil,
        tokenizer: String? = nil,
        model: String? = nil,
        createdAt: Date? = nil,
        status: Message.Status = .complete,
        metadata: [String: String] = [:],
        externalID: String? = nil
    ) {
        self.role = role
        self.content = content
        self.tokenCount = tokenCount
        self.tokenizer = tokenizer
        self.model = model
        self.createdAt = createdAt
        self.status = status
        self.metadata = metadata
        self.externalID = externalID
    }
}
