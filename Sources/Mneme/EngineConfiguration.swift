public import Foundation
public import MnemeContext
public import MnemeProviders

/// Everything an ``Engine`` needs, with defaults that work with nothing set: a database in the
/// working folder, the offline provider unless an API key is in the environment, the sample
/// persona, the default budget policy and memory extraction on.
///
/// ```swift
/// var configuration = EngineConfiguration()
/// configuration.databasePath = "/var/lib/chat/mneme.sqlite"
/// configuration.model = "openai:gpt-4o-mini"
/// let engine = try Engine(configuration: configuration)
/// ```
public struct EngineConfiguration: Sendable {
    /// The SQLite database file.
    public var databasePath: String
    /// The model to use when no route matches: `provider:model` or a route name; `nil` picks
    /// by the environment (OpenAI, Anthropic, Gemini keys, else the offline provider).
    public var model: String?
    /// Routes from a match (tenant, user attributes, persona) to a model.
    public var routes: [Route]
    /// Personas by id.
    public var personas: [String: Persona]
    /// The persona of new sessions.
    public var defaultPersona: String
    /// How the token budget is shared between sections.
    public var budget: BudgetPolicy
    /// Tokens kept free for the answer (capped by the model's output limit).
    public var reservedOutputTokens: Int
    /// Tokens kept free as a safety margin (estimated tokenizers get more; see ``Engine``).
    public var safetyMarginTokens: Int
    /// Whether explicit statements ("my name is…", "remember that…") become profile facts.
    public var extractMemory: Bool
    /// Which extractor runs when ``extractMemory`` is on: patterns only, or patterns and a language model
    /// after the reply.
    public var memoryExtractor: MemoryExtractor
    /// The model (`provider:model`) of the ``MemoryExtractor/llm`` extractor; `nil`: the model that answered
    /// the turn.
    public var memoryModel: String?
    /// How many document chunks are fetched as candidates per turn.
    public var documentCandidates: Int
    /// Whether document search uses pseudo-relevance feedback, which the store applies only on an
    /// index of at least 1,000 chunks (see docs/benchmarks.md, "Retrieval (issue 4)"). Turn it off
    /// for a large index searched with short fact questions if answers drift to related passages.
    public var documentFeedback: Bool
    /// How many best-matching older messages are recalled per turn, each with the rest of its turn (the
    /// question with its answer).
    public var recallCandidates: Int
    /// Whether recall also offers the turn just before each recalled turn (at half its score).
    public var recallNeighbors: Bool
    /// How many recent messages of the session are candidates.
    public var historyCandidates: Int
    /// Prices for cost reports.
    public var prices: PriceTable
    /// The environment provider keys and base URLs are read from (never stored).
    public var environment: [String: String]
    /// A delay between the offline provider's words, for demos (zero in tests;
    /// `MNEME_OFFLINE_DELAY_MS` sets it).
    public var offlineChunkDelay: Duration

    /// The configuration file this was read from, if any (see ``init(file:environment:)``).
    public var source: String?
    /// Settings of `mneme serve` from the file's `[server]` section.
    public var server: ServerSettings

    /// The configuration with defaults (see the type's description), then the `MNEME_*` variables of
    /// `environment` (`MNEME_DB`, `MNEME_MODEL`, `MNEME_OFFLINE_DELAY_MS`).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(environment: environment, applyingEnvironmentOverrides: true)
    }

    init(environment: [String: String], applyingEnvironmentOverrides: Bool) {
        self.environment = environment
        databasePath = "mneme.sqlite"
        model = nil
        routes = []
        personas = [Persona.assistant.id: .assistant]
        defaultPersona = Persona.assistant.id
        budget = .default
        reservedOutputTokens = 1024
        safetyMarginTokens = 64
        extractMemory = true
        memoryExtractor = .rules
        memoryModel = nil
        documentCandidates = 8
        documentFeedback = true
        recallCandidates = 8
        recallNeighbors = false
        historyCandidates = 60
        prices = PriceTable()
        offlineChunkDelay = .zero
        server = ServerSettings()
        if applyingEnvironmentOverrides { applyEnvironmentOverrides() }
    }

    /// `MNEME_DB`, `MNEME_MODEL` and `MNEME_OFFLINE_DELAY_MS` from ``environment``, over what is set.
    mutating func applyEnvironmentOverrides() {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        if let path = value("MNEME_DB") { databasePath = path }
        if let model = value("MNEME_MODEL") { self.model = model }
        if let delay = value("MNEME_OFFLINE_DELAY_MS").flatMap(Int.init) { offlineChunkDelay = .milliseconds(delay) }
    }
}

extension Persona {
    /// The default persona: a helpful company assistant that answers from the reference
    /// documents and cites them.
    public static let assistant = Persona(
        id: "assistant",
        template: """
            You are Lumen, the assistant of {{company|the company}}. Be brief and friendly. \
            Address the user as {{preferred_name|there}}. Answer from the reference documents when they \
            cover the question, cite them as [title › section], and say plainly when you do not know.
            """
    )
}
