import Foundation
import Synchronization

/// Document frequencies over each user's own messages, cached between recalls.
///
/// Recall weighs a word by its idf among the user's messages; counting the messages that hold a
/// word reads its posting list, so each count is kept. The counts of a user stay in use while
/// the user's message count has grown by at most 1/``tolerance`` since they were taken (a few
/// new messages barely move an idf, and a chat adds two per turn); past that, or when messages
/// were deleted, the user's counts are taken again. Ranking therefore uses frequencies at most
/// that stale; which rows can match never depends on them. The user's message count itself is
/// taken only when the index changed: FTS5 rewrites its structure record on every commit that
/// touches it, so an unchanged record means unchanged counts.
final class RecallStatistics: Sendable {
    /// The counts of one user, taken when the user had `rows` messages.
    struct Snapshot: Sendable {
        var rows: Int
        var frequencies: [String: Int] = [:]
        /// The index's structure record when `rows` was last found fresh enough.
        var structure: Data?
    }

    /// Counts stay in use until the message count grows by more than 1/tolerance of what it was.
    static let tolerance = 32

    /// The most terms remembered over all users; the cache starts over past it.
    static let capacity = 200_000

    private struct State {
        var users: [String: Snapshot] = [:]
        var terms = 0
    }

    private let state = Mutex(State())

    /// The counts of `owner`'s messages to use with the index at `structure`: the kept ones
    /// when the index is unchanged, or while they are fresh enough for the user's current message
    /// count (`count()`, called only then); otherwise a new empty snapshot, which replaces them.
    func snapshot(owner: String, structure: Data?, count: () throws -> Int) rethrows -> Snapshot {
        let kept = state.withLock { $0.users[owner] }
        if let kept, structure != nil, kept.structure == structure { return kept }
        let rows = try count()
        return state.withLock { state in
            if var kept = state.users[owner], Self.isFresh(kept.rows, now: rows) {
                kept.structure = structure
                state.users[owner]?.structure = structure
                return kept
            }
            if let stale = state.users.removeValue(forKey: owner) { state.terms -= stale.frequencies.count }
            let fresh = Snapshot(rows: rows, structure: structure)
            state.users[owner] = fresh
            return fresh
        }
    }

    /// Remembers that `count` of `owner`'s messages hold the term `key`, counted against the
    /// snapshot taken at `rows` messages (ignored if that snapshot was replaced meanwhile).
    func remember(owner: String, rows: Int, key: String, count: Int) {
        state.withLock { state in
            guard state.users[owner]?.rows == rows else { return }
            if state.terms >= Self.capacity {
                state.users.removeAll(keepingCapacity: true)
                state.terms = 0
                state.users[owner] = Snapshot(rows: rows)
            }
            if state.users[owner]?.frequencies.updateValue(count, forKey: key) == nil { state.terms += 1 }
        }
    }

    /// Whether counts taken at `then` messages may still be used at `now`.
    static func isFresh(_ then: Int, now: Int) -> Bool {
        now >= then && now - then <= then / tolerance
    }
}
