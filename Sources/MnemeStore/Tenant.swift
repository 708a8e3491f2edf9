public import Foundation

/// A tenant: one customer organisation whose users and documents are kept apart from all
/// others.
public struct Tenant: Hashable, Sendable, Codable {
    /// Row id.
    public let id: Int64
    /// The tenant's unique name, as used on the command line (`--tenant acme`).
    public let name: String
    /// When the tenant was first seen.
    public let createdAt: Date
}
