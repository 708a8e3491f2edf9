import ArgumentParser
import Foundation
import Mneme
import MnemeConfig

/// `mneme config check|show|init`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check, show or create the configuration file (mneme.toml).",
        subcommands: [ConfigCheck.self, ConfigShow.self, ConfigInit.self]
    )
}

/// `mneme config check [FILE]`: every error and warning with its line; exit 1 on errors.
struct ConfigCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration file: syntax, types, unknown keys, routes, personas, keys.",
        discussion: "Prints each problem as FILE:LINE: message. Exits with 1 when there is an error."
    )

    @Argument(help: "The file (default: --config, $MNEME_CONFIG, else ./mneme.toml).")
    var file: String?

    @OptionGroup var global: GlobalOptions

    @Flag(help: "One JSON object: {file, ok, issues: [{severity, line, message}]}.")
    var json = false

    func run() async throws {
        guard let path = file ?? ConfigFile.locate(explicit: global.config) else {
            throw ValidationError("no configuration file: give one, or create ./mneme.toml with `mneme config init`")
        }
        let report = ConfigFile.check(path: path)
        if json {
            let issues = report.issues.map {
                ["severity": $0.severity.rawValue, "line": $0.line, "message": $0.message] as [String: Any]
            }
            let object: [String: Any] = ["file": path, "ok": !report.hasErrors, "issues": issues]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            Output.line(String(decoding: data, as: UTF8.self))
        } else {
            for issue in report.issues { Output.line(issue.description) }
            if let configuration = report.configuration {
                Output.line(
                    "\(path): OK — \(configuration.routes.count) routes, \(configuration.personas.count) personas, "
                        + "\(configuration.prices.models.count) prices, database \(configuration.databasePath)")
            }
        }
        if report.hasErrors { throw ExitCode(1) }
    }
}

/// `mneme config show`: the effective configuration, secrets never shown.
struct ConfigShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the effective configuration (file, environment and defaults merged; no secrets)."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let configuration = try global.configuration()
        let engine = try Engine(configuration: configuration)
        var lines = [
            "file              \(configuration.source ?? "(none: defaults and environment)")",
            "database          \(configuration.databasePath)",
            "default model     \(engine.defaultModel) (\(engine.defaultModelReason))",
            "default persona   \(configuration.defaultPersona)",
            "personas          \(configuration.personas.keys.sorted().joined(separator: ", "))",
            "memory extraction \(configuration.extractMemory ? "on" : "off") (\(configuration.memoryExtractor.rawValue)"
                + (configuration.memoryExtractor == .llm
                    ? ", model \(configuration.memoryModel ?? "the turn's")" : "") + ")",
            "reserved output   \(configuration.reservedOutputTokens) tokens",
            "safety margin     \(configuration.safetyMarginTokens) tokens",
            "candidates        documents \(configuration.documentCandidates), recall \(configuration.recallCandidates), "
                + "history \(configuration.historyCandidates)"
                + (configuration.recallNeighbors ? ", recall with neighbouring turns" : "")
                + (configuration.documentFeedback ? "" : ", documents without feedback"),
        ]
        for route in configuration.routes {
            let fallbacks =
                route.fallbacks.isEmpty ? "" : " → " + route.fallbacks.map(\.description).joined(separator: " → ")
            lines.append("route             \(route.name): \(route.target)\(fallbacks)")
        }
        for (model, price) in configuration.prices.models.sorted(by: { $0.key < $1.key }) {
            lines.append("price             \(model): in $\(price.input)/M, out $\(price.output)/M")
        }
        for line in configuration.providerSummary { lines.append("provider          \(line)") }
        Output.line(lines.joined(separator: "\n"))
    }
}

/// `mneme config init`: writes a commented starter file.
struct ConfigInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter mneme.toml (every setting, with its default)."
    )

    @Argument(help: "Where to write it.")
    var file: String = ConfigFile.defaultName

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() async throws {
        if FileManager.default.fileExists(atPath: file), !force {
            throw ValidationError("\(file) exists; use --force to overwrite it")
        }
        try ConfigTemplate.text.write(toFile: file, atomically: true, encoding: .utf8)
        Output.line("Wrote \(file). Check it with: mneme config check \(file)")
    }
}
