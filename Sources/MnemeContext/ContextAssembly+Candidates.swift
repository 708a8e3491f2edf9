#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Filtering, ordering and costing of the candidates of each optional section.
extension ContextAssembly {
    func scoreOrder(_ lhs: (Double?, Int), _ rhs: (Double?, Int)) -> Bool {
        switch (lhs.0, rhs.0) {
        case (let left?, let right?) where left != right: left > right
        case (.some, nil): true
        case (nil, .some): false
        default: lhs.1 < rhs.1
        }
    }

    func isBelowScore(_ score: Double?, _ section: ContextSection) -> Bool {
        guard let minimum = policy[section]?.minScore, let score else { return false }
        return score < minimum
    }

    func belowDetail(_ score: Double?, _ section: ContextSection) -> String {
        "score \(score ?? 0) is below min_score \(policy[section]?.minScore ?? 0)"
    }

    /// A duplicate key: ASCII letters lower-cased and whitespace runs collapsed (non-ASCII text must match
    /// exactly), hashed with FNV-1a; equal hashes are confirmed by comparing the normalized bytes.
    static func normalized(_ text: String) -> DuplicateKey {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var empty = true
        DuplicateKey.forEachNormalizedByte(of: text) { byte in
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
            empty = false
        }
        return DuplicateKey(text: text, hash: hash, isEmpty: empty)
    }

