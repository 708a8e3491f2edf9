import Foundation
import Mneme
import MnemeConfig
import MnemeProviders
import Testing

@Suite struct ConfigFileTests {
    static let full = """
        database = "/var/lib/mneme/main.sqlite"
        model = "support"
        default_persona = "support"
        extract_memory = false

        [context]
        reserved_output_tokens = 2048
        document_candidates = 12

        [budget]
        example_placement = "messages"
        [budget.documents]
        max_share = 0.5

        [providers.openai]
        api_key_env = "ACME_OPENAI_KEY"
        base_url = "http://127.0.0.1:9/v1"
        [providers.anthropic]
        api_key_env = "ACME_ANTHROPIC_KEY"
        version = "2024-01-01"
        [providers.openai-compatible]
        base_url = "http://127.0.0.1:8080/v1"

        [personas.support]
        template = "You are the support desk of {{company|the company}}."
        defaults = { company = "Northwind Lumen" }

        [[routes]]
        name = "support"
        target = "openai:ft:gpt-4o-mini-2024-07-18:acme:support:abc123"
        fallbacks = ["openai:gpt-4o-mini", "offline:offline"]
        match = { persona = "support", user_attributes = { plan = "pro" } }

        [prices."gpt-4o-mini"]
        input = 0.15
        output = 0.6
        cached_input = 0.075
        """

    @Test func everySectionReachesTheConfiguration() throws {
        let environment = ["ACME_OPENAI_KEY": "sk-acme-secret", "ACME_ANTHROPIC_KEY": "sk-ant-secret"]
        let report = ConfigFile.check(text: Self.full, source: "mneme.toml", environment: environment)
        #expect(report.issues.isEmpty, "\(report.issues)")
        let configuration = try #require(report.configuration)
        #expect(configuration.databasePath == "/var/lib/mneme/main.sqlite")
        #expect(configuration.model == "support")
        #expect(configuration.defaultPersona == "support")
        #expect(!configuration.extractMemory)
        #expect(configuration.reservedOutputTokens == 2048)
        #expect(configuration.documentCandidates == 12)
        #expect(configuration.recallCandidates == EngineConfiguration(environment: [:]).recallCandidates)
        #expect(configuration.budget.examplePlacement == .messages)
        #expect(configuration.budget.documents.maxShare == 0.5)
        #expect(configuration.personas["support"]?.defaults == ["company": "Northwind Lumen"])
        #expect(configuration.personas["assistant"] != nil, "the built-in persona stays")
        let route = try #require(configuration.routes.first)
        #expect(route.target.model == "ft:gpt-4o-mini-2024-07-18:acme:support:abc123")
        #expect(route.fallbacks.map(\.description) == ["openai:gpt-4o-mini", "offline:offline"])
        #expect(route.match.userAttributes == ["plan": "pro"])
        #expect(configuration.prices.price(for: "gpt-4o-mini-2024-07-18")?.cachedInput == 0.075)
        // Provider sections become the SDKs' variables.
        let providers = ProviderEnvironment(configuration.environment)
        #expect(providers.openAIKey?.revealed == "sk-acme-secret")
        #expect(providers.openAIBaseURL == "http://127.0.0.1:9/v1")
        #expect(providers.anthropicVersion == "2024-01-01")
        #expect(providers.compatibleBaseURL == "http://127.0.0.1:8080/v1")
    }

