/// A profile fact found in a user message by ``FactExtractor``.
///
/// Key scheme (a newer fact on the same key replaces the older one in the store):
/// - `name` — "my name is Anna", "меня зовут Анна", "моё имя Анна";
/// - `preferred_name` — "call me Annie", "зови меня Аня", "называй меня Аня";
/// - `preference.<topic>` — one key per topic for likes, dislikes and preferences, so "I like jazz" followed
///   by "I don't like jazz" replaces (value `likes jazz` → `dislikes jazz`); different topics ("I prefer tea",
///   "I prefer coffee") are separate keys (no category inference);
/// - `note.<slug>` — "remember that …" / "запомни, что …"; the slug is the first three words of the note (after
///   "that"/"что" and articles), so "remember that my flight is on Monday" is replaced by "remember that my
///   flight is on Tuesday" (`note.my_flight_is`).
public struct ExtractedFact: Sendable, Hashable, Codable {
    /// What kind of statement it was.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The user's name.
        case name
        /// How the user wants to be addressed.
        case preferredName = "preferred_name"
        /// A like, dislike or preference.
        case preference
        /// Something the user asked to remember.
        case note
        /// Any other fact about the user, found by a language model (``ModelFactExtraction``).
        case fact
    }

    /// The profile key (see the type's documentation for the scheme).
    public var key: String
    /// The value, trimmed of trailing punctuation and length-limited.
    public var value: String
    /// 0…1: how sure the extractor is (explicit patterns: 0.8–0.95).
    public var confidence: Double
    /// The kind of statement.
    public var kind: Kind
    /// The sentence it was found in (for the trace / profile UI).
    public var evidence: String

    /// Creates a fact.
    public init(key: String, value: String, confidence: Double, kind: Kind, evidence: String) {
        self.key = key
        self.value = value
        self.confidence = confidence
        self.kind = kind
        self.evidence = evidence
    }
}
