import Foundation
import GRDB

/// The full-text part of one recall on a read connection: the user's document frequencies, the
/// words worth matching, and the ranked query over the user's rows of `message_fts`.
///
/// **Why it is fast.** The match expression starts with the user's ``MessageOwner`` token, so
/// FTS5 only visits the user's rows; the rows are ranked by ``RankFunction`` with each word
/// weighted by its idf among the user's messages (``RecallStatistics``), which never rescans
/// posting lists and skips reading the length of rows that cannot reach the top; and the
/// ranked rows are joined to `message` only once the best are known. Words in more than half
/// of the user's messages are left out when the query has others: their idf is FTS5's floor
/// (1e-6), so the ranking is the same without them, and their long posting lists cost nothing.
struct RecallSearch {
    /// A ranked message, before it is read in full.
    struct Candidate: Hashable, Sendable {
        var id: Int64
        var sessionID: Int64
        /// Milliseconds since 1970.
        var createdAt: Int64
        var score: Double
    }

    /// FTS5's idf for words in half the rows or more.
    static let negligibleIDF = 1e-6
    /// BM25 column weights of `message_fts`: the content, then the owner token (not scored).
    static let columnWeights = [1.0, 0.0]

    let db: Database
    let statistics: RecallStatistics
    let scope: UserScope
    let owner: String
    private var snapshot: RecallStatistics.Snapshot

