public import Foundation

/// What ``Store/recall(_:for:)`` looks for: older messages of the user that share words with a text,
/// each brought back with the rest of its turn (the question with its answer).
///
/// ```swift
/// var request = RecallRequest(text: "Which hotel did you recommend for Kyoto?")
/// request.excluding = Set(history.map(\.id))   // already in the prompt
/// let recalled = try await store.recall(request, for: user.scope)
/// ```
public struct RecallRequest: Sendable, Hashable {
    /// The text to match (usually the user's new message); stop words are ignored.
    public var text: String
    /// How many best-matching messages are expanded into turns (the result holds up to about twice as many
    /// messages, plus neighbouring turns).
    public var hits: Int
    /// Messages already in the prompt (the recent history, the message itself): never returned.
    public var excluding: Set<Int64>
    /// The recent history already in the prompt, when it is a session's last user and assistant
    /// messages: never returned either. The store reads their ids itself, so a caller can read
    /// the history and recall at the same time.
    public var excludingRecent: RecentMessages?
    /// Times the text refers to ("last March"): matches written then rank before all others (their scores
    /// are 0.5…1, the others' below 0.5), and the windows are searched on their own as well, so that a match
    /// from then is found even if better matches from other times abound. Without any words to match, the
    /// windows' most recent turns are returned.
    public var windows: [Range<Date>]
    /// How much newer messages are preferred: a score is multiplied by `1 + recency × 2^(−age / half-life)`
    /// (0: not at all; 1: a message written today counts twice as much as a very old one).
    public var recency: Double
    /// The age, in days, at which the recency bonus halves.
    public var recencyHalfLife: Double
    /// The moment ages are measured from.
    public var now: Date
    /// Also return the turn just before each matched turn in the same session, at half its score.
    public var neighbors: Bool

    /// Creates a request.
    public init(
        text: String, hits: Int = 8, excluding: Set<Int64> = [], windows: [Range<Date>] = [], recency: Double = 0,
        recencyHalfLife: Double = 90, now: Date = Date(),
        neighbors: Bool = false
    ) {
        self.text = text
        self.hits = hits
        self.excluding = excluding
        self.windows = windows
        self.recency = recency
        self.recencyHalfLife = recencyHalfLife
        self.now = now
        self.neighbors = neighbors
    }

    /// The last ``count`` messages of a session (newest first by time, then id, as
    /// ``Store/recentMessages(in:for:limit:)`` reads them), of which the user and assistant ones
    /// are excluded from a recall.
    public struct RecentMessages: Sendable, Hashable {
        /// The session.
        public var session: Int64
        /// How many of its last messages.
        public var count: Int

        /// Creates the description of a session's last `count` messages.
        public init(session: Int64, count: Int) {
            self.session = session
            self.count = count
        }
    }

    /// How many matches are fetched before re-scoring keeps the best ``hits``.
    var pool: Int { max(hits * 4, 32) + excluding.count }
}

/// A message returned by ``Store/recall(_:for:)``.
public struct RecalledMessage: Hashable, Sendable {
    /// The message.
    public let message: Message
    /// Its turn's relevance, 0…1: BM25 (times the recency bonus) divided by the best one, so 1 is the best turn
    /// of this recall; with time windows, matches inside them score 0.5…1 and the others below 0.5. Every
    /// message of a turn has the turn's score.
    public let score: Double
    /// The id of the turn's first message: messages with the same `turn` belong together.
    public let turn: Int64
    /// Whether the message itself matched (otherwise it came with its turn, or is a neighbouring turn).
    public let matched: Bool

    /// Creates a recalled message.
    public init(message: Message, score: Double, turn: Int64, matched: Bool) {
        self.message = message
        self.score = score
        self.turn = turn
        self.matched = matched
    }
}
