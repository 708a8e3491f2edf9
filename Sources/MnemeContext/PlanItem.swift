#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One unit the allocator takes or drops as a whole: a fact, an example pair, a document chunk, a recalled
/// message, or a whole history turn (one or more user messages and their answers).
struct PlanItem {
    /// A trimmable text with its fixed overhead (label, per-message tokens) and the trace entry it belongs to.
    struct Piece {
        var text: String
        var textTokens: Int
        var overhead: Int
        var role: ChatRole
        var entry: Int

        var cost: Int { overhead + textTokens }
    }

    enum Kind {
        case fact(key: String)
        case example
        case document(source: String)
        /// A recalled turn: one line prefix per piece, and when its first message was written.
        case recall(prefixes: [String], time: Date?)
        case turn
    }

    var section: ContextSection
    /// 0 is the most valuable (history: the newest turn).
    var rank: Int
    var kind: Kind
    var pieces: [Piece]

    var cost: Int { pieces.reduce(0) { $0 + $1.cost } }

    /// Trace entries covered, in order, without repetition.
    var entries: [Int] {
        var result: [Int] = []
        for piece in pieces where result.last != piece.entry { result.append(piece.entry) }
        return result
    }

    /// The number of candidates it stands for (for `max_items`).
    var candidateCount: Int { entries.count }
}
