/// The stemming entry point used by Mneme's FTS5 tokenizer: picks the stemmer by script.
///
/// - Tokens made only of Cyrillic letters are lower-cased, `ё` becomes `е`, and they are
///   stemmed with ``RussianStemmer``. `й` is kept (also when written as `и` + U+0306).
/// - Tokens made only of Latin letters (and apostrophes `'`, `’`, `‘`) are lower-cased, folded
///   to ASCII (`é` → `e`, `ß` → `ss`, `æ` → `ae`, …) and stemmed with ``EnglishStemmer``.
/// - Anything else (digits, hyphens and other punctuation, mixed Latin/Cyrillic, other scripts,
///   malformed UTF-8) is returned unchanged apart from lower-casing.
///
/// Combining diacritical marks (U+0300…U+036F, e.g. Russian stress marks) inside a Latin or
/// Cyrillic token are dropped.
///
/// Prefix queries: the FTS layer must **not** stem a query token that is a prefix (`отпуск*`,
/// `connect*`), because the stem of a prefix is not a prefix of the stems of its completions.
/// Such tokens should only be lower-cased (and, for Latin, folded) by the caller; this type
/// does nothing special for them.
///
/// ```swift
/// Stemmer.stem("Отпусками")  // "отпуск"
/// Stemmer.stem("Cafés")      // "cafe"
/// Stemmer.stem("MP3")        // "mp3"
/// ```
public enum Stemmer {
    /// Returns the stem of `token` (see ``Stemmer`` for how the script is chosen).
    ///
    /// - Parameter token: one token; any string is accepted and never causes a crash.
    public static func stem(_ token: String) -> String {
        var token = token
        let stemmed: String? = token.withUTF8 { bytes in
            let input = UnsafeRawBufferPointer(bytes)
            let capacity = maximumStemByteCount(forTokenByteCount: input.count)
            return withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 1) { out -> String? in
                let output = UnsafeRawBufferPointer(rebasing: out[0..<stem(utf8: input, into: out)])
                if output.elementsEqual(input) { return nil }
                return String(decoding: output, as: UTF8.self)
            }
        }
        return stemmed ?? token
    }

    /// Stems a UTF-8 token and hands the UTF-8 stem to `body` without creating a `String`.
    ///
    /// This is the allocation-free path for the FTS5 tokenizer callback (the stem lives in
    /// stack memory for ordinary token sizes); the buffer passed to `body` is only valid during
    /// the call.
    ///
    /// ```swift
    /// Stemmer.withStemmedUTF8(UnsafeRawBufferPointer(start: p, count: n)) { stem in
    ///     xToken(ctx, 0, stem.baseAddress, Int32(stem.count), start, end)
    /// }
    /// ```
    @inlinable
    public static func withStemmedUTF8<R>(
        _ token: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) throws -> R
    ) rethrows -> R {
        let capacity = maximumStemByteCount(forTokenByteCount: token.count)
        return try withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 1) { out in
            let count = stem(utf8: token, into: out)
            return try body(UnsafeRawBufferPointer(rebasing: out[0..<count]))
        }
    }

    /// The output capacity, in bytes, that ``stem(utf8:into:)`` needs for a token of `count`
    /// UTF-8 bytes.
    @inlinable
    public static func maximumStemByteCount(forTokenByteCount count: Int) -> Int {
        2 * count + 4
    }

    /// Stems the UTF-8 token `token` into `output` and returns the number of bytes written.
    ///
    /// Malformed UTF-8 is copied through unchanged.
    ///
    /// - Precondition: `output.count >= maximumStemByteCount(forTokenByteCount: token.count)`.
    public static func stem(utf8 token: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(
            output.count >= maximumStemByteCount(forTokenByteCount: token.count),
            "Stemmer.stem(utf8:into:) output buffer smaller than maximumStemByteCount(forTokenByteCount:)"
        )
        if token.isEmpty { return 0 }
        let capacity = token.count + SnowballEnv.headroom
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { scalars in
            let base = scalars.baseAddress!
            let (script, count) = normalize(token, into: base, capacity: capacity)
            var env = SnowballEnv(buffer: base, count: count, capacity: capacity)
            switch script {
            case .latin: EnglishStemmer.stem(&env)
            case .cyrillic: RussianStemmer.stem(&env)
            case .other: return copyLowercased(token, into: output)
            }
            return UTF8Coding.encode(UnsafeBufferPointer(env.word), into: output)
        }
    }

    enum Script {
        case latin
        case cyrillic
        case other
    }
}