    @Test func environmentOverridesTheFileAndFlagsOverrideBoth() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mneme-config-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mneme.toml").path
        try "database = \"from-file.sqlite\"\nmodel = \"offline:offline\"\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let fromFile = try EngineConfiguration(file: path, environment: [:])
        #expect(fromFile.databasePath == "from-file.sqlite")
        #expect(fromFile.source == path)
        let overridden = try EngineConfiguration(file: path, environment: ["MNEME_DB": "from-env.sqlite"])
        #expect(overridden.databasePath == "from-env.sqlite")
        #expect(overridden.model == "offline:offline")
    }

    @Test func mistakesAreErrorsWithTheirLines() {
        let text = """
            databse = "x.sqlite"
            model = "suport"
            default_persona = "nobody"
            [context]
            reserved_output_tokens = "lots"
            history_candidates = -1
            [providers.openai]
            api_key = "sk-literal-secret"
            api_key_env = "OPENAI_API_KEY"
            base_urll = "http://x"
            [providers.mistral]
            api_key_env = "X"
            [budget.documents]
            min_share = 0.9
            max_share = 0.1
            [[routes]]
            name = "a"
            target = "cohere:command-r"
            [[routes]]
            name = "a"
            target = "offline:offline"
            """
        let report = ConfigFile.check(text: text, source: "bad.toml", environment: [:])
        #expect(report.configuration == nil)
        let errors = report.issues.filter { $0.severity == .error }
        func line(_ fragment: String) -> Int? { errors.first { $0.message.contains(fragment) }?.line }
        #expect(line("unknown key 'databse' at the top level (did you mean 'database'?)") == 1)
        #expect(line("default_persona 'nobody' is not defined") == 3)
        #expect(line("expected an integer, found a string") == 5)
        #expect(line("must not be negative") == 6)
        #expect(line("give api_key or api_key_env, not both") == 8)
        #expect(line("unknown key 'base_urll' in [providers.openai] (did you mean 'base_url'?)") == 10)
        #expect(line("unknown provider [providers.mistral]") == 11)
        #expect(line("[budget]") == 13)
        #expect(line("unknown provider 'cohere'") == 16)
        #expect(line("route 'a' is defined twice (first on line 16)") == 19)
        #expect(!report.issues.contains { $0.message.contains("sk-literal-secret") }, "secrets never in messages")
        #expect(report.issues.contains { $0.severity == .warning && $0.message.contains("holds the API key itself") })
        #expect(
            report.issues.contains {
                $0.severity == .warning && $0.line == 2
                    && $0.message.contains("'suport' is not provider:model nor a route")
            }, "a model naming no route of the file may be a registered route: a warning")
    }

    @Test func memoryExtractorAndRecallSettings() throws {
        let good = """
            memory_extractor = "llm"
            memory_model = "anthropic:claude-haiku-4-5"
            [context]
            recall_candidates = 24
            recall_neighbors = true
            document_feedback = false
            """
        let report = ConfigFile.check(text: good, source: "m.toml", environment: [:])
        #expect(report.issues.isEmpty, "\(report.issues)")
        let configuration = try #require(report.configuration)
        #expect(configuration.memoryExtractor == .llm)
        #expect(configuration.memoryModel == "anthropic:claude-haiku-4-5")
        #expect(configuration.recallCandidates == 24 && configuration.recallNeighbors)
        #expect(!configuration.documentFeedback)
        let defaults = try #require(ConfigFile.check(text: "", environment: [:]).configuration)
        #expect(defaults.memoryExtractor == .rules && defaults.memoryModel == nil && !defaults.recallNeighbors)
        #expect(defaults.documentFeedback)

        let bad = """
            # memory
            memory_extractor = "gpt"
            memory_model = "claude-haiku"
            [context]
            recall_neighbors = "yes"
            document_feedback = 1
            """
        let errors = ConfigFile.check(text: bad, source: "bad.toml", environment: [:]).issues.filter {
            $0.severity == .error
        }
        func line(_ fragment: String) -> Int? { errors.first { $0.message.contains(fragment) }?.line }
        #expect(line(#"memory_extractor must be "rules" or "llm" (it is "gpt")"#) == 2)
        #expect(line("memory_model:") == 3)
        #expect(line("expected true or false") == 5)
        #expect(errors.filter { $0.message.contains("expected true or false") }.map(\.line) == [5, 6])
        let unknown = ConfigFile.check(text: #"memory_model = "cohere:command-r""#, environment: [:])
        #expect(unknown.issues.contains { $0.severity == .error && $0.message.contains("unknown provider") })
        // A model without the "llm" extractor, or the extractor with memory off: warnings, the file loads.
        let unused = ConfigFile.check(text: #"memory_model = "openai:gpt-4o-mini""#, environment: [:])
        #expect(unused.configuration != nil)
        #expect(unused.issues.contains { $0.severity == .warning && $0.message.contains("used only with") })
        let off = ConfigFile.check(text: "extract_memory = false\nmemory_extractor = \"llm\"", environment: [:])
        #expect(off.issues.contains { $0.severity == .warning && $0.line == 2 && $0.message.contains("no effect") })
    }

    @Test func syntaxErrorsAndMissingFilesAreReportedNotThrownPastTheCaller() throws {
        #expect(
            ConfigFile.check(text: "a = [1,", source: "x.toml").issues.first?.description.hasPrefix("x.toml:1:") == true
        )
        do {
            _ = try EngineConfiguration(file: "/nonexistent/mneme.toml")
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.description == "/nonexistent/mneme.toml: the file does not exist")
        }
    }

    @Test func unsetKeyVariablesAndUnreachableRoutesAreWarnings() throws {
        let text = """
            [providers.openai]
            api_key_env = "NOT_SET_ANYWHERE"
            [[routes]]
            name = "cloud"
            target = "anthropic:claude-sonnet-4-5"
            """
        let report = ConfigFile.check(text: text, source: "w.toml", environment: [:])
        #expect(report.configuration != nil, "warnings do not stop the configuration")
        #expect(report.issues.map(\.line) == [2, 3])
        #expect(report.issues.allSatisfy { $0.severity == .warning })
        #expect(report.issues[1].message.contains("ANTHROPIC_API_KEY is not set"))
    }

    @Test func offlineForcesTheOfflineProvider() throws {
        let report = ConfigFile.check(text: "offline = true\n", environment: ["OPENAI_API_KEY": "sk-x"])
        let configuration = try #require(report.configuration)
        #expect(configuration.model == "offline:offline")
    }

    @Test func theServerSectionIsCheckedAndKept() throws {
        let good = ConfigFile.check(
            text:
                "[server]\nhost = \"0.0.0.0\"\nport = 9000\ncors_origins = [\"https://app.example\"]\nlog_format = \"text\"\n",
            environment: [:])
        let server = try #require(good.configuration?.server)
        #expect(server.host == "0.0.0.0")
        #expect(server.port == 9000)
        #expect(server.corsOrigins == ["https://app.example"])
        #expect(server.logFormat == "text")
        let bad = ConfigFile.check(
            text: "[server]\nport = 70000\nsystem_message = \"merge\"\nrate_limt = 5\n", source: "s.toml",
            environment: [:])
        #expect(bad.configuration == nil)
        #expect(bad.issues.map(\.line) == [2, 3, 4])
        #expect(bad.issues[0].message.contains("from 0 to 65535"))
        #expect(bad.issues[1].message.contains("use one of replace, append"))
        #expect(bad.issues[2].message.contains("did you mean 'rate_limit'?"))
    }

    /// A key written into a file other users can read is a warning naming the fix; never the key.
    @Test func aKeyInAFileOthersCanReadIsAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mneme-secret-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mneme.toml").path
        try "[providers.openai]\napi_key = \"sk-in-the-file\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        func readableWarning() -> ConfigIssue? {
            ConfigFile.check(path: path, environment: [:]).issues.first { $0.message.contains("other users can read") }
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let warning = try #require(readableWarning())
        #expect(warning.severity == .warning && warning.message.contains("chmod 600"))
        #expect(!warning.message.contains("sk-in-the-file"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(readableWarning() == nil)
        try "[providers.openai]\napi_key_env = \"OPENAI_API_KEY\"\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(readableWarning() == nil, "a key by variable name is not a secret in the file")
    }
}
