extension Vocabulary {
    /// O(n log n) merge for long pieces: parts form a doubly linked list over byte positions and
    /// candidate pairs sit in a binary min-heap keyed by `(rank << 32) | position`, so the pair popped
    /// first is the lowest rank and, on ties, the leftmost — exactly tiktoken's order. Stale heap
    /// entries are skipped lazily: an entry is valid while its part is alive and still has that pair rank
    /// (a part's pair only changes by growing, and a longer byte string has a different rank).
    func mergeLong<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, _ length: Int, into sink: inout Sink) {
        let next = UnsafeMutablePointer<Int32>.allocate(capacity: length)
        let previous = UnsafeMutablePointer<Int32>.allocate(capacity: length)
        let tokens = UnsafeMutablePointer<UInt32>.allocate(capacity: length)
        let pairRanks = UnsafeMutablePointer<UInt32>.allocate(capacity: length)
        var heap = MergeHeap(capacity: length)
        defer {
            next.deallocate()
            previous.deallocate()
            tokens.deallocate()
            pairRanks.deallocate()
            heap.deallocate()
        }
        let dead = UInt32.max
        for index in 0..<length {
            next[index] = Int32(index + 1)
            previous[index] = Int32(index - 1)
            tokens[index] = byteRanks[Int(piece[index])]
            let pair = index + 1 < length ? rank(piece + index, 2) : Vocabulary.noRank
            pairRanks[index] = pair
            if pair != Vocabulary.noRank { heap.push((UInt64(pair) << 32) | UInt64(index)) }
        }
        // End of the part after `part` (its successor's successor's start), or nil when it has no successor.
        func pairEnd(_ part: Int) -> Int? {
            let successor = Int(next[part])
            guard successor < length else { return nil }
            return Int(next[successor])
        }
        while let top = heap.pop() {
            let part = Int(top & 0xFFFF_FFFF)
            let pair = UInt32(top >> 32)
            if tokens[part] == dead || pairRanks[part] != pair { continue }
            let absorbed = Int(next[part])
            tokens[part] = pair
            tokens[absorbed] = dead
            next[part] = next[absorbed]
            if Int(next[part]) < length { previous[Int(next[part])] = Int32(part) }
            if let stop = pairEnd(part) {
                let newRank = rank(piece + part, stop - part)
                pairRanks[part] = newRank
                if newRank != Vocabulary.noRank { heap.push((UInt64(newRank) << 32) | UInt64(part)) }
            } else {
                pairRanks[part] = Vocabulary.noRank
            }
            let before = Int(previous[part])
            if before >= 0 {
                let stop = Int(next[part])
                let newRank = rank(piece + before, stop - before)
                pairRanks[before] = newRank
                if newRank != Vocabulary.noRank { heap.push((UInt64(newRank) << 32) | UInt64(before)) }
            }
        }
        var part = 0
        while part < length {
            sink.append(tokens[part])
            part = Int(next[part])
        }
    }
}

/// A binary min-heap of `UInt64` keys on a manually managed buffer.
struct MergeHeap {
    private var storage: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        storage = .allocate(capacity: self.capacity)
    }

    func deallocate() { storage.deallocate() }

    mutating func push(_ key: UInt64) {
        if count == capacity {
            let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = grown
            capacity *= 2
        }
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) / 2
            if storage[parent] <= key { break }
            storage[child] = storage[parent]
            child = parent
        }
        storage[child] = key
    }

    mutating func pop() -> UInt64? {
        guard count > 0 else { return nil }
        let top = storage[0]
        count -= 1
        if count > 0 {
            let last = storage[count]
            var parent = 0
            while true {
                var child = 2 * parent + 1
                if child >= count { break }
                if child + 1 < count && storage[child + 1] < storage[child] { child += 1 }
                if last <= storage[child] { break }
                storage[parent] = storage[child]
                parent = child
            }
            storage[parent] = last
        }
        return top
    }
}
