import MnemeConfig
import MnemeContext
import MnemeProviders

/// Reads the sections of `mneme.toml` into an ``EngineConfiguration`` and checks what the types alone
/// cannot: routes to unknown providers or personas, a default model that names no route, unset key
/// variables, keys written into the file.
struct ConfigReader {
    let decoder: TOMLDecoder
    let environment: [String: String]

    private struct PersonaSettings: Decodable {
        var template: String
        var defaults: [String: String]?
    }

    /// Reads every section into `configuration`; returns whether a provider section holds a key itself.
    @discardableResult
    func apply(to configuration: inout EngineConfiguration) -> Bool {
        if let path = decoder.decode(String.self, at: ["database"]) { configuration.databasePath = path }
        if let flag = decoder.decode(Bool.self, at: ["extract_memory"]) { configuration.extractMemory = flag }
        applyMemory(to: &configuration)
        if let delay = decoder.decode(Int.self, at: ["offline_delay_ms"]), positive(delay, at: ["offline_delay_ms"]) {
            configuration.offlineChunkDelay = .milliseconds(delay)
        }
        applyContext(to: &configuration)
        if let budget = decoder.decode(BudgetPolicy.self, at: ["budget"]) {
            do {
                try budget.validate()
                configuration.budget = budget
            } catch {
                decoder.report(.error, at: line(["budget"]), "[budget]: \(error.message)")
            }
        }
        applyPersonas(to: &configuration)
        let holdsSecrets = applyProviders(to: &configuration)
        if let prices = decoder.decode([String: PriceTable.Price].self, at: ["prices"]) {
            configuration.prices = PriceTable(models: prices)
        }
        applyRoutes(to: &configuration)
        applyModel(to: &configuration)
        applyServer(to: &configuration)
        return holdsSecrets
    }

    private func applyServer(to configuration: inout EngineConfiguration) {
        guard let server = decoder.decode(ServerSettings.self, at: ["server"]) else { return }
        for (key, value) in server.integers {
            if let range = ServerSettings.ranges[key], !range.contains(value) {
                decoder.report(
                    .error, at: line(["server", key]),
                    "'server.\(key)' must be from \(range.lowerBound) to \(range.upperBound) (it is \(value))")
            }
        }
        if let rate = server.rateLimit, rate < 0 {
            decoder.report(.error, at: line(["server", "rate_limit"]), "'server.rate_limit' must not be negative")
        }
        for (key, value) in [("system_message", server.systemMessage), ("log_format", server.logFormat)] {
            if let value, let allowed = ServerSettings.choices[key], !allowed.contains(value) {
                decoder.report(
                    .error, at: line(["server", key]),
                    "'server.\(key)' is '\(value)'; use one of \(allowed.joined(separator: ", "))")
            }
        }
        configuration.server = server
    }

    private func applyContext(to configuration: inout EngineConfiguration) {
        guard let section = decoder.node(at: ["context"]) else { return }
        guard section.table != nil else {
            decoder.report(.error, at: section.line, "'context' must be a table ([context])")
            decoder.skipUnknownKeys(at: ["context"])
            return
        }
        decoder.markAccessed(["context"])
        // Key by key, so that every wrong value is reported, not just the first.
        let settings: [(String, WritableKeyPath<EngineConfiguration, Int>)] = [
            ("reserved_output_tokens", \.reservedOutputTokens), ("safety_margin_tokens", \.safetyMarginTokens),
            ("document_candidates", \.documentCandidates), ("recall_candidates", \.recallCandidates),
            ("history_candidates", \.historyCandidates),
        ]
        for (key, path) in settings {
            if let value = decoder.decode(Int.self, at: ["context", key]), positive(value, at: ["context", key]) {
                configuration[keyPath: path] = value
            }
        }
        if let flag = decoder.decode(Bool.self, at: ["context", "recall_neighbors"]) {
            configuration.recallNeighbors = flag
        }
        if let flag = decoder.decode(Bool.self, at: ["context", "document_feedback"]) {
            configuration.documentFeedback = flag
        }
    }

