/// Structured context of a turn, for providers that work from data rather than from prompt text
/// (the ``OfflineProvider``).
///
/// ```swift
/// let grounding = Grounding(
///     userName: "Anna",
///     passages: [Passage(title: "Handbook", uri: "docs/handbook.md", headingPath: ["Leave"],
///                        text: "Employees get 28 days of paid leave per year.", score: 7.2)],
///     facts: [Fact(key: "team", value: "platform")])
/// ```
public struct Grounding: Sendable, Hashable {
    /// The user's name from the profile, if known.
    public var userName: String?
    /// Retrieved document passages, best first.
    public var passages: [Passage]
    /// Profile facts, in the order the profile lists them.
    public var facts: [Fact]

    /// Creates grounding.
    public init(userName: String? = nil, passages: [Passage] = [], facts: [Fact] = []) {
        self.userName = userName
        self.passages = passages
        self.facts = facts
    }
}

/// A retrieved piece of a document.
public struct Passage: Sendable, Hashable {
    /// The document title.
    public var title: String
    /// Where the document lives (path or URL).
    public var uri: String
    /// The headings above the passage, outermost first (may be empty).
    public var headingPath: [String]
    /// The passage text.
    public var text: String
    /// The retrieval score (higher is better; BM25 or similar).
    public var score: Double

    /// Creates a passage.
    public init(title: String, uri: String, headingPath: [String] = [], text: String, score: Double) {
        self.title = title
        self.uri = uri
        self.headingPath = headingPath
        self.text = text
        self.score = score
    }

    /// `Title › Heading › Subheading`, as used in citations.
    public var citation: String {
        ([title] + headingPath).filter { !$0.isEmpty }.joined(separator: " › ")
    }
}

/// A `key: value` fact from the user's profile.
public struct Fact: Sendable, Hashable {
    /// The fact's name, for example `"team"`.
    public var key: String
    /// Its value, for example `"platform"`.
    public var value: String

    /// Creates a fact.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
