/// The word that marks a user's rows in the message index: `t<tenant id>u<user id>`, in the
/// `owner_token` column of `message_fts` (a generated column of `message`, migration v9).
///
/// A recall's match expression starts with it, so FTS5 itself intersects the query's words with
/// the user's rows: other users' messages are never scored, however many there are. The letters
/// between the numbers keep tokens apart (`t1u12` is not `t11u2`), and a token ending in a digit
/// passes the stemmer unchanged. The SQL that joins the hits to `message` still filters on the
/// scope as well.
enum MessageOwner {
    /// The owner token of `scope`'s messages.
    static func token(_ scope: UserScope) -> String {
        "t\(scope.tenantID)u\(scope.userID)"
    }

    /// The phrase selecting `scope`'s rows (phrase 0 of every scoped expression).
    static func phrase(_ scope: UserScope) -> String {
        "owner_token:" + DocumentQuery.quoted(token(scope))
    }

    /// `scope`'s rows whose content holds any of `words` (each quoted, so never query syntax);
    /// the words are phrases 1…n.
    static func expression(_ scope: UserScope, words: [String]) -> String {
        phrase(scope) + " AND " + content(words)
    }

    /// `scope`'s rows whose content holds any of `selecting`, with every word of `scored` as a phrase after
    /// them (phrases 1 + `selecting.count`…): the form ``RankFunction`` scores with `firstPhrase` past the
    /// selecting words.
    static func expression(_ scope: UserScope, selecting: [String], scored: [String]) -> String {
        phrase(scope) + " AND " + content(selecting) + " AND " + content(scored)
    }

    /// Any of `words` in the content column.
    private static func content(_ words: [String]) -> String {
        "content:(" + words.map(DocumentQuery.quoted).joined(separator: " OR ") + ")"
    }
}
