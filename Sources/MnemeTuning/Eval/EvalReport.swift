import Foundation
public import MnemeProviders
public import MnemeStore

/// The result of an evaluation: per model, the mean metrics over the examples it answered, and
/// per example the scores (Codable: `mneme eval --json` prints it).
public struct EvalReport: Sendable, Codable {
    /// One model's summary.
    public struct ModelSummary: Sendable, Codable, Hashable {
        /// The name as given (`base`, `tuned`, a route, `provider:model`).
        public var label: String
        /// What it resolved to.
        public var target: String
        /// Examples answered.
        public var answered: Int
        /// Examples whose call failed.
        public var failed: Int
        /// Share of exact matches (0…1) over answered examples.
        public var exactMatch: Double
        /// Mean token F1.
        public var tokenF1: Double
        /// Mean ROUGE-L F1.
        public var rougeL: Double
        /// Mean words per output.
        public var meanOutputWords: Double
        /// Share of outputs that look like refusals.
        public var refusalRate: Double
        /// Latency: mean, median and 95th percentile (nearest rank), in milliseconds.
        public var latencyMeanMs: Double
        public var latencyP50Ms: Int
        public var latencyP95Ms: Int
        /// Tokens as reported by the provider, summed.
        public var promptTokens: Int
        public var completionTokens: Int
        /// USD, summed; `nil` if the model has no price in the table.
        public var costUSD: Double?
        /// Mean judge score (1…5) and how many outputs were judged, when judging.
        public var judgeMean: Double?
        public var judged: Int
    }

    /// One output's scores.
    public struct ExampleScore: Sendable, Codable, Hashable {
        public var index: Int
        public var model: String
        public var succeeded: Bool
        public var exactMatch: Bool
        public var tokenF1: Double
        public var rougeL: Double
        public var refusal: Bool
        public var outputWords: Int
        public var latencyMs: Int?
        public var judgeScore: Double?
        public var judgeReason: String?
        public var output: String
        public var error: String?
    }

    /// The stored run.
    public var runID: Int64
    /// The data file.
    public var dataPath: String
    /// Examples in it.
    public var examples: Int
    /// Mean words per reference answer (to compare output lengths with).
    public var meanReferenceWords: Double
    /// Outputs reused from an earlier, interrupted invocation.
    public var reused: Int
    /// The judge model and its rubric, when judging.
    public var judge: String?
    public var rubric: String?
    /// The models, in the order given.
    public var models: [ModelSummary]
    /// Every output's scores.
    public var scores: [ExampleScore]

    /// Scores `outputs` against the references of `dataset`.
    public init(
        runID: Int64, dataset: EvalDataset, models: [(label: String, target: ModelTarget)],
        outputs: [EvalOutputRecord], judge: EvalJudge?, reused: Int
    ) {
        self.runID = runID
        dataPath = dataset.path
        examples = dataset.examples.count
        self.reused = reused
        self.judge = judge.map { $0.model.target.description }
        rubric = judge?.rubric
        let references = Dictionary(uniqueKeysWithValues: dataset.examples.map { ($0.index, $0.reference) })
        meanReferenceWords = Self.mean(dataset.examples.map { Double(TextMetrics.wordCount($0.reference)) })
        scores = outputs.compactMap { output in
            guard let reference = references[output.exampleIndex] else { return nil }
            return ExampleScore(
                index: output.exampleIndex, model: output.model, succeeded: output.succeeded,
                exactMatch: output.succeeded && TextMetrics.exactMatch(output.output, reference),
                tokenF1: output.succeeded ? TextMetrics.tokenF1(output.output, reference) : 0,
                rougeL: output.succeeded ? TextMetrics.rougeL(output.output, reference) : 0,
                refusal: output.succeeded
                    && (TextMetrics.isRefusal(output.output) || output.error == "content filtered"),
                outputWords: TextMetrics.wordCount(output.output), latencyMs: output.latencyMilliseconds,
                judgeScore: output.judgeScore, judgeReason: output.judgeReason, output: output.output,
                error: output.error)
        }
        let scores = scores
        self.models = models.map { model in
            let mine = outputs.filter { $0.model == model.label && references[$0.exampleIndex] != nil }
            let answered = mine.filter(\.succeeded)
            let scored = scores.filter { $0.model == model.label && $0.succeeded }
            let latencies = answered.compactMap(\.latencyMilliseconds).sorted()
            let judged = answered.compactMap(\.judgeScore)
            let costs = answered.map(\.cost)
            return ModelSummary(
                label: model.label, target: model.target.description, answered: answered.count,
                failed: mine.count - answered.count,
                exactMatch: Self.mean(scored.map { $0.exactMatch ? 1 : 0 }), tokenF1: Self.mean(scored.map(\.tokenF1)),
                rougeL: Self.mean(scored.map(\.rougeL)),
                meanOutputWords: Self.mean(scored.map { Double($0.outputWords) }),
                refusalRate: Self.mean(scored.map { $0.refusal ? 1 : 0 }),
                latencyMeanMs: Self.mean(latencies.map(Double.init)),
                latencyP50Ms: Self.percentile(latencies, 0.5), latencyP95Ms: Self.percentile(latencies, 0.95),
                promptTokens: answered.compactMap(\.promptTokens).reduce(0, +),
                completionTokens: answered.compactMap(\.completionTokens).reduce(0, +),
                costUSD: costs.isEmpty || costs.contains(nil) ? nil : costs.compactMap { $0 }.reduce(0, +),
                judgeMean: judged.isEmpty ? nil : Self.mean(judged), judged: judged.count)
        }
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Nearest-rank percentile of sorted values (0 for none).
    static func percentile(_ sorted: [Int], _ fraction: Double) -> Int {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The report as pretty-printed JSON (sorted keys).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
