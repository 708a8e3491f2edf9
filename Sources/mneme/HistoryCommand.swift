import ArgumentParser
import Foundation
import MnemeStore

/// `mneme history …`: a user's conversations.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List, show, import and export a user's conversations.",
        subcommands: [List.self, Show.self, Import.self, Export.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the user's sessions, newest first.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "How many sessions to list.")
        var limit = 50

        func run() async throws {
            let store = try global.openStore()
            guard let user = try await global.existingUser(store) else {
                Output.line("No sessions for user \(global.userID).")
                return
            }
            let sessions = try await store.sessions(for: user.scope, limit: limit)
            if sessions.isEmpty {
                Output.line("No sessions for user \(global.userID).")
                return
            }
            let rows = sessions.map { summary in
                [
                    String(summary.session.id), summary.session.externalID ?? "-", String(summary.messageCount),
                    Output.time(summary.lastMessageAt), summary.session.title ?? "",
                ]
            }
            Output.line(Output.table(["ID", "EXTERNAL ID", "MESSAGES", "LAST MESSAGE", "TITLE"], rows))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the last messages of a session.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The session: its id, or its external id.")
        var session: String

        @Option(help: "How many of the last messages to show.")
        var limit = 50

        func run() async throws {
            let store = try global.openStore()
            guard let user = try await global.existingUser(store),
                let session = try await resolveSession(session, store: store, scope: user.scope)
            else {
                throw ValidationError("User \(global.userID) has no session '\(session)'.")
            }
            for message in try await store.recentMessages(in: session.id, for: user.scope, limit: limit) {
                let status = message.status == .complete ? "" : " [\(message.status.rawValue)]"
                Output.line("[\(Output.time(message.createdAt))] \(message.role.rawValue)\(status): \(message.content)")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import messages from a JSONL file (one message per line).",
            discussion: """
                Each line: {"session": ID, "role": "user|assistant|system|tool", "content": TEXT, \
                "created_at": ISO-8601 TIME, "external_id": ID (optional)}. Importing the same file \
                again stores nothing twice. Bad lines are reported by number and skipped; the exit \
                code is 1 if there were any.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The JSONL file, or - for standard input.")
        var file: String

        func run() async throws {
            var reader = try LineReader(path: file)
            let store = try global.openStore()
            let user = try await global.ensureUser(store)
            var report = ImportReport()
            while true {
                let batch = try reader.next(batch: 2000)
                if batch.isEmpty { break }
                report.merge(try await store.importTranscript(batch, for: user.scope))
            }
            for error in report.errors { Output.error("line \(error.line): \(error.message)") }
            Output.line(
                "Imported \(report.imported) messages (\(report.duplicates) already stored, "
                    + "\(report.sessionsCreated) new sessions, \(report.errors.count) bad lines)."
            )
            if !report.errors.isEmpty { throw ExitCode(1) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the user's messages as JSONL.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Only this session (its id or external id).")
        var session: String?

        @Argument(help: "The output file, or - for standard output.")
        var file = "-"

        func run() async throws {
            let store = try global.openStore()
            guard let user = try await global.existingUser(store) else {
                throw ValidationError("There is no user \(global.userID) in tenant \(global.tenantName).")
            }
            var sessionID: Int64?
            if let session {
                guard let found = try await resolveSession(session, store: store, scope: user.scope) else {
                    throw ValidationError("User \(global.userID) has no session '\(session)'.")
                }
                sessionID = found.id
            }
            let handle: FileHandle
            if file == "-" {
                handle = .standardOutput
            } else {
                guard FileManager.default.createFile(atPath: file, contents: nil),
                    let opened = FileHandle(forWritingAtPath: file)
                else {
                    throw ValidationError("Cannot write \(file).")
                }
                handle = opened
            }
            var count = 0
            try await store.exportTranscript(for: user.scope, sessionID: sessionID) { line in
                try handle.write(contentsOf: Data((line.json() + "\n").utf8))
                count += 1
            }
            if file != "-" {
                try handle.close()
                Output.error("Exported \(count) messages to \(file).")
            }
        }
    }
}

/// Finds a session by row id or external id.
func resolveSession(_ key: String, store: Store, scope: UserScope) async throws -> Session? {
    if let byExternal = try await store.session(externalID: key, for: scope) { return byExternal }
    if let id = Int64(key) { return try await store.session(id, for: scope) }
    return nil
}
