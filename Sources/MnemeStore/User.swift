public import Foundation

/// An end user of a chat product, identified inside a tenant by the application's own id.
public struct User: Hashable, Sendable, Codable {
    /// Row id.
    public let id: Int64
    /// The tenant the user belongs to.
    public let tenantID: Int64
    /// The application's id for this user, unique within the tenant.
    public let externalID: String
    /// A name to show, if known.
    public var displayName: String?
    /// Free-form attributes (plan, segment, locale…) used by routing rules.
    public var attributes: [String: String]
    /// When the user was first seen.
    public let createdAt: Date

    /// The scope every read and write of this user's data goes through.
    public var scope: UserScope { UserScope(tenantID: tenantID, userID: id) }
}
