/// Receives token ids from the encoder.
protocol TokenSink {
    mutating func append(_ token: UInt32)
    /// Encodes one pre-tokenizer piece, `text[start ..< end]`, into this sink (by default with
    /// ``Vocabulary/encodePiece(_:_:_:into:)``; a counting sink may take counts from a memo).
    mutating func encodePiece(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ vocabulary: Vocabulary)
}

extension TokenSink {
    @inline(__always)
    mutating func encodePiece(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ vocabulary: Vocabulary) {
        vocabulary.encodePiece(text, start, end, into: &self)
    }
}

/// Collects token ids as `Int`s.
struct TokenArraySink: TokenSink {
    var tokens: [Int] = []

    @inline(__always)
    mutating func append(_ token: UInt32) { tokens.append(Int(token)) }
}

/// Only counts tokens (no allocation).
struct TokenCountSink: TokenSink {
    var count = 0

    @inline(__always)
    mutating func append(_ token: UInt32) { count += 1 }
}

extension Vocabulary {
    /// Pieces up to this many bytes use tiktoken's simple O(n²) merge loop (fast for short pieces);
    /// longer ones use the O(n log n) heap + linked-list merge. Both produce the same tokens.
    static let shortPieceLimit = 96

    /// Byte-pair-encodes `text[start ..< end]` (one pre-tokenizer piece) and appends its tokens.
    ///
    /// Same result as tiktoken's `byte_pair_encode`: repeatedly merge the adjacent pair whose
    /// concatenation has the lowest rank, the leftmost one on ties.
    @inline(__always)
    func encodePiece<Sink: TokenSink>(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into sink: inout Sink) {
        let length = end - start
        if length == 1 {
            sink.append(byteRanks[Int(text[start])])
            return
        }
        let whole = rank(text + start, length)
        if whole != Vocabulary.noRank {
            sink.append(whole)
            return
        }
        if length <= Vocabulary.shortPieceLimit {
            mergeShort(text + start, length, into: &sink)
        } else {
            mergeLong(text + start, length, into: &sink)
        }
    }

    /// tiktoken's `_byte_pair_merge` on a stack buffer: `starts[i]` are part boundaries, `pairRanks[i]` the
    /// rank of parts i and i+1 joined, `tokens[i]` the rank of part i.
    private func mergeShort<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, _ length: Int, into sink: inout Sink) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 3 * (length + 1)) { buffer in
            let starts = buffer.baseAddress!
            let pairRanks = starts + (length + 1)
            let tokens = pairRanks + (length + 1)
            for index in 0..<length {
                starts[index] = UInt32(index)
                tokens[index] = byteRanks[Int(piece[index])]
                pairRanks[index] = index + 1 < length ? rank(piece + index, 2) : Vocabulary.noRank
            }
            starts[length] = UInt32(length)
            tokens[length] = Vocabulary.noRank
            pairRanks[length] = Vocabulary.noRank
            var parts = length
            while true {
                var best = Vocabulary.noRank
                var bestIndex = 0
                for index in 0..<(parts - 1) where pairRanks[index] < best {
                    best = pairRanks[index]
                    bestIndex = index
                }
                if best == Vocabulary.noRank { break }
                // Merge parts bestIndex and bestIndex + 1.
                tokens[bestIndex] = best
                let removed = bestIndex + 1
                for index in removed..<parts {
                    starts[index] = starts[index + 1]
                    tokens[index] = tokens[index + 1]
                    pairRanks[index] = pairRanks[index + 1]
                }
                parts -= 1
                pairRanks[bestIndex] = pairRank(piece, starts, bestIndex, parts)
                if bestIndex > 0 { pairRanks[bestIndex - 1] = pairRank(piece, starts, bestIndex - 1, parts) }
            }
            for index in 0..<parts { sink.append(tokens[index]) }
        }
    }

    func mergeShortForTesting<Sink: TokenSink>(_ piece: UnsafePointer<UInt8>, _ length: Int, into sink: inout Sink) {
        mergeShort(piece, length, into: &sink)
    }

    /// Rank of parts `index` and `index + 1` joined, or `noRank` if there is no part `index + 1`.
    @inline(__always)
    private func pairRank(
        _ piece: UnsafePointer<UInt8>, _ starts: UnsafeMutablePointer<UInt32>, _ index: Int, _ parts: Int
    )
        -> UInt32
    {
        guard index + 2 <= parts else { return Vocabulary.noRank }
        let from = Int(starts[index])
        return rank(piece + from, Int(starts[index + 2]) - from)
    }
}
