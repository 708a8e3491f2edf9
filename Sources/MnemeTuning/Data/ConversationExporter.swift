public import MnemeStore

/// Turns one stored conversation into one training example (pure: no database access).
///
/// The example holds the conversation up to its last selected reply. A reply is selected unless
/// it was rated down, or (with ``ExportOptions/positiveOnly``) not rated up, or written outside
/// the date range. When some replies before the last selected one are not selected, they stay in
/// the conversation as context with weight 0 and the selected ones get weight 1; formats without
/// weights drop them (``TrainingExample/trainedTurnsOnly``). Partial and failed replies are
/// dropped with the user message they answered, as are user messages that got no reply.
/// Several user messages in a row are joined with a blank line, so roles alternate.
///
/// ```swift
/// let exporter = ConversationExporter(options: ExportOptions(positiveOnly: true)) { persona in
///     personas[persona ?? "assistant"]
/// }
/// let (example, report) = exporter.example(from: conversation, profile: ["name": "Ada"])
/// ```
public struct ConversationExporter: Sendable {
    /// Which turns are selected, and whether to scrub.
    public var options: ExportOptions
    /// The system instruction for a session's persona (`nil`: the session has none), or `nil` for none.
    public var systemPrompt: @Sendable (String?) -> String?

    /// Creates an exporter.
    public init(options: ExportOptions, systemPrompt: @escaping @Sendable (String?) -> String? = { _ in nil }) {
        self.options = options
        self.systemPrompt = systemPrompt
    }

    private struct Turn {
        var users: [String]
        var reply: Message
        var selected: Bool
    }

    /// The example of a conversation (or `nil` when no reply is selected), and the counts.
    ///
    /// - Parameter profile: the user's profile values (`key → value`), replaced when scrubbing.
    public func example(from conversation: StoredConversation, profile: [String: String] = [:])
        -> (example: TrainingExample?, report: ExportReport)
    {
        var report = ExportReport()
        report.conversations = 1
        var turns: [Turn] = []
        var pending: [String] = []
        for rated in conversation.messages {
            let message = rated.message
            switch message.role {
            case .user:
                pending.append(message.content)
            case .assistant:
                let complete =
                    message.status == .complete && !message.content.allSatisfy(\.isWhitespace) && !pending.isEmpty
                guard complete else {
                    report.incomplete += 1
                    pending = []
                    continue
                }
                turns.append(Turn(users: pending, reply: message, selected: select(rated, report: &report)))
                pending = []
            case .system, .tool:
                continue
            }
        }
        if !pending.isEmpty { report.incomplete += 1 }
        guard let last = turns.lastIndex(where: \.selected) else { return (nil, report) }
        let kept = turns[...last]
        let weighted = kept.contains { !$0.selected }
        var messages: [TrainingMessage] = []
        for turn in kept {
            messages.append(.user(turn.users.joined(separator: "\n\n")))
            messages.append(.assistant(turn.reply.content, weight: weighted ? (turn.selected ? 1 : 0) : nil))
        }
        report.trainedReplies = kept.filter(\.selected).count
        report.examples = 1
        var example = TrainingExample(system: systemPrompt(conversation.session.persona), messages: messages)
        if options.scrub {
            var values = profile
            if let name = conversation.user.displayName { values["display_name"] = name }
            let (scrubbed, counts) = Scrubber(profileValues: values).scrub(example)
            example = scrubbed
            report.scrubbed = counts
        }
        return (example, report)
    }

    private func select(_ rated: RatedMessage, report: inout ExportReport) -> Bool {
        let time = rated.message.createdAt
        if rated.rating == .down {
            report.ratedDown += 1
            return false
        }
        if options.positiveOnly && rated.rating != .up {
            report.unrated += 1
            return false
        }
        if let since = options.since, time < since {
            report.outsideDates += 1
            return false
        }
        if let until = options.until, time >= until {
            report.outsideDates += 1
            return false
        }
        return true
    }
}
