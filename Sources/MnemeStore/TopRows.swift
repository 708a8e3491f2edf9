/// The `capacity` best (score, row) pairs seen, as a min-heap ordered by score, then by row
/// descending (so that among equal scores the lowest rows stay): ``minimum`` is the score a new
/// row must beat once the heap is full. Used by ``ImpactRanking`` and, for pruning, by
/// ``RankFunction``.
struct TopRows {
    let capacity: Int
    private var entries: [(row: Int64, score: Double)] = []

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        entries.reserveCapacity(min(self.capacity, 4096))
    }

    /// Whether `capacity` entries are held (never for a capacity of 0).
    var isFull: Bool { capacity > 0 && entries.count == capacity }

    /// The lowest score held (`-infinity` when empty).
    var minimum: Double { entries.first?.score ?? -.infinity }

    /// Whether `a` ranks below `b`.
    private static func below(_ a: (row: Int64, score: Double), _ b: (row: Int64, score: Double)) -> Bool {
        a.score != b.score ? a.score < b.score : a.row > b.row
    }

    /// Adds an entry, dropping the lowest when full.
    mutating func insert(row: Int64, score: Double) {
        guard capacity > 0 else { return }
        let entry = (row: row, score: score)
        if entries.count < capacity {
            entries.append(entry)
            var child = entries.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.below(entries[child], entries[parent]) else { break }
                entries.swapAt(parent, child)
                child = parent
            }
            return
        }
        guard Self.below(entries[0], entry) else { return }
        entries[0] = entry
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var lowest = parent
            if left < entries.count, Self.below(entries[left], entries[lowest]) { lowest = left }
            if right < entries.count, Self.below(entries[right], entries[lowest]) { lowest = right }
            if lowest == parent { break }
            entries.swapAt(parent, lowest)
            parent = lowest
        }
    }

    /// The entries, best first.
    func sorted() -> [(row: Int64, score: Double)] {
        entries.sorted { Self.below($1, $0) }
    }
}
