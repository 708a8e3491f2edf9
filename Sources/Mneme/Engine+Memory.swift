import Foundation
import Logging
import MnemeContext
import MnemeProviders
import MnemeStore

extension Engine {
    /// Waits for the work turns started after their replies (the model-based memory extractor,
    /// ``MemoryExtractor/llm``). Call it before the process exits, so that no extraction is cut short.
    public func waitForBackgroundWork() async {
        await background.wait()
    }

    /// The deterministic extractor, before the reply: stores and returns what it found.
    func extractWithRules(_ message: String, messageID: Int64, scope: UserScope) async throws -> [ExtractedFact] {
        let facts = FactExtractor().extract(from: message)
        for fact in facts {
            try await store.setFact(
                NewFact(
                    key: fact.key, value: fact.value, source: .extracted, messageID: messageID,
                    confidence: min(max(fact.confidence, 0), 1)),
                for: scope)
        }
        return facts
    }

    /// Starts the model-based extractor in the background when it is configured.
    func startModelExtraction(_ message: String, messageID: Int64, scope: UserScope, turnTarget: ModelTarget) {
        guard configuration.extractMemory, configuration.memoryExtractor == .llm else { return }
        let target = configuration.memoryModel.flatMap { try? ModelTarget(parsing: $0) } ?? turnTarget
        background.start { [self] in
            do {
                let stored = try await extractWithModel(message, messageID: messageID, scope: scope, target: target)
                logger.debug("memory extractor stored \(stored) fact(s)", metadata: ["model": "\(target)"])
            } catch {
                logger.warning(
                    "memory extraction failed; the turn is unaffected",
                    metadata: ["model": "\(target)", "error": "\(Self.describe(error))"])
            }
        }
    }

    /// Asks `target` for the facts in `message` as JSON and stores the clean ones; returns how many were stored.
    ///
    /// A fact never replaces one the user stated explicitly, nor a more confident one taken from the same
    /// message, nor the same value.
    @discardableResult
    func extractWithModel(_ message: String, messageID: Int64, scope: UserScope, target: ModelTarget) async throws
        -> Int
    {
        let current = try await store.facts(for: scope)
        let request = ChatRequest(
            model: target.model,
            system: ModelFactExtraction.instruction(existing: current.map { ($0.key, $0.value) }),
            messages: [ChatTurn(role: .user, text: message)], maxOutputTokens: 400, temperature: 0)
        let provider = try ProviderFactory(environment: environment, http: http).provider(for: target)
        let answer = try await provider.complete(request)
        let result = ModelFactExtraction.parse(answer.text, evidence: message)
        for problem in result.problems {
            logger.debug("memory extractor ignored part of the answer: \(problem)", metadata: ["model": "\(target)"])
        }
        var stored = 0
        for fact in result.facts {
            if let existing = current.first(where: { $0.key == fact.key }) {
                let sameMessage = existing.messageID == messageID && existing.confidence >= fact.confidence
                if existing.source == .userStated || sameMessage || existing.value == fact.value { continue }
            }
            try await store.setFact(
                NewFact(
                    key: fact.key, value: fact.value, source: .extracted, messageID: messageID,
                    confidence: fact.confidence),
                for: scope)
            stored += 1
        }
        return stored
    }
}
