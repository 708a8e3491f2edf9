public import MnemeStore

/// Exports training examples from the store: a tenant's conversations (through
/// ``ConversationExporter``), or its few-shot examples.
///
/// ```swift
/// let report = try await TrainingExport.conversations(
///     store: store, tenant: "acme", filter: ConversationFilter(persona: "assistant"),
///     exporter: ConversationExporter(options: ExportOptions(scrub: true))
/// ) { example in
///     lines += DatasetCodec.lines(example, as: .openAI)
/// }
/// ```
public enum TrainingExport {
    /// Reads the tenant's matching conversations a page at a time and passes each example to `body`.
    ///
    /// With scrubbing on, each conversation's user's current profile facts are read (scoped to that
    /// user) and replaced.
    public static func conversations(
        store: Store,
        tenant: String,
        filter: ConversationFilter,
        exporter: ConversationExporter,
        body: (TrainingExample) throws -> Void
    ) async throws -> ExportReport {
        var report = ExportReport()
        var after: Int64?
        var profiles: [Int64: [String: String]] = [:]
        while true {
            let page = try await store.conversations(tenant: tenant, filter: filter, after: after, limit: 200)
            guard let last = page.last else { break }
            after = last.session.id
            for conversation in page {
                var profile: [String: String] = [:]
                if exporter.options.scrub {
                    if let cached = profiles[conversation.user.id] {
                        profile = cached
                    } else {
                        let facts = try await store.facts(for: conversation.user.scope)
                        profile = Dictionary(facts.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
                        profiles[conversation.user.id] = profile
                    }
                }
                let (example, counts) = exporter.example(from: conversation, profile: profile)
                report.add(counts)
                if let example { try body(example) }
            }
        }
        return report
    }

    /// The tenant's few-shot examples (of one persona, or all) as single-turn examples, each with
    /// the system instruction of its persona (`systemPrompt` gets `nil` for examples shared by
    /// every persona).
    public static func fewShotExamples(
        store: Store,
        tenant: String,
        persona: String?,
        systemPrompt: (String?) -> String?
    ) async throws -> [TrainingExample] {
        try await store.allExamples(tenant: tenant, persona: persona).map { stored in
            TrainingExample(
                system: systemPrompt(stored.persona.isEmpty ? nil : stored.persona),
                messages: [.user(stored.input), .assistant(stored.output)])
        }
    }
}
