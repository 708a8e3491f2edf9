/// One term's posting list in memory: every row of the chunk index that holds the term, with
/// the term's BM25 impact in that row — its score before the query's weight (idf × query
/// weight), i.e. `f × (k1 + 1) / (f + k1 × (1 − b + b × length / average length))` with `f`
/// the column-weighted frequency. Rows are kept in order, as offsets from the first: 8 bytes a
/// posting.
struct ImpactList: Sendable {
    /// The first row.
    let base: Int64
    /// Each row minus ``base``, ascending.
    let offsets: [UInt32]
    /// The impact in each row.
    let impacts: [Float]

    /// A list from postings in any order (a row given twice keeps its last impact); `nil` when
    /// the rows span more than 2³² (they never do for the ids SQLite assigns in practice).
    init?(_ postings: [(row: Int64, impact: Double)]) {
        let sorted = postings.sorted { $0.row < $1.row }
        let base = sorted.first?.row ?? 0
        if let last = sorted.last?.row {
            let span = last.subtractingReportingOverflow(base)
            if span.overflow || span.partialValue > Int64(UInt32.max) { return nil }
        }
        var offsets: [UInt32] = []
        var impacts: [Float] = []
        offsets.reserveCapacity(sorted.count)
        impacts.reserveCapacity(sorted.count)
        for posting in sorted {
            let offset = UInt32(posting.row - base)
            if offsets.last == offset {
                impacts[impacts.count - 1] = Float(posting.impact)
            } else {
                offsets.append(offset)
                impacts.append(Float(posting.impact))
            }
        }
        self.base = base
        self.offsets = offsets
        self.impacts = impacts
    }

    /// The number of rows holding the term (its document frequency).
    var count: Int { offsets.count }

    /// The last row (`base - 1` for an empty list).
    var last: Int64 { offsets.last.map { base + Int64($0) } ?? base - 1 }

    /// The impact in each of `rows` (ascending), 0 for rows that do not hold the term: one pass
    /// that gallops from each row's position to the next, over buffers taken once.
    func impacts(ofAscending rows: [Int64]) -> [Float] {
        var result = [Float](repeating: 0, count: rows.count)
        offsets.withUnsafeBufferPointer { offsets in
            impacts.withUnsafeBufferPointer { impacts in
                let count = offsets.count
                var low = 0
                for (position, row) in rows.enumerated() {
                    let target = row &- base
                    if target < 0 { continue }
                    if target > Int64(UInt32.max) || low >= count { break }
                    let offset = UInt32(target)
                    // Every offset before `low` is below `offset`; double the step until one is not.
                    var step = 1
                    var high = low
                    while high < count, offsets[high] < offset {
                        low = high &+ 1
                        high = low &+ step
                        step &<<= 1
                    }
                    high = min(high, count)
                    while low < high {
                        let middle = (low &+ high) >> 1
                        if offsets[middle] < offset { low = middle &+ 1 } else { high = middle }
                    }
                    if low < count, offsets[low] == offset { result[position] = impacts[low] }
                }
            }
        }
        return result
    }
}