    /// `memory_extractor` ("rules" or "llm") and `memory_model` ("provider:model").
    private func applyMemory(to configuration: inout EngineConfiguration) {
        if let name = decoder.decode(String.self, at: ["memory_extractor"]) {
            if let extractor = MemoryExtractor(rawValue: name) {
                configuration.memoryExtractor = extractor
            } else {
                let known = MemoryExtractor.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                decoder.report(
                    .error, at: line(["memory_extractor"]), "memory_extractor must be \(known) (it is \"\(name)\")")
            }
        }
        if let model = decoder.decode(String.self, at: ["memory_model"]) {
            do {
                let target = try ModelTarget(parsing: model)
                if ProviderKind.all.contains(target.provider) {
                    configuration.memoryModel = model
                } else {
                    decoder.report(
                        .error, at: line(["memory_model"]),
                        "memory_model '\(model)': unknown provider (known: \(ProviderKind.all.joined(separator: ", ")))"
                    )
                }
            } catch {
                decoder.report(.error, at: line(["memory_model"]), "memory_model: \(error.message)")
            }
            if configuration.memoryExtractor != .llm {
                decoder.report(
                    .warning, at: line(["memory_model"]), "memory_model is used only with memory_extractor = \"llm\"")
            }
        }
        if configuration.memoryExtractor == .llm && !configuration.extractMemory {
            decoder.report(
                .warning, at: line(["memory_extractor"]),
                "memory_extractor = \"llm\" has no effect while extract_memory = false")
        }
    }

    private func applyPersonas(to configuration: inout EngineConfiguration) {
        if let personas = decoder.decode([String: PersonaSettings].self, at: ["personas"]) {
            for (id, persona) in personas {
                configuration.personas[id] = Persona(
                    id: id, template: persona.template, defaults: persona.defaults ?? [:])
            }
        }
        if let persona = decoder.decode(String.self, at: ["default_persona"]) {
            if configuration.personas[persona] == nil {
                decoder.report(
                    .error, at: line(["default_persona"]),
                    "default_persona '\(persona)' is not defined (personas: \(known(configuration.personas.keys)))")
            } else {
                configuration.defaultPersona = persona
            }
        }
    }

    /// Applies the `[providers.*]` sections; returns whether one holds an API key itself (`api_key`).
    private func applyProviders(to configuration: inout EngineConfiguration) -> Bool {
        guard let providers = decoder.node(at: ["providers"])?.table else { return false }
        var holdsSecrets = false
        decoder.markAccessed(["providers"])
        for (name, node) in providers.entries {
            let canonical = name.replacingOccurrences(of: "_", with: "-")
            guard let shape = ProviderSettings.shapes[canonical] else {
                decoder.report(
                    .error, at: node.line,
                    "unknown provider [providers.\(name)] (known: \(known(ProviderSettings.shapes.keys)))")
                decoder.skipUnknownKeys(at: ["providers", name])
                continue
            }
            guard let settings = decoder.decode(ProviderSettings.self, at: ["providers", name]) else { continue }
            holdsSecrets = holdsSecrets || settings.apiKey != nil
            apply(settings, shape: shape, section: name, to: &configuration.environment)
        }
        return holdsSecrets
    }

    private func apply(
        _ settings: ProviderSettings, shape: ProviderSettings.Shape, section: String,
        to environment: inout [String: String]
    ) {
        let path = ["providers", section]
        for key in settings.unsupportedKeys(for: shape) {
            decoder.report(
                .error, at: line(path + [key.rawValue]), "[providers.\(section)] has no setting '\(key.rawValue)'")
        }
        if settings.apiKey != nil, settings.apiKeyEnv != nil {
            decoder.report(
                .error, at: line(path + ["api_key"]), "[providers.\(section)]: give api_key or api_key_env, not both")
        }
        if let keyVariable = shape.keyVariable {
            if let key = settings.apiKey {
                environment[keyVariable] = key
                decoder.report(
                    .warning, at: line(path + ["api_key"]),
                    "[providers.\(section)] holds the API key itself; prefer api_key_env = \"\(keyVariable)\"")
            } else if let variable = settings.apiKeyEnv {
                environment[keyVariable] = lookUp(variable, at: path + ["api_key_env"], purpose: "the API key")
            }
        }
        for (key, variable) in shape.settings {
            switch key {
            case .authTokenEnv, .accessTokenEnv:
                let name = key == .authTokenEnv ? settings.authTokenEnv : settings.accessTokenEnv
                if let name { environment[variable] = lookUp(name, at: path + [key.rawValue], purpose: "the token") }
            default:
                if let value = settings.value(key) { environment[variable] = value }
            }
        }
    }

    /// The value of the variable `name`, with a warning when it is unset (never the value in a message).
    private func lookUp(_ name: String, at path: [String], purpose: String) -> String? {
        guard let value = environment[name], !value.isEmpty else {
            decoder.report(.warning, at: line(path), "\(purpose) variable \(name) is not set")
            return nil
        }
        return value
    }

