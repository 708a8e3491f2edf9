import GRDB
import MnemeStemming

/// The FTS5 tokenizer of every Mneme full-text index (`tokenize='mneme'`): SQLite's
/// `unicode61` splits and lower-cases the text, then each token is stemmed — English (Snowball
/// Porter2) for Latin script, after folding diacritics, and Russian (Snowball) for Cyrillic,
/// with `ё` read as `е`. So "policies" matches "policy" and "отпуска" matches "отпуском".
///
/// Prefix queries (`отпу*`) are not stemmed: a prefix is not a word.
///
/// It is registered on every connection of a ``Store``; a connection without it (the `sqlite3`
/// shell, for example) cannot read or write the full-text tables.
final class TextTokenizer: FTS5WrapperTokenizer {
    static let name = "mneme"

    let wrappedTokenizer: any FTS5Tokenizer

    init(db: Database, arguments: [String]) throws {
        wrappedTokenizer = try db.makeTokenizer(.unicode61(diacritics: .keep))
    }

    func accept(
        token: String,
        flags: FTS5TokenFlags,
        for tokenization: FTS5Tokenization,
        tokenCallback: FTS5WrapperTokenCallback
    ) throws {
        if tokenization.contains(.prefix) {
            try tokenCallback(Stemmer.fold(token), flags)
        } else {
            try tokenCallback(Stemmer.stem(token), flags)
        }
    }
}