    init(_ db: Database, statistics: RecallStatistics, scope: UserScope) throws {
        self.db = db
        self.statistics = statistics
        self.scope = scope
        owner = MessageOwner.token(scope)
        let structure = try Data.fetchOne(
            db.cachedStatement(sql: "SELECT block FROM message_fts_data WHERE id = 10"))
        snapshot = try statistics.snapshot(owner: owner, structure: structure) {
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM message WHERE tenant_id = ? AND user_id = ?"),
                arguments: [scope.tenantID, scope.userID]) ?? 0
        }
    }

    /// The user's number of messages, as the idf counts them.
    var rows: Int { snapshot.rows }

    /// The words of `terms` that the user's messages hold, without those of negligible idf
    /// (unless every word is), each with its idf as weight.
    mutating func weighted(_ terms: [QueryTerm]) throws -> [QueryTerm] {
        guard rows > 0 else { return [] }
        var found: [QueryTerm] = []
        for term in terms where try frequency(term) > 0 { found.append(term) }
        let informative = found.filter { idf($0) > Self.negligibleIDF }
        return (informative.isEmpty ? found : informative).map {
            QueryTerm(word: $0.word, key: $0.key, weight: $0.weight * idf($0))
        }
    }

    /// The best `limit` of the user's messages for `terms` (weighted by ``weighted(_:)``), best
    /// first, optionally only those written inside `window` (milliseconds).
    ///
    /// Without a window, the rarest words select the rows first (MaxScore): every word scores them,
    /// and a row holding none of the selecting words scores less than `(k1 + 1) ×` the weights of
    /// the others. When the `exact.count`-th best score outside `exact.excluding` still beats that
    /// bound times `exact.boost` (the most the caller may multiply a score by), the caller's best
    /// `exact.count` are exactly those of the ranking by all the words; otherwise all the words
    /// select, in a second query.
    func ranked(
        _ terms: [QueryTerm], window: Range<Int64>?, limit: Int,
        exact: (count: Int, excluding: Set<Int64>, boost: Double)
    ) throws -> [Candidate] {
        guard !terms.isEmpty, limit > 0 else { return [] }
        if window != nil { return try fetch(selecting: terms, scored: terms, window: window, limit: limit) }
        let selecting = selection(terms)
        if selecting.count < terms.count {
            let hits = try fetch(selecting: selecting, scored: terms, window: nil, limit: limit)
            let keys = Set(selecting.map(\.key))
            let bound = terms.filter { !keys.contains($0.key) }.map { $0.weight * (Self.k1 + 1) }.reduce(0, +)
            let kept = hits.filter { !exact.excluding.contains($0.id) }.prefix(exact.count)
            if kept.count == exact.count, let last = kept.last, last.score > bound * exact.boost { return hits }
        }
        return try fetch(selecting: terms, scored: terms, window: nil, limit: limit)
    }

    /// BM25's k1 (``RankParameters``' default).
    static let k1 = 1.2

    /// The most posting-list entries the selecting words may have together (beyond the rarest).
    static let defaultSelectionBudget = 512
    /// ``defaultSelectionBudget`` unless a test sets another.
    var selectionBudget = Self.defaultSelectionBudget

    /// The rarest words, within ``selectionBudget``, in the query's order.
    private func selection(_ terms: [QueryTerm]) -> [QueryTerm] {
        let sorted = terms.sorted { (snapshot.frequencies[$0.key] ?? 0) < (snapshot.frequencies[$1.key] ?? 0) }
        var chosen = Set<String>()
        var entries = 0
        for term in sorted {
            let count = snapshot.frequencies[term.key] ?? 0
            if !chosen.isEmpty, entries + count > selectionBudget { break }
            chosen.insert(term.key)
            entries += count
        }
        return terms.filter { chosen.contains($0.key) }
    }

    /// Runs the ranked query: rows holding any of `selecting`, scored by every word of `scored`.
    private func fetch(selecting: [QueryTerm], scored: [QueryTerm], window: Range<Int64>?, limit: Int) throws
        -> [Candidate]
    {
        let same = selecting.map(\.key) == scored.map(\.key)
        let match =
            same
            ? MessageOwner.expression(scope, words: scored.map(\.word))
            : MessageOwner.expression(scope, selecting: selecting.map(\.word), scored: scored.map(\.word))
        // The owner token is phrase 0; the words follow it. Pruning needs the full-text rows unfiltered, so a
        // window (a filter on the joined message) ranks without it.
        let parameters = RankParameters(
            firstPhrase: same ? 1 : 1 + selecting.count, keep: window == nil ? limit : 0,
            columnWeights: Self.columnWeights, phraseWeights: scored.map(\.weight))
        let statement =
            window == nil
            ? try db.cachedStatement(sql: Self.prunedSQL) : try db.cachedStatement(sql: Self.windowSQL)
        var arguments: StatementArguments = [match, Data(parameters.blob), limit, scope.tenantID, scope.userID]
        if let window { arguments += [window.lowerBound, window.upperBound] }
        return try statement.decodeAll(arguments: arguments) {
            Candidate(id: $0[0], sessionID: $0[1], createdAt: $0[2], score: $0[3])
        }
    }

    /// The best rows of the user's full-text rows, ranked and pruned on their own, then joined.
    private static let prunedSQL = """
        WITH f AS MATERIALIZED (
            SELECT rowid AS id, \(RankFunction.name)(message_fts, ?2) AS score FROM message_fts
            WHERE message_fts MATCH ?1 ORDER BY score DESC LIMIT ?3
        )
        SELECT m.id, m.session_id, m.created_at, f.score FROM f CROSS JOIN message m ON m.id = f.id
        WHERE f.score >= 0 AND m.tenant_id = ?4 AND m.user_id = ?5
        ORDER BY f.score DESC, m.id
        """

    /// The same inside a time window: every matching row of the user is scored (no pruning).
    private static let windowSQL = """
        SELECT m.id, m.session_id, m.created_at, \(RankFunction.name)(message_fts, ?2) AS score
        FROM message_fts CROSS JOIN message m ON m.id = message_fts.rowid
        WHERE message_fts MATCH ?1 AND m.tenant_id = ?4 AND m.user_id = ?5
            AND m.created_at >= ?6 AND m.created_at < ?7
        ORDER BY score DESC, m.id LIMIT ?3
        """

    /// The number of the user's messages holding the word.
    private mutating func frequency(_ term: QueryTerm) throws -> Int {
        if let known = snapshot.frequencies[term.key] { return known }
        let count =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM message_fts WHERE message_fts MATCH ?"),
                arguments: [MessageOwner.expression(scope, words: [term.word])]
            ) ?? 0
        snapshot.frequencies[term.key] = count
        statistics.remember(owner: owner, rows: snapshot.rows, key: term.key, count: count)
        return count
    }

    /// BM25's idf among the user's messages, as FTS5 computes it.
    private func idf(_ term: QueryTerm) -> Double {
        let count = Double(snapshot.frequencies[term.key] ?? 0)
        let value = log((Double(rows) - count + 0.5) / (count + 0.5))
        return value > 0 ? value : Self.negligibleIDF
    }
}