    private func applyRoutes(to configuration: inout EngineConfiguration) {
        guard let routes = decoder.decode([Route].self, at: ["routes"]) else { return }
        var seen: [String: Int] = [:]
        for (index, route) in routes.enumerated() {
            let path = ["routes", String(index)]
            if let first = seen[route.name] {
                decoder.report(
                    .error, at: line(path), "route '\(route.name)' is defined twice (first on line \(first))")
            }
            seen[route.name] = seen[route.name] ?? line(path)
            for target in [route.target] + route.fallbacks where !ProviderKind.all.contains(target.provider) {
                decoder.report(
                    .error, at: line(path),
                    "route '\(route.name)': unknown provider '\(target.provider)' (known: \(ProviderKind.all.joined(separator: ", ")))"
                )
            }
            if let persona = route.match.persona, configuration.personas[persona] == nil {
                decoder.report(
                    .warning, at: line(path + ["match"]),
                    "route '\(route.name)' matches persona '\(persona)', which is not defined in [personas]")
            }
        }
        configuration.routes = routes
        let factory = ProviderEnvironment(configuration.environment)
        for (index, route) in routes.enumerated() {
            if let missing = Self.missingCredential(for: route.target.provider, in: factory) {
                decoder.report(
                    .warning, at: line(["routes", String(index)]),
                    "route '\(route.name)' uses \(route.target.provider) but \(missing) is not set: its turns will fail"
                )
            }
        }
    }

    private func applyModel(to configuration: inout EngineConfiguration) {
        let offline = decoder.decode(Bool.self, at: ["offline"]) ?? false
        if let model = decoder.decode(String.self, at: ["model"]) {
            if offline {
                decoder.report(.error, at: line(["offline"]), "give either model or offline = true, not both")
            }
            if model.contains(":") {
                do {
                    let target = try ModelTarget(parsing: model)
                    if !ProviderKind.all.contains(target.provider) {
                        decoder.report(
                            .error, at: line(["model"]),
                            "model '\(model)': unknown provider (known: \(ProviderKind.all.joined(separator: ", ")))")
                    }
                } catch {
                    decoder.report(.error, at: line(["model"]), "model: \(error.message)")
                }
            } else if !configuration.routes.contains(where: { $0.name == model }) {
                // It may be a route registered in the database (`mneme tune register`), which the file
                // cannot see: a warning, and the turn fails clearly if it is not there either.
                decoder.report(
                    .warning, at: line(["model"]),
                    "model '\(model)' is not provider:model nor a route of this file (routes: \(known(configuration.routes.map(\.name)))); it must be a route registered with `mneme tune register`"
                )
            }
            configuration.model = model
        } else if offline {
            configuration.model = "\(ProviderKind.offline):\(OfflineProvider.modelName)"
        }
    }

    // MARK: Helpers

    static func missingCredential(for provider: String, in environment: ProviderEnvironment) -> String? {
        switch provider {
        case ProviderKind.openAI: environment.openAIKey == nil ? "OPENAI_API_KEY" : nil
        case ProviderKind.anthropic:
            environment.anthropicKey == nil && environment.anthropicAuthToken == nil ? "ANTHROPIC_API_KEY" : nil
        case ProviderKind.gemini: environment.geminiKey == nil ? "GEMINI_API_KEY" : nil
        case ProviderKind.vertex: environment.vertexProject == nil ? "GOOGLE_CLOUD_PROJECT" : nil
        case ProviderKind.openAICompatible: environment.compatibleBaseURL == nil ? "OPENAI_COMPATIBLE_BASE_URL" : nil
        default: nil
        }
    }

    private func positive(_ value: Int, at path: [String]) -> Bool {
        guard value >= 0 else {
            decoder.report(
                .error, at: line(path), "'\(path.joined(separator: "."))' must not be negative (it is \(value))")
            return false
        }
        return true
    }

    private func line(_ path: [String]) -> Int {
        var prefix = path
        while !prefix.isEmpty {
            if let node = decoder.node(at: prefix), node.line > 0 { return node.line }
            prefix.removeLast()
        }
        return 0
    }

    private func known(_ names: some Sequence<String>) -> String {
        let sorted = names.sorted()
        return sorted.isEmpty ? "none" : sorted.joined(separator: ", ")
    }
}
