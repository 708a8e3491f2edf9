public import MnemeStore

extension Engine {
    /// Rates one of the user's assistant replies (👍 / 👎) with an optional note; rating a reply
    /// again replaces its rating. Ratings select fine-tuning data (`mneme tune export --positive-only`).
    ///
    /// ```swift
    /// try await engine.feedback(tenant: "acme", user: "u-42", message: record.replyMessageID!, rating: .up)
    /// ```
    ///
    /// - Parameter message: the reply's message id, as in ``TurnEvent/finished(_:)``'s record.
    /// - Throws: ``StoreError`` (`notFound` when the message is not this user's, `invalidInput` when
    ///   it is not an assistant reply).
    @discardableResult
    public func feedback(
        tenant: String,
        user: String,
        message: Int64,
        rating: ReplyFeedback.Rating,
        note: String? = nil
    ) async throws -> ReplyFeedback {
        guard let user = try await store.user(tenant: tenant, externalID: user) else {
            throw StoreError(.notFound, "Message \(message) was not found for this user.")
        }
        return try await store.setFeedback(rating, note: note, message: message, for: user.scope)
    }

    /// The user's newest assistant reply, in one session or in any, or `nil` if there is none.
    public func lastReply(tenant: String, user: String, session: Int64? = nil) async throws -> Message? {
        guard let user = try await store.user(tenant: tenant, externalID: user) else { return nil }
        return try await store.lastReply(for: user.scope, session: session)
    }
}
