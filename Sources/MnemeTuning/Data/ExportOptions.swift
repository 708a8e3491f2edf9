public import Foundation

/// Which turns of the stored conversations become training data.
public struct ExportOptions: Hashable, Sendable {
    /// Train only on replies the user rated up (`/good`, `mneme feedback … up`).
    public var positiveOnly: Bool
    /// Train only on replies written at or after this time.
    public var since: Date?
    /// Train only on replies written before this time.
    public var until: Date?
    /// Replace personal data (see ``Scrubber``) before writing.
    public var scrub: Bool

    /// Creates options; the defaults train on every complete reply not rated down.
    public init(positiveOnly: Bool = false, since: Date? = nil, until: Date? = nil, scrub: Bool = false) {
        self.positiveOnly = positiveOnly
        self.since = since
        self.until = until
        self.scrub = scrub
    }
}

/// What an export read, wrote and left out.
public struct ExportReport: Hashable, Sendable, Codable {
    /// Conversations (sessions) read.
    public var conversations = 0
    /// Examples produced.
    public var examples = 0
    /// Replies trained on.
    public var trainedReplies = 0
    /// Replies left out because the user rated them down (kept as context with weight 0 in OpenAI files).
    public var ratedDown = 0
    /// Replies left out because they were not rated up (with ``ExportOptions/positiveOnly``).
    public var unrated = 0
    /// Replies left out because they were written outside the date range.
    public var outsideDates = 0
    /// Turns dropped entirely: partial or failed replies, and user messages that got no reply.
    public var incomplete = 0
    /// What the scrubber replaced.
    public var scrubbed = Scrubber.Report()

    /// An empty report.
    public init() {}

    /// Adds another report's counts.
    public mutating func add(_ other: ExportReport) {
        conversations += other.conversations
        examples += other.examples
        trainedReplies += other.trainedReplies
        ratedDown += other.ratedDown
        unrated += other.unrated
        outsideDates += other.outsideDates
        incomplete += other.incomplete
        scrubbed.add(other.scrubbed)
    }
}
