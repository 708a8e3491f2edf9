/// Makes a conversation acceptable to providers that want strictly alternating turns starting with the
/// user (Anthropic, Gemini).
enum TurnNormalizer {
    /// The text put first when a conversation starts with the assistant.
    static let leadingUserPlaceholder = "(conversation continued)"

    /// Drops empty turns, merges consecutive turns of the same role (texts joined by a blank line), and
    /// puts a placeholder user turn first if the conversation starts with the assistant, so that the
    /// assistant's text is kept rather than dropped.
    static func alternating(_ turns: [ChatTurn]) -> [ChatTurn] {
        var result: [ChatTurn] = []
        for turn in turns where !turn.text.trimmingWhitespace().isEmpty {
            if let last = result.last, last.role == turn.role {
                result[result.count - 1].text = last.text + "\n\n" + turn.text
            } else {
                result.append(turn)
            }
        }
        if let first = result.first, first.role == .assistant {
            result.insert(ChatTurn(role: .user, text: leadingUserPlaceholder), at: 0)
        }
        return result
    }
}
