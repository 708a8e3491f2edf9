import Foundation
import MnemeIngest
public import MnemeStore
import Synchronization

/// Creating, checking and revoking the API keys of `mneme serve`.
///
/// A key is `mneme-` followed by 40 random base-62 characters (about 238 bits from the
/// system's secure generator). Only its SHA-256 is stored — a plain hash suffices for a random
/// key of that length — with its first 14 characters (`mneme-` and 8 more) as the prefix shown
/// by `mneme keys list`. A key is looked up on every request, so revoking it takes effect at once.
///
/// ```swift
/// let keys = APIKeys(store: store)
/// let (key, record) = try await keys.create(tenant: "acme", scope: .chat)
/// print(key)  // shown once; never stored
/// ```
public final class APIKeys: Sendable {
    /// The text every key starts with.
    public static let marker = "mneme-"
    /// The length of the prefix shown in listings.
    public static let prefixLength = 14
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// The store the hashes are kept in.
    public let store: Store
    private let lastTouched = Mutex<[Int64: ContinuousClock.Instant]>([:])

    /// Creates the key manager over `store`.
    public init(store: Store) {
        self.store = store
    }

    /// Makes a new key for `tenant` and stores its hash. The key is returned once and never
    /// again.
    public func create(tenant: String, scope: APIKeyScope, name: String? = nil) async throws
        -> (key: String, record: APIKeyRecord)
    {
        var generator = SystemRandomNumberGenerator()
        let body = (0..<40).map { _ in Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &generator)] }
        let key = Self.marker + String(decoding: body, as: UTF8.self)
        let record = try await store.addAPIKey(
            tenant: tenant, prefix: Self.prefix(of: key), hash: Self.hash(key), scope: scope, name: name)
        return (key, record)
    }

    /// The SHA-256 of a key, in lowercase hex (what the store keeps).
    public static func hash(_ key: String) -> String { SHA256.hex(Array(key.utf8)) }

    /// The prefix of a key shown in listings.
    public static func prefix(of key: String) -> String { String(key.prefix(prefixLength)) }

    /// The active key record for a presented key, or `nil` when it is unknown or revoked.
    /// Records the use at most once a minute per key.
    public func authenticate(_ presented: String) async throws -> APIKeyRecord? {
        guard presented.hasPrefix(Self.marker), presented.utf8.count <= 128 else { return nil }
        guard let record = try await store.activeAPIKey(hash: Self.hash(presented)) else { return nil }
        let now = ContinuousClock.now
        let due = lastTouched.withLock { touched in
            if let last = touched[record.id], now - last < .seconds(60) { return false }
            touched[record.id] = now
            return true
        }
        if due { try? await store.touchAPIKey(record.id) }
        return record
    }
}
