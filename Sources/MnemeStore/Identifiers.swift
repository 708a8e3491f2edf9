/// The identity of one user inside one tenant: the key every read and write of user data
/// is scoped by.
///
/// A scope is obtained from the store (``Store/user(tenant:externalID:)`` or
/// ``Store/ensureUser(tenant:externalID:displayName:attributes:)``). Every query that touches
/// user data filters on both ids in SQL, so a record id that belongs to another user (or
/// another tenant) is simply not found.
public struct UserScope: Hashable, Sendable, CustomStringConvertible {
    /// The tenant's row id.
    public let tenantID: Int64
    /// The user's row id.
    public let userID: Int64

    /// Creates a scope from row ids.
    ///
    /// Prefer the store's look-ups; a scope made up by hand reads nothing that does not
    /// belong to exactly that tenant and user.
    public init(tenantID: Int64, userID: Int64) {
        self.tenantID = tenantID
        self.userID = userID
    }

    public var description: String { "tenant \(tenantID) / user \(userID)" }
}
