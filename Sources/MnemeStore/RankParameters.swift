/// The parameters of one query of ``RankFunction``, in the order of the blob.
struct RankParameters: Sendable, Hashable {
    /// The first phrase of the match expression that is scored (phrases before it only select rows).
    var firstPhrase: Int
    /// How many best scores to keep for pruning; 0 turns pruning off.
    var keep: Int
    var k1 = 1.2
    var b = 0.75
    /// The BM25 weight of each column of the index.
    var columnWeights: [Double]
    /// The weight of each scored phrase, in expression order from ``firstPhrase``.
    var phraseWeights: [Double]

    /// The blob passed to SQL.
    var blob: [UInt8] {
        let values =
            [Double(firstPhrase), Double(keep), k1, b, Double(columnWeights.count)] + columnWeights + phraseWeights
        return values.withUnsafeBytes { Array($0) }
    }

    init(firstPhrase: Int, keep: Int, columnWeights: [Double], phraseWeights: [Double]) {
        self.firstPhrase = firstPhrase
        self.keep = keep
        self.columnWeights = columnWeights
        self.phraseWeights = phraseWeights
    }

    /// Reads a blob; `nil` when it is malformed.
    init?(blob: UnsafeRawBufferPointer) {
        guard blob.count % 8 == 0, blob.count >= 5 * 8 else { return nil }
        var values = [Double](repeating: 0, count: blob.count / 8)
        values.withUnsafeMutableBytes { $0.copyMemory(from: blob) }
        guard values.allSatisfy(\.isFinite), values[0...4].allSatisfy({ (0...1e9).contains($0) }) else { return nil }
        let columns = Int(values[4])
        guard values.count >= 5 + columns else { return nil }
        firstPhrase = Int(values[0])
        keep = Int(values[1])
        k1 = values[2]
        b = values[3]
        columnWeights = Array(values[5..<5 + columns])
        phraseWeights = Array(values[(5 + columns)...])
    }
}
