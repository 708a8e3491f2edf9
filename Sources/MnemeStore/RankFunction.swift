import GRDB
import GRDBSQLite

/// `mneme_rank(chunk_fts, parameters)`: the FTS5 ranking function of document search, BM25
/// with per-term weights and top-k pruning.
///
/// FTS5's built-in `bm25()` weighs every phrase the same and counts each phrase's matching
/// rows by scanning its whole posting list on every query; this function takes the weight of
/// each phrase (query weight × idf, computed by the caller from cached document frequencies)
/// and never scans posting lists.
///
/// `parameters` is a blob of `Float64`s (see ``RankParameters``). A phrase's score is
/// `weight × f × (k1 + 1) / (f + k1 × (1 − b + b × length / average length))`, where `f` sums
/// the column weights of the phrase's occurrences in the row — FTS5's BM25 with column weights.
///
/// **Pruning.** The function remembers the best `keep` scores of the current query. A row
/// whose score cannot reach them — bounded from its term frequencies with the shortest possible
/// length, before the row's length is read — gets `-1` instead of its score. The query must
/// therefore be `ORDER BY score DESC LIMIT keep` with no other filter on the full-text rows,
/// and its top `keep` rows are exactly those of the unpruned ranking.
enum RankFunction {
    static let name = "mneme_rank"

    /// Registers the function on a connection.
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction?(UnsafeMutablePointer(mutating: api), name, nil, rank, nil)
    }
}

/// The state of one query, kept by FTS5 between rows. Buffers rather than arrays: this is the
/// inner loop of every search, run for each candidate row.
private final class RankState {
    let firstPhrase: Int32
    let k1: Double
    let b: Double
    let columnWeights: UnsafeMutableBufferPointer<Double>
    let phraseWeights: UnsafeMutableBufferPointer<Double>
    let frequencies: UnsafeMutableBufferPointer<Double>
    var best: TopRows
    var averageLength: Double?
    /// The last row scored: SQLite may ask for a row's score twice (result and sort key).
    var lastRow: Int64?
    var lastScore = 0.0

    init(_ parameters: RankParameters) {
        firstPhrase = Int32(clamping: parameters.firstPhrase)
        k1 = parameters.k1
        b = parameters.b
        columnWeights = .allocate(capacity: parameters.columnWeights.count)
        _ = columnWeights.initialize(from: parameters.columnWeights)
        phraseWeights = .allocate(capacity: parameters.phraseWeights.count)
        _ = phraseWeights.initialize(from: parameters.phraseWeights)
        frequencies = .allocate(capacity: parameters.phraseWeights.count)
        frequencies.initialize(repeating: 0)
        best = TopRows(capacity: parameters.keep)
    }

    deinit {
        columnWeights.deallocate()
        phraseWeights.deallocate()
        frequencies.deallocate()
    }
}

private func releaseState(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<RankState>.fromOpaque(pointer).release()
}

private func rank(
    _ api: UnsafePointer<Fts5ExtensionApi>?,
    _ fts: OpaquePointer?,
    _ context: OpaquePointer?,
    _ count: Int32,
    _ values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api = api?.pointee, let values, count == 1 else {
        sqlite3_result_error(context, "mneme_rank(table, parameters) takes one parameter blob", -1)
        return
    }
    let state: RankState
    if let saved = api.xGetAuxdata?(fts, 0) {
        state = Unmanaged<RankState>.fromOpaque(saved).takeUnretainedValue()
    } else {
        let bytes = sqlite3_value_bytes(values[0])
        guard let pointer = sqlite3_value_blob(values[0]),
            let parameters = RankParameters(blob: UnsafeRawBufferPointer(start: pointer, count: Int(bytes)))
        else {
            sqlite3_result_error(context, "mneme_rank: malformed parameters", -1)
            return
        }
        state = RankState(parameters)
        _ = api.xSetAuxdata?(fts, Unmanaged.passRetained(state).toOpaque(), releaseState)
    }
    let row = api.xRowid?(fts)
    if state.lastRow != row {
        state.lastScore = score(api, fts, state, row: row ?? 0)
        state.lastRow = row
    }
    sqlite3_result_double(context, state.lastScore)
}

/// The row's score, or -1 when it cannot enter the best `keep`.
private func score(_ api: Fts5ExtensionApi, _ fts: OpaquePointer?, _ state: RankState, row: Int64) -> Double {
    let k1 = state.k1
    let phrases = api.xPhraseCount?(fts) ?? 0
    let columns = state.columnWeights
    let weights = state.phraseWeights
    let frequencies = state.frequencies
    let shortest = k1 * (1 - state.b)
    var bound = 0.0
    var iterator = Fts5PhraseIter()
    var column: Int32 = 0
    var offset: Int32 = 0
    for index in 0..<weights.count {
        var frequency = 0.0
        let phrase = state.firstPhrase + Int32(index)
        if phrase < phrases {
            _ = api.xPhraseFirst?(fts, phrase, &iterator, &column, &offset)
            while column >= 0 {
                frequency += Int(column) < columns.count ? columns[Int(column)] : 1
                api.xPhraseNext?(fts, &iterator, &column, &offset)
            }
        }
        frequencies[index] = frequency
        if frequency > 0 { bound += weights[index] * frequency * (k1 + 1) / (frequency + shortest) }
    }
    if state.best.isFull, bound <= state.best.minimum { return -1 }
    let average = state.averageLength ?? averageLength(api, fts)
    state.averageLength = average
    var length: Int32 = 0
    _ = api.xColumnSize?(fts, -1, &length)
    let norm = k1 * (1 - state.b + state.b * Double(length) / average)
    var total = 0.0
    for index in 0..<weights.count where frequencies[index] > 0 {
        total += weights[index] * frequencies[index] * (k1 + 1) / (frequencies[index] + norm)
    }
    state.best.insert(row: row, score: total)
    return total
}

private func averageLength(_ api: Fts5ExtensionApi, _ fts: OpaquePointer?) -> Double {
    var rows: sqlite3_int64 = 0
    var tokens: sqlite3_int64 = 0
    _ = api.xRowCount?(fts, &rows)
    _ = api.xColumnTotalSize?(fts, -1, &tokens)
    return rows > 0 && tokens > 0 ? Double(tokens) / Double(rows) : 1
}
