public import Foundation

/// What an API key of `mneme serve` may do.
public enum APIKeyScope: String, Hashable, Sendable, Codable, CaseIterable {
    /// Chat completions and the model list.
    case chat
    /// The admin API of its tenant, and everything a chat key may do.
    case admin
}

/// An API key as stored: never the key itself, only its SHA-256 and its first characters.
public struct APIKeyRecord: Hashable, Sendable, Codable {
    /// Row id.
    public let id: Int64
    /// The tenant the key belongs to; every request made with it is scoped to this tenant.
    public let tenant: String
    /// The key's first characters, shown in listings to tell keys apart (not a secret on its own).
    public let prefix: String
    /// What the key may do.
    public let scope: APIKeyScope
    /// A label, if one was given.
    public let name: String?
    /// When the key was created.
    public let createdAt: Date
    /// When the key was last used (updated at most once a minute), if ever.
    public let lastUsedAt: Date?
    /// When the key was revoked, if it was.
    public let revokedAt: Date?

    /// Whether the key is still accepted.
    public var isActive: Bool { revokedAt == nil }
}
