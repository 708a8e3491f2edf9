public import MnemeProviders
public import MnemeStore

/// Runs held-out examples through each model, a few calls at a time, storing every output as it
/// arrives so that an interrupted evaluation resumes where it stopped; then scores them.
///
/// ```swift
/// let runner = EvalRunner(store: store, tenant: "acme", resolver: resolver, prices: prices)
/// let report = try await runner.run(try EvalDataset.load(path: "val.jsonl"), models: ["base", "tuned"])
/// print(report.table())
/// ```
///
/// A rerun over the same file (same bytes), models and judge continues the latest such run:
/// examples already answered are not sent again; failed ones are retried.
public struct EvalRunner: Sendable {
    /// Where runs and outputs are stored.
    public var store: Store
    /// The tenant the run belongs to.
    public var tenant: String
    /// Turns names into clients.
    public var resolver: ModelResolver
    /// Prices for the cost column.
    public var prices: PriceTable
    /// Calls in flight at most (all models together).
    public var concurrency: Int
    /// The output limit per call.
    public var maxOutputTokens: Int?
    /// The sampling temperature (default 0, for repeatable comparisons).
    public var temperature: Double?
    /// The optional judge.
    public var judge: EvalJudge?

    /// Creates a runner.
    public init(
        store: Store, tenant: String, resolver: ModelResolver, prices: PriceTable = PriceTable(), concurrency: Int = 4,
        maxOutputTokens: Int? = 512, temperature: Double? = 0, judge: EvalJudge? = nil
    ) {
        self.store = store
        self.tenant = tenant
        self.resolver = resolver
        self.prices = prices
        self.concurrency = max(1, concurrency)
        self.maxOutputTokens = maxOutputTokens
        self.temperature = temperature
        self.judge = judge
    }

    /// How far a run is.
    public struct Progress: Sendable, Hashable {
        /// Calls finished in this invocation.
        public var done: Int
        /// Calls this invocation has to make.
        public var total: Int
        /// Outputs taken from the store instead (resumed).
        public var reused: Int
        /// Calls that failed so far.
        public var failed: Int
    }

    /// Evaluates `models` on `dataset`.
    ///
    /// - Parameter fresh: start a new run instead of resuming the latest matching one.
    /// - Throws: ``TuningError`` when a model name does not resolve (before any call is made).
    public func run(
        _ dataset: EvalDataset, models: [String], fresh: Bool = false,
        progress: (@Sendable (Progress) -> Void)? = nil
    ) async throws -> EvalReport {
        let labels = models.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !labels.isEmpty, Set(labels).count == labels.count else {
            throw TuningError(.invalidInput, "--models needs one or more different names (got \(models)).")
        }
        var resolved: [String: ModelResolver.Resolved] = [:]
        for label in labels { resolved[label] = try resolver.resolve(label) }
        let tenantID = try await store.ensureTenant(tenant).id
        let judgeLabel = judge.map { "\($0.model.label)=\($0.model.target)" }
        var run =
            fresh
            ? nil
            : try await store.latestEvalRun(
                dataHash: dataset.contentHash, models: labels, judge: judgeLabel, tenantID: tenantID)
        if run == nil {
            run = try await store.createEvalRun(
                tenantID: tenantID, dataPath: dataset.path, dataHash: dataset.contentHash, models: labels,
                judge: judgeLabel, exampleCount: dataset.examples.count)
        }
        let runID = run!.id
        var existing: [String: EvalOutputRecord] = [:]
        for output in try await store.evalOutputs(runID: runID, tenantID: tenantID) {
            existing["\(output.model)#\(output.exampleIndex)"] = output
        }
        var pending: [(label: String, example: EvalExample, previous: EvalOutputRecord?)] = []
        for label in labels {
            for example in dataset.examples {
                let previous = existing["\(label)#\(example.index)"]
                let needsJudging = judge != nil && previous?.judgeScore == nil
                if previous?.succeeded != true || needsJudging { pending.append((label, example, previous)) }
            }
        }
        var state = Progress(
            done: 0, total: pending.count, reused: labels.count * dataset.examples.count - pending.count,
            failed: 0)
        progress?(state)
        try await withThrowingTaskGroup(of: EvalOutputRecord.self) { group in
            var queue = pending.makeIterator()
            func schedule() {
                guard !Task.isCancelled, let next = queue.next() else { return }
                let model = resolved[next.label]!
                group.addTask {
                    try await evaluate(
                        next.example, model: model, previous: next.previous?.succeeded == true ? next.previous : nil)
                }
            }
            for _ in 0..<concurrency { schedule() }
            while let output = try await group.next() {
                try await store.saveEvalOutput(output, runID: runID, tenantID: tenantID)
                state.done += 1
                if !output.succeeded { state.failed += 1 }
                progress?(state)
                schedule()
            }
        }
        let outputs = try await store.evalOutputs(runID: runID, tenantID: tenantID)
        return EvalReport(
            runID: runID, dataset: dataset, models: labels.map { (label: $0, target: resolved[$0]!.target) },
            outputs: outputs, judge: judge, reused: state.reused)
    }

    /// One call (or only the judging of an earlier successful output).
    func evaluate(_ example: EvalExample, model: ModelResolver.Resolved, previous: EvalOutputRecord?) async throws
        -> EvalOutputRecord
    {
        var output: EvalOutputRecord
        if let previous {
            output = previous
        } else {
            let request = ChatRequest(
                model: model.target.model, system: example.system, messages: example.turns,
                maxOutputTokens: maxOutputTokens, temperature: temperature)
            let clock = ContinuousClock()
            let started = clock.now
            do {
                let response = try await model.provider.complete(request)
                let elapsed = clock.now - started
                let usage = response.usage
                output = EvalOutputRecord(
                    model: model.label, exampleIndex: example.index, target: model.target.description,
                    output: response.text, succeeded: true,
                    error: response.finishReason == .contentFilter ? "content filtered" : nil,
                    promptTokens: usage?.promptTokens, completionTokens: usage?.completionTokens,
                    latencyMilliseconds: Int(elapsed.components.seconds * 1000)
                        + Int(elapsed.components.attoseconds / 1_000_000_000_000_000),
                    cost: usage.flatMap { prices.cost(usage: $0, model: model.target.model) })
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                return EvalOutputRecord(
                    model: model.label, exampleIndex: example.index, target: model.target.description, output: "",
                    succeeded: false, error: String(describing: error))
            }
        }
        if let judge {
            let question = example.turns.last { $0.role == .user }?.text ?? ""
            do {
                let verdict = try await judge.grade(
                    question: question, reference: example.reference, answer: output.output)
                output.judgeScore = verdict.score
                output.judgeReason = verdict.reason
            } catch {
                output.judgeScore = nil
                output.judgeReason = "judge failed: \(error)"
            }
        }
        return output
    }
}
