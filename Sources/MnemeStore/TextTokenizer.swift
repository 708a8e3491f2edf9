import GRDB
import MnemeStemming

/// The FTS5 tokenizer of every Mneme full-text index (`tokenize='mneme'`): SQLite's
/// `unicode61` splits and lower-cases the text, then each token is stemmed — English (Snowball
/// Porter2) for Latin script, after folding diacritics, and Russian (Snowball) for Cyrillic,
/// with `ё` read as `е`. So "policies" matches "policy" and "отпуска" matches "отпуском".
///
/// Prefix queries (`отпу*`) are folded but not stemmed: a prefix is not a word.
///
/// Tokens go from `unicode61` to the stemmer and on to SQLite as UTF-8 bytes, without
/// creating a Swift `String` per token (this callback runs for every word indexed), and recent
/// stems are remembered (``StemMemo``): most words of a text were seen before.
///
/// It is registered on every connection of a ``Store``; a connection without it (the `sqlite3`
/// shell, for example) cannot read or write the full-text tables.
final class TextTokenizer: FTS5CustomTokenizer {
    static let name = "mneme"

    private let base: any FTS5Tokenizer
    private let memo = StemMemo()

    init(db: Database, arguments: [String]) throws {
        base = try db.makeTokenizer(.unicode61(diacritics: .keep))
    }

    /// What the inner callback needs to hand a token on to SQLite.
    private struct Forward {
        let context: UnsafeMutableRawPointer?
        let callback: FTS5TokenCallback
        let prefix: Bool
        // Unowned: the tokenizer holds the memo for longer than any call, and copying this struct
        // for every token would otherwise retain and release it.
        unowned(unsafe) let memo: StemMemo
    }

    func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        var forward = Forward(
            context: context, callback: tokenCallback, prefix: tokenization.contains(.prefix), memo: memo)
        return withUnsafeMutablePointer(to: &forward) { pointer in
            base.tokenize(context: pointer, tokenization: tokenization, pText: pText, nText: nText) {
                context, flags, pToken, nToken, start, end in
                let forward = context!.assumingMemoryBound(to: Forward.self).pointee
                guard let pToken, nToken > 0 else {
                    return forward.callback(forward.context, flags, pToken, nToken, start, end)
                }
                let token = UnsafeRawBufferPointer(start: pToken, count: Int(nToken))
                if forward.prefix {
                    var folded = Stemmer.fold(String(decoding: token, as: UTF8.self))
                    return folded.withUTF8 { bytes in
                        bytes.withMemoryRebound(to: CChar.self) {
                            forward.callback(forward.context, flags, $0.baseAddress, CInt($0.count), start, end)
                        }
                    }
                }
                return forward.memo.withStem(token) { stem in
                    forward.callback(
                        forward.context, flags, stem.baseAddress?.assumingMemoryBound(to: CChar.self), CInt(stem.count),
                        start, end)
                }
            }
        }
    }
}
