public import MnemeStore

/// Imports a training file's examples into the store's few-shot examples of a persona.
///
/// Each trained reply becomes one example: the user text before it as the input, the reply as the
/// output (``TrainingExample/trainedPairs``). Pairs the persona already has (same input and
/// output) are not stored twice, so importing a file again adds nothing. The system instructions
/// found are returned, for the caller to keep as the persona's prompt.
///
/// ```swift
/// let decoded = DatasetCodec.decode(text, as: .openAI)
/// let summary = try await ExampleImport.run(decoded.records, into: store, tenant: "acme", persona: "support")
/// ```
public enum ExampleImport {
    /// What an import stored and found.
    public struct Summary: Hashable, Sendable {
        /// Examples stored.
        public var imported = 0
        /// Pairs the persona already had (or that appeared earlier in the file).
        public var duplicates = 0
        /// Replies weighted 0 (context only), not imported.
        public var untrainedReplies = 0
        /// The distinct system instructions of the file, in order of first appearance.
        public var systemPrompts: [String] = []

        /// An empty summary.
        public init() {}
    }

    /// Stores the examples of `records` for `persona` of `tenant`.
    public static func run(_ records: [DatasetRecord], into store: Store, tenant: String, persona: String) async throws
        -> Summary
    {
        var summary = Summary()
        var known = Set(
            try await store.allExamples(tenant: tenant, persona: persona).map {
                Pair(input: $0.input, output: $0.output)
            })
        for record in records {
            let example = record.example
            if let system = example.system, !summary.systemPrompts.contains(system) {
                summary.systemPrompts.append(system)
            }
            summary.untrainedReplies += example.messages.filter { $0.role == .assistant && !$0.isTrained }.count
            for (input, output) in example.trainedPairs {
                guard known.insert(Pair(input: input, output: output)).inserted else {
                    summary.duplicates += 1
                    continue
                }
                try await store.addExample(tenant: tenant, persona: persona, input: input, output: output)
                summary.imported += 1
            }
        }
        return summary
    }

    private struct Pair: Hashable {
        let input: String
        let output: String
    }
}
