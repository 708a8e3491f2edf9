import ArgumentParser
import Foundation
import Mneme
import MnemeServer

/// `mneme serve`: the OpenAI-compatible memory proxy and admin API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve an OpenAI-compatible chat endpoint with Mneme's memory, and the admin API.",
        discussion: """
            Chat backends point their OpenAI client at http://HOST:PORT/v1 with a key from \
            `mneme keys create`. Prints "Listening on http://HOST:PORT" once the socket is bound \
            (with --port 0, the port the system chose). SIGINT or SIGTERM shut down gracefully.

            Settings also come from MNEME_SERVER_* variables (see docs/user-guide.md, "Serving"); \
            flags win over them.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The address to listen on (default: $MNEME_SERVER_HOST, else 127.0.0.1).")
    var host: String?

    @Option(help: "The port (default: $MNEME_SERVER_PORT, else 8080; 0 picks a free one).")
    var port: Int?

    @Option(help: "The model when no route matches: provider:model or a route name.")
    var model: String?

    @Option(help: "Allow CORS from these origins (comma-separated, * for any); default: CORS off.")
    var cors: String?

    func run() async throws {
        var configuration: ServerConfiguration
        let settings = try global.configuration().server
        do {
            configuration = try ServerConfiguration(
                settings: settings, environment: ProcessInfo.processInfo.environment)
        } catch let error as ServerConfigurationError {
            throw ValidationError(error.message)
        }
        if let host { configuration.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
            configuration.port = port
        }
        if let cors { configuration.corsOrigins = cors.split(separator: ",").map { String($0) } }
        let engine = try EngineSetup.engine(global, model: model)
        let server = MnemeServer(engine: engine, configuration: configuration)
        // Searches rank in memory once the document index's common words are loaded (background).
        let store = engine.store
        Task.detached(priority: .utility) { try? await store.preloadSearchCache() }
        Output.error(
            "Model: \(engine.defaultModel) (\(engine.defaultModelReason)); database \(engine.configuration.databasePath)."
        )
        try await server.run { address in Output.line("Listening on \(address)") }
    }
}
