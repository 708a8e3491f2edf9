/// Turns gathered by ``Store/recall(_:for:)``: merged by their first message, scored by their best match.
struct RecalledTurns {
    let excluding: Set<Int64>
    private var order: [Int64] = []
    private var turns: [Int64: (members: [Message], score: Double, matched: Set<Int64>)] = [:]
    private var owner: [Int64: Int64] = [:]

    init(excluding: Set<Int64>) {
        self.excluding = excluding
    }

    mutating func add(_ members: [Message], matched: Int64?, score: Double) {
        let kept = members.filter { !excluding.contains($0.id) }
        guard let first = kept.first else { return }
        // A message already placed in another turn keeps its place; that turn takes the better score.
        if let existing = kept.compactMap({ owner[$0.id] }).first {
            if let matched { turns[existing]?.matched.insert(matched) }
            let previous = turns[existing]?.score ?? 0
            turns[existing]?.score = max(previous, score)
            return
        }
        let key = first.id
        order.append(key)
        turns[key] = (kept, score, matched.map { [$0] } ?? [])
        for member in kept { owner[member.id] = key }
    }

    func result() -> [RecalledMessage] {
        let ranked = order.enumerated().sorted { lhs, rhs in
            let left = turns[lhs.element]!.score
            let right = turns[rhs.element]!.score
            return left != right ? left > right : lhs.offset < rhs.offset
        }
        return ranked.flatMap { _, key -> [RecalledMessage] in
            let turn = turns[key]!
            return turn.members.map {
                RecalledMessage(message: $0, score: turn.score, turn: key, matched: turn.matched.contains($0.id))
            }
        }
    }
}
