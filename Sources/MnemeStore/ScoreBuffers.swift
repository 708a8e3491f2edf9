import Synchronization

/// Zeroed accumulators for ``ImpactRanking``, kept between searches: a search over 100,000
/// rows needs 400 KB, which `malloc` would map, fault in and zero page by page on every query.
/// A search takes a buffer, sets back to zero the slots it touched, and gives it back.
enum ScoreBuffers {
    /// Buffers longer than this (4 MB) are not kept.
    static let largest = 1 << 20
    /// The most buffers kept (one per search running at once).
    static let kept = 8

    private static let free = Mutex<[[Float]]>([])

    /// A buffer of at least `count` zeros.
    static func take(count: Int) -> [Float] {
        let reused = free.withLock { buffers -> [Float]? in
            guard let index = buffers.firstIndex(where: { $0.count >= count }) else { return nil }
            return buffers.remove(at: index)
        }
        return reused ?? [Float](repeating: 0, count: count)
    }

    /// Keeps `buffer` for later searches; every element must be zero again.
    static func give(_ buffer: [Float]) {
        guard buffer.count <= largest else { return }
        free.withLock { buffers in
            if buffers.count < kept {
                buffers.append(buffer)
            } else if let smallest = buffers.indices.min(by: { buffers[$0].count < buffers[$1].count }),
                buffers[smallest].count < buffer.count
            {
                buffers[smallest] = buffer
            }
        }
    }
}
