import ArgumentParser
import MnemeTuning

extension TuneCommand {
    /// `mneme tune register JOB [--route NAME]`.
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a succeeded job's tuned model a route of the tenant, with the base model as fallback.",
            discussion: """
                Without --persona or --attribute the route applies to every request of the tenant; it is also a \
                model name (`mneme ask --model NAME`). A registered route wins over a configured route with the \
                same conditions. Remove it with `mneme tune unregister NAME`.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The job: its local id or the provider's id.")
        var job: String

        @Option(help: "The route's name (default: the job's suffix, else tuned-ID).")
        var route: String?

        @Option(help: "Only for this persona.")
        var persona: String?

        @Option(help: "Only for users with this attribute, as key=value (repeatable).")
        var attribute: [String] = []

        func run() async throws {
            var attributes: [String: String] = [:]
            for pair in attribute {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw ValidationError("--attribute takes key=value (got '\(pair)').")
                }
                attributes[parts[0]] = parts[1]
            }
            let registered = try await TuneSetup(global).jobs.register(
                job, route: route, persona: persona, userAttributes: attributes)
            Output.line(
                "Route '\(registered.name)' → \(registered.target) (fallback \(registered.fallbacks.joined(separator: ", "))) "
                    + "for tenant \(global.tenantName).")
            Output.line(
                "Try it: mneme ask --model \(registered.name) \"…\"  ·  compare: mneme eval --data val.jsonl --models base,tuned --job \(job)"
            )
        }
    }

    /// `mneme tune routes`.
    struct Routes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tenant's registered routes.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let routes = try await TuneSetup(global).jobs.registeredRoutes()
            if routes.isEmpty {
                Output.line("No registered routes for tenant \(global.tenantName).")
                return
            }
            let rows = routes.map { route in
                var conditions = route.persona.map { ["persona=\($0)"] } ?? []
                conditions += route.userAttributes.keys.sorted().map { "\($0)=\(route.userAttributes[$0]!)" }
                return [
                    route.name, route.target, route.fallbacks.joined(separator: ", "),
                    conditions.isEmpty ? "every request" : conditions.joined(separator: ", "),
                    route.tuningJobID.map(String.init) ?? "-",
                ]
            }
            Output.line(Output.table(["NAME", "TARGET", "FALLBACKS", "APPLIES TO", "JOB"], rows))
        }
    }

    /// `mneme tune unregister NAME`.
    struct Unregister: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a registered route.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The route's name.")
        var name: String

        func run() async throws {
            try await TuneSetup(global).jobs.unregister(name)
            Output.line("Removed route '\(name)'.")
        }
    }
}
