/// The largest `capacity` scores seen, as a min-heap: ``minimum`` is the score a new row must
/// beat once the heap is full.
struct ScoreHeap {
    let capacity: Int
    private var scores: [Double] = []

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        scores.reserveCapacity(min(self.capacity, 4096))
    }

    /// Whether `capacity` scores are held (never true for a capacity of 0).
    var isFull: Bool { capacity > 0 && scores.count == capacity }

    /// The smallest score held (`-infinity` when empty).
    var minimum: Double { scores.first ?? -.infinity }

    /// Adds a score, dropping the smallest when full.
    mutating func insert(_ score: Double) {
        guard capacity > 0 else { return }
        if scores.count < capacity {
            scores.append(score)
            var child = scores.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                if scores[parent] <= scores[child] { break }
                scores.swapAt(parent, child)
                child = parent
            }
            return
        }
        guard score > scores[0] else { return }
        scores[0] = score
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < scores.count, scores[left] < scores[smallest] { smallest = left }
            if right < scores.count, scores[right] < scores[smallest] { smallest = right }
            if smallest == parent { break }
            scores.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
