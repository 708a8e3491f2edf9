import ArgumentParser
import Foundation
import MnemeStore

/// `mneme feedback`: rate an assistant reply.
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Rate an assistant reply up or down (selects fine-tuning data).",
        discussion: """
            MESSAGE_ID is the reply's message id (reply_message_id in `mneme ask --json`), or `last` for the \
            user's newest reply. Rating a reply again replaces the rating; `none` removes it. In the chat, \
            /good and /bad rate the last reply.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The reply's message id, or `last`.")
    var message: String

    @Argument(help: "up, down or none.")
    var rating: String

    @Option(help: "What was good or bad about the reply.")
    var note: String?

    func run() async throws {
        let store = try global.openStore()
        guard let user = try await global.existingUser(store) else {
            throw ValidationError("There is no user \(global.userID) in tenant \(global.tenantName).")
        }
        let id: Int64
        if message == "last" {
            guard let reply = try await store.lastReply(for: user.scope) else {
                throw ValidationError("User \(global.userID) has no reply to rate yet.")
            }
            id = reply.id
        } else {
            guard let parsed = Int64(message) else { throw ValidationError("'\(message)' is not a message id.") }
            id = parsed
        }
        if rating == "none" {
            let removed = try await store.removeFeedback(message: id, for: user.scope)
            Output.line(removed ? "Removed the rating of message \(id)." : "Message \(id) had no rating.")
            return
        }
        guard let value = ReplyFeedback.Rating(rawValue: rating) else {
            throw ValidationError("The rating must be up, down or none.")
        }
        let saved = try await store.setFeedback(value, note: note, message: id, for: user.scope)
        Output.line("Rated message \(saved.messageID) \(saved.rating.rawValue)" + (saved.note.map { ": \($0)" } ?? "."))
    }
}