    /// True when the text has no non-whitespace character.
    static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 where !(byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D) {
            return byte < 0x80 ? false : text.trimmingWhitespace().isEmpty
        }
        return true
    }

    // MARK: - Facts

    mutating func prepareFacts() {
        // A newer fact on the same key wins (the store normally guarantees one fact per key).
        var newest: [String: Int] = [:]
        for (index, fact) in input.facts.enumerated() {
            if let other = newest[fact.key] {
                let current = input.facts[other]
                if (fact.updatedAt ?? .distantPast) > (current.updatedAt ?? .distantPast) { newest[fact.key] = index }
            } else {
                newest[fact.key] = index
            }
        }
        var items: [(PlanItem, Double?, Int)] = []
        for (index, fact) in input.facts.enumerated() {
            let prefix = PromptLayout.factLinePrefix(key: fact.key)
            let value = Persona.sanitize(fact.value)
            let textTokens = fact.tokens ?? counter(value)
            let overhead = counter(prefix) + 1
            let source = TraceSource(messageId: fact.sourceMessageId, createdAt: fact.updatedAt, factKey: fact.key)
            let reason: TraceReason
            var duplicateOf: String?
            var detail: String?
            if newest[fact.key] != index {
                reason = .duplicate
                duplicateOf = input.facts[newest[fact.key]!].id
                detail = "a newer fact has the same key"
            } else if value.isEmpty {
                reason = .empty
            } else if isBelowScore(fact.score, .facts) {
                reason = .belowScore
                detail = belowDetail(fact.score, .facts)
            } else {
                reason = .overBudget
            }
            let entry = addEntry(
                id: fact.id, section: .facts, reason: reason, tokens: overhead + textTokens, score: fact.score,
                duplicateOf: duplicateOf, detail: detail, source: source)
            guard reason == .overBudget else { continue }
            let piece = PlanItem.Piece(
                text: value, textTokens: textTokens, overhead: overhead, role: .user, entry: entry)
            items.append(
                (PlanItem(section: .facts, rank: 0, kind: .fact(key: fact.key), pieces: [piece]), fact.score, index))
        }
        items.sort { scoreOrder(($0.1, $0.2), ($1.1, $1.2)) }
        pending[.facts] = ranked(items.map(\.0))
    }

    // MARK: - Examples

    mutating func prepareExamples() {
        let inMessages = policy.examplePlacement == .messages
        var seen: [DuplicateKey: String] = [:]
        var items: [(PlanItem, Bool, Double?, Int)] = []
        for (index, example) in input.examples.enumerated() {
            let overheads: [Int] =
                inMessages
                ? [limits.tokensPerMessage + userRoleTokens, limits.tokensPerMessage + assistantRoleTokens]
                : [
                    counter(PromptLayout.exampleLinePrefix(.user)) + 1,
                    counter(PromptLayout.exampleLinePrefix(.assistant)) + 2,
                ]
            let inputTokens = counter(example.input)
            let outputTokens = counter(example.output)
            let tokens = overheads[0] + overheads[1] + inputTokens + outputTokens
            let key = Self.normalized(example.input + "\u{0}" + example.output)
            var reason = TraceReason.overBudget
            var duplicateOf: String?
            var detail: String?
            if Self.isBlank(example.input) || Self.isBlank(example.output) {
                reason = .empty
            } else if let first = seen[key] {
                reason = .duplicate
                duplicateOf = first
            } else if !example.pinned && isBelowScore(example.score, .examples) {
                reason = .belowScore
                detail = belowDetail(example.score, .examples)
            }
            if reason == .overBudget { seen[key] = example.id }
            let entry = addEntry(
                id: example.id, section: .examples, reason: reason, tokens: tokens, score: example.score,
                pinned: example.pinned, duplicateOf: duplicateOf, detail: detail)
            guard reason == .overBudget else { continue }
            let pieces = [
                PlanItem.Piece(
                    text: example.input, textTokens: inputTokens, overhead: overheads[0], role: .user, entry: entry),
                PlanItem.Piece(
                    text: example.output, textTokens: outputTokens, overhead: overheads[1], role: .assistant,
                    entry: entry),
            ]
            items.append(
                (
                    PlanItem(section: .examples, rank: 0, kind: .example, pieces: pieces), example.pinned,
                    example.score, index
                ))
        }
        items.sort { lhs, rhs in
            if lhs.1 != rhs.1 { return lhs.1 }
            if lhs.1 { return lhs.3 < rhs.3 }
            return scoreOrder((lhs.2, lhs.3), (rhs.2, rhs.3))
        }
        pending[.examples] = ranked(items.map(\.0))
    }

    // MARK: - Documents

    mutating func prepareDocuments() {
        let order = input.documents.indices.sorted {
            scoreOrder((input.documents[$0].score, $0), (input.documents[$1].score, $1))
        }
        var entryOf = [Int](repeating: 0, count: input.documents.count)
        var seen: [DuplicateKey: String] = [:]
        var items: [PlanItem] = []
        // Decide in score order (so the better-scored copy of a duplicate survives), record in input order.
        var decisions: [Int: (TraceReason, String?, String?, PlanItem.Piece?)] = [:]
        for index in order {
            let document = input.documents[index]
            let text = PromptLayout.neutralize(document.text)
            let source = document.sourceLabel
            let overhead =
                counter(PromptLayout.documentOpening(index: items.count + 1, source: source))
                + counter(PromptLayout.documentClosing()) + 2
            let textTokens = document.tokens ?? counter(text)
            var reason = TraceReason.overBudget
            var duplicateOf: String?
            var detail: String?
            let key = Self.normalized(document.text)
            if !document.isVisible {
                reason = .notVisible
            } else if key.isEmpty {
                reason = .empty
            } else if let first = seen[key] {
                reason = .duplicate
                duplicateOf = first
                detail = "same text as a better-scored chunk"
            } else if isBelowScore(document.score, .documents) {
                reason = .belowScore
                detail = belowDetail(document.score, .documents)
            }
            if reason == .overBudget { seen[key] = document.id }
            let piece = PlanItem.Piece(text: text, textTokens: textTokens, overhead: overhead, role: .user, entry: 0)
            decisions[index] = (reason, duplicateOf, detail, reason == .overBudget ? piece : nil)
            if reason == .overBudget {
                items.append(
                    PlanItem(section: .documents, rank: items.count, kind: .document(source: source), pieces: [piece]))
            }
        }
        for (index, document) in input.documents.enumerated() {
            let (reason, duplicateOf, detail, piece) = decisions[index]!
            entryOf[index] = addEntry(
                id: document.id, section: .documents, reason: reason,
                tokens: piece?.cost ?? (document.tokens ?? counter(document.text)), score: document.score,
                duplicateOf: duplicateOf, detail: detail,
                source: TraceSource(
                    chunkId: document.chunkId, documentURI: document.documentURI, title: document.title,
                    headingPath: document.headingPath))
        }
        // Point the pieces at their entries (items are in score order).
        let planned = order.filter { decisions[$0]!.3 != nil }
        for (position, index) in planned.enumerated() { items[position].pieces[0].entry = entryOf[index] }
        pending[.documents] = items
    }

    // MARK: - History

    mutating func prepareHistory() {
        var valid: [PlanItem.Piece] = []
        for message in input.history {
            let overhead = limits.tokensPerMessage + roleTokens(message.role)
            let textTokens = message.tokens ?? counter(message.text)
            var reason = TraceReason.overBudget
            var duplicateOf: String?
            if let current = input.userMessageId, message.messageId == current {
                reason = .duplicate
                duplicateOf = "user_message"
            } else if Self.isBlank(message.text) {
                reason = .empty
            }
            let entry = addEntry(
                id: message.id, section: .history, reason: reason, tokens: overhead + textTokens,
                duplicateOf: duplicateOf,
                detail: reason == .duplicate ? "this is the current user message" : nil,
                source: TraceSource(
                    messageId: message.messageId, externalId: message.externalId, sessionId: message.sessionId,
                    createdAt: message.createdAt, role: message.role, speaker: message.speaker))
            if reason == .overBudget {
                valid.append(
                    PlanItem.Piece(
                        text: message.text, textTokens: textTokens, overhead: overhead, role: message.role,
                        entry: entry))
            }
        }
        // Whole turns: one or more user messages followed by one or more answers.
        var turns: [[PlanItem.Piece]] = []
        var current: [PlanItem.Piece] = []
        var answered = false
        for piece in valid {
            if piece.role == .user {
                if answered {
                    turns.append(current)
                    current = []
                    answered = false
                }
                current.append(piece)
            } else if current.isEmpty {
                entries[piece.entry].reason = .incompleteTurn
                entries[piece.entry].detail = "an answer whose question is outside the history window"
            } else {
                current.append(piece)
                answered = true
            }
        }
        if answered {
            turns.append(current)
        } else {
            for piece in current {
                entries[piece.entry].reason = .incompleteTurn
                entries[piece.entry].detail = "a user message without an answer"
            }
        }
        pending[.history] = turns.reversed().enumerated().map { rank, pieces in
            PlanItem(section: .history, rank: rank, kind: .turn, pieces: pieces)
        }
    }

    func ranked(_ items: [PlanItem]) -> [PlanItem] {
        items.enumerated().map { rank, item in
            var item = item
            item.rank = rank
            return item
        }
    }
}
