import ArgumentParser
import Foundation
import MnemeStore

/// `mneme profile …`: what Mneme knows about a user.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Show and edit what Mneme knows about a user.",
        subcommands: [Show.self, Set.self, Unset.self, Forget.self],
        defaultSubcommand: Show.self
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the user's profile facts.")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Include superseded values of each fact.")
        var history = false

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let store = try global.openStore()
            guard let user = try await global.existingUser(store) else {
                if json { Output.line("[]") } else { Output.line("No profile for user \(global.userID).") }
                return
            }
            let facts = history ? try await store.factHistory(for: user.scope) : try await store.facts(for: user.scope)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                Output.line(String(decoding: try encoder.encode(facts), as: UTF8.self))
                return
            }
            if facts.isEmpty {
                Output.line("No facts for user \(global.userID).")
                return
            }
            let rows = facts.map { fact in
                [
                    fact.key, fact.value, fact.source.rawValue, String(format: "%.2f", fact.confidence),
                    Output.time(fact.updatedAt) + (fact.supersededAt == nil ? "" : " (superseded)"),
                ]
            }
            Output.line(Output.table(["KEY", "VALUE", "SOURCE", "CONFIDENCE", "UPDATED"], rows))
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a profile fact (replacing its current value).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The fact's key, e.g. name or preference.language.")
        var key: String

        @Argument(help: "The fact's value.")
        var value: String

        @Option(help: "Where the fact came from: user-stated, extracted or imported.")
        var source: String = ProfileFact.Source.userStated.rawValue

        @Option(help: "How sure the fact is, from 0 to 1.")
        var confidence: Double = 1

        func validate() throws {
            if ProfileFact.Source(rawValue: source) == nil {
                throw ValidationError("--source must be one of: user-stated, extracted, imported.")
            }
        }

        func run() async throws {
            let store = try global.openStore()
            let user = try await global.ensureUser(store)
            let fact = try await store.setFact(
                NewFact(key: key, value: value, source: ProfileFact.Source(rawValue: source)!, confidence: confidence),
                for: user.scope
            )
            Output.line("\(fact.key) = \(fact.value)")
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove one profile fact with its history.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The fact's key.")
        var key: String

        func run() async throws {
            let store = try global.openStore()
            guard let user = try await global.existingUser(store), try await store.unsetFact(key, for: user.scope)
            else {
                throw ValidationError("User \(global.userID) has no fact '\(key)'.")
            }
            Output.line("Removed \(key).")
        }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase the user entirely: facts, sessions, messages and their index entries.",
            discussion: "This cannot be undone. Pass --yes to confirm."
        )

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Confirm the erasure.")
        var yes = false

        func run() async throws {
            guard yes else {
                throw ValidationError("Erasing user \(global.userID) cannot be undone; pass --yes to confirm.")
            }
            let store = try global.openStore()
            guard let user = try await global.existingUser(store) else {
                throw ValidationError("There is no user \(global.userID) in tenant \(global.tenantName).")
            }
            let report = try await store.forget(user: user.scope)
            let details = report.deletedRows.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            Output.line("Erased user \(global.userID) (\(details.joined(separator: ", "))).")
        }
    }
}
