#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Recalled messages: per-message filtering, turns, near-duplicate turns.
extension ContextAssembly {
    /// Per message: not visible, empty, already in the history (same id or same text), below the minimum
    /// score. Then per turn (candidates sharing a turn id), best first: a turn whose every message repeats a
    /// message of a better-ranked turn (the same words, give or take a fifth) is a duplicate as a whole; a turn
    /// that adds anything is kept whole, so an answer never loses its question.
    mutating func prepareRecall() {
        var historyIds: [String: String] = Dictionary(
            input.history.map { ($0.messageId, $0.id) }, uniquingKeysWith: { first, _ in first })
        if let current = input.userMessageId { historyIds[current] = "user_message" }
        var historyTexts: [DuplicateKey: String] = [:]
        for message in input.history {
            let key = Self.normalized(message.text)
            if historyTexts[key] == nil { historyTexts[key] = message.id }
        }
        let order = input.recall.indices.sorted {
            scoreOrder((input.recall[$0].score, $0), (input.recall[$1].score, $1))
        }
        var seenIds: [String: String] = [:]
        var decisions = [RecallDecision](repeating: RecallDecision(), count: input.recall.count)
        for index in order {
            let message = input.recall[index]
            var decision = RecallDecision()
            if !message.isVisible {
                decision.reason = .notVisible
            } else if Self.isBlank(message.text) {
                decision.reason = .empty
            } else if let historyId = historyIds[message.messageId] {
                decision = RecallDecision(.duplicate, of: historyId, "already in the recent history")
            } else if let historyId = historyTexts[Self.normalized(message.text)] {
                decision = RecallDecision(.duplicate, of: historyId, "same text as a message in the recent history")
            } else if let first = seenIds[message.messageId] {
                decision = RecallDecision(.duplicate, of: first, nil)
            } else if isBelowScore(message.score, .recall) {
                decision = RecallDecision(.belowScore, of: nil, belowDetail(message.score, .recall))
            }
            if decision.reason == .overBudget { seenIds[message.messageId] = message.id }
            decisions[index] = decision
        }
        // Turns in rank order, members in the order they were written.
        var groups: [String: [Int]] = [:]
        var groupOrder: [String] = []
        for index in order where decisions[index].reason == .overBudget {
            let key = input.recall[index].turnId ?? "message:\(input.recall[index].id)"
            if groups[key] == nil { groupOrder.append(key) }
            groups[key, default: []].append(index)
        }
        var kept: [(WordSet, String)] = []
        var turns: [[Int]] = []
        for key in groupOrder {
            let members = groups[key]!.sorted { lhs, rhs in
                let left = input.recall[lhs].createdAt ?? .distantPast
                let right = input.recall[rhs].createdAt ?? .distantPast
                return left != right ? left < right : lhs < rhs
            }
            let words = members.map { WordSet(input.recall[$0].text) }
            let originals = words.map { set in kept.first { $0.0.isNearDuplicate(of: set) }?.1 }
            if originals.allSatisfy({ $0 != nil }) {
                for (member, original) in zip(members, originals) {
                    decisions[member] = RecallDecision(
                        .duplicate, of: original, "repeats a better-ranked recalled turn")
                }
                continue
            }
            kept += zip(words, members.map { input.recall[$0].id })
            turns.append(members)
        }
        var entryOf = [Int](repeating: 0, count: input.recall.count)
        var pieces: [Int: PlanItem.Piece] = [:]
        for (index, message) in input.recall.enumerated() {
            let decision = decisions[index]
            var piece: PlanItem.Piece?
            if decision.reason == .overBudget {
                piece = PlanItem.Piece(
                    text: message.text, textTokens: message.tokens ?? counter(message.text),
                    overhead: counter(recallPrefix(message)) + 1, role: message.role, entry: 0)
            }
            entryOf[index] = addEntry(
                id: message.id, section: .recall, reason: decision.reason,
                tokens: piece?.cost ?? (message.tokens ?? counter(message.text)), score: message.score,
                duplicateOf: decision.duplicateOf, detail: decision.detail,
                source: TraceSource(
                    messageId: message.messageId, externalId: message.externalId, sessionId: message.sessionId,
                    createdAt: message.createdAt, role: message.role, speaker: message.speaker))
            piece?.entry = entryOf[index]
            pieces[index] = piece
        }
        pending[.recall] = ranked(
            turns.map { members in
                PlanItem(
                    section: .recall, rank: 0,
                    kind: .recall(
                        prefixes: members.map { recallPrefix(input.recall[$0]) },
                        time: members.compactMap { input.recall[$0].createdAt }.min()),
                    pieces: members.map { pieces[$0]! })
            })
    }

    func recallPrefix(_ message: RecallCandidate) -> String {
        PromptLayout.recallLinePrefix(createdAt: message.createdAt, role: message.role, speaker: message.speaker)
    }
}
