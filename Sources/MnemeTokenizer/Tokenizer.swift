import Synchronization

/// An exact byte-pair-encoding tokenizer, compatible with OpenAI's `tiktoken` for `cl100k_base` and
/// `o200k_base` (identical token ids).
///
/// ```swift
/// let tokenizer = try Tokenizer.shared(.o200kBase)          // loaded once, cached, thread-safe
/// let ids = tokenizer.encodeOrdinary("hello world")          // [24912, 2375]
/// let n = tokenizer.count("hello world")                      // 2
/// let text = try tokenizer.decode(ids)                        // "hello world"
/// let withSpecials = try tokenizer.encode("a<|endoftext|>", allowedSpecial: .all)
/// ```
///
/// ## Input
/// A Swift `String` is always valid Unicode, so text is encoded through its UTF-8 view. Raw bytes go
/// through ``encodeOrdinary(bytes:)``, which first repairs invalid UTF-8 by replacing each maximal
/// invalid subsequence with U+FFFD — what Python's `bytes.decode("utf-8", "replace")` does before a
/// string reaches tiktoken. Lone UTF-16 surrogates cannot exist in a `String` (Swift replaces them
/// with U+FFFD when decoding), which is also what tiktoken does with them. NUL bytes are ordinary text.
///
/// ## Complexity
/// Pre-tokenization is O(n) in the UTF-8 length. Each piece is looked up whole first (one hash
/// probe); pieces of up to 96 bytes use tiktoken's O(m²) merge loop, longer pieces an O(m log m)
/// heap merge, so encoding is O(n log n) in the worst case (e.g. a 50 MB line without spaces, or a
/// million spaces) and linear on ordinary text. Memory is O(n) for the output plus O(m) per piece.
///
/// Instances are immutable and `Sendable`; share one per encoding (see ``shared(_:)``).
public final class Tokenizer: Sendable {
    /// The encoding this tokenizer implements.
    public let encoding: EncodingName
    /// Special token strings and their ids.
    public let specialTokens: [String: Int]
    let vocabulary: Vocabulary
    private let specialById: [Int: [UInt8]]
    private let specialBytes: [(bytes: [UInt8], id: Int, name: String)]
    /// Memos of piece counts for ``count(_:)``, each lent to one call at a time (at most as many as
    /// calls ever ran at once).
    private let countMemos = Mutex<[PieceCountMemo]>([])

    /// Creates a tokenizer from the contents of a `.tiktoken` file.
    ///
    /// - Throws: ``TokenizerError/Code-swift.struct/vocabularyCorrupt`` if the data is not that encoding's file.
    public convenience init(encoding: EncodingName, vocabularyData: some Collection<UInt8>) throws {
        let vocabulary: Vocabulary
        if let parsed = try vocabularyData.withContiguousStorageIfAvailable({
            try Vocabulary.parse(UnsafeRawBufferPointer($0), encoding: encoding)
        }) {
            vocabulary = parsed
        } else {
            vocabulary = try Array(vocabularyData).withUnsafeBytes { try Vocabulary.parse($0, encoding: encoding) }
        }
        self.init(encoding: encoding, vocabulary: vocabulary)
    }

    init(encoding: EncodingName, vocabulary: Vocabulary) {
        self.encoding = encoding
        self.vocabulary = vocabulary
        let specials = encoding.specialTokens
        specialTokens = specials
        specialById = Dictionary(uniqueKeysWithValues: specials.map { ($0.value, Array($0.key.utf8)) })
        specialBytes = specials.map { (Array($0.key.utf8), $0.value, $0.key) }.sorted { $0.id < $1.id }
    }

    /// Number of ids in use: mergeable ranks plus special tokens.
    public var vocabularySize: Int { vocabulary.count + specialTokens.count }

    /// The largest token id (the highest special token id).
    public var maxTokenValue: Int { specialTokens.values.max() ?? (vocabulary.count - 1) }

    // MARK: Ordinary encoding

    /// Encodes text without treating special tokens specially (tiktoken's `encode_ordinary`):
    /// `"<|endoftext|>"` becomes ordinary tokens. Never fails.
    public func encodeOrdinary(_ text: String) -> [Int] {
        var sink = TokenArraySink()
        sink.tokens.reserveCapacity(text.utf8.count / 4 + 1)
        withUTF8(text) { encodeChunk($0, 0, $0.count, into: &sink) }
        return sink.tokens
    }

    /// Encodes raw bytes after repairing invalid UTF-8 with U+FFFD (see the type's documentation).
    public func encodeOrdinary(bytes: some Sequence<UInt8>) -> [Int] {
        encodeOrdinary(String(decoding: Array(bytes), as: UTF8.self))
    }

    /// Number of tokens `encodeOrdinary(text)` would return, without building the array.
    ///
    /// The counts of pre-tokenizer pieces are remembered between calls (``PieceCountMemo``), in
    /// memos lent to one call at a time; a count is always exactly the one encoding gives.
    public func count(_ text: String) -> Int {
        let memo = countMemos.withLock { $0.popLast() } ?? PieceCountMemo()
        defer { countMemos.withLock { $0.append(memo) } }
        return count(text, memo: memo)
    }

    /// ``count(_:)`` with a given memo (tests use small ones to force replacements).
    func count(_ text: String, memo: PieceCountMemo) -> Int {
        var sink = MemoCountSink(memo: memo)
        withUTF8(text) { encodeChunk($0, 0, $0.count, into: &sink) }
        return sink.count
    }

    /// ``count(_:)`` without the memo: every piece is merged.
    func countUncached(_ text: String) -> Int {
        var sink = TokenCountSink()
        withUTF8(text) { encodeChunk($0, 0, $0.count, into: &sink) }
        return sink.count
    }

    /// Runs `body` over the string's UTF-8 bytes (copying only if the string is not contiguous UTF-8).
    @inline(__always)
    func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return try copy.withUTF8(body)
    }

    /// Pre-tokenizes `bytes[start ..< end]` as one independent text and BPE-encodes every piece.
    func encodeChunk<Sink: TokenSink>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into sink: inout Sink
    ) {
        guard start < end, let base = bytes.baseAddress else { return }
        ScalarClass.basicPlane.withUnsafeBufferPointer { table in
            let splitter = PreTokenizer(text: base, end: end, basicPlane: table.baseAddress!)
            var position = start
            switch encoding {
            case .cl100kBase:
                while position < end {
                    let pieceEnd = splitter.nextEndCl100k(from: position)
                    sink.encodePiece(base, position, pieceEnd, vocabulary)
                    position = pieceEnd
                }
            case .o200kBase:
                while position < end {
                    let pieceEnd = splitter.nextEndO200k(from: position)
                    sink.encodePiece(base, position, pieceEnd, vocabulary)
                    position = pieceEnd
                }
            }
        }
    }

    // MARK: Decoding

    /// The bytes of `tokens` concatenated (tiktoken's `decode_bytes`).
    ///
    /// - Throws: ``TokenizerError/Code-swift.struct/invalidToken`` for an id that is neither a rank nor a special token.
    public func decodeBytes(_ tokens: some Sequence<Int>) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(tokens.underestimatedCount * 4)
        for token in tokens {
            if token >= 0 && token < vocabulary.count {
                output.append(contentsOf: vocabulary.tokenBytes(token))
            } else if let special = specialById[token] {
                output.append(contentsOf: special)
            } else {
                throw TokenizerError(
                    code: .invalidToken,
                    message: "Token id \(token) is not in \(encoding.rawValue) (valid: 0..<\(vocabulary.count) and "
                        + "the special ids \(specialTokens.values.sorted())); was it produced by another encoding?"
                )
            }
        }
        return output
    }

    /// Decodes tokens to text; byte sequences that are not valid UTF-8 (a token list cut inside a
    /// character) become U+FFFD, like tiktoken's `decode(errors="replace")`.
    /// `decode(encodeOrdinary(s)) == s` for every `String`.
    public func decode(_ tokens: some Sequence<Int>) throws -> String {
        String(decoding: try decodeBytes(tokens), as: UTF8.self)
    }

    /// The bytes of a single token (tiktoken's `decode_single_token_bytes`).
    public func tokenBytes(_ token: Int) throws -> [UInt8] {
        try decodeBytes(CollectionOfOne(token))
    }

    /// The id of a byte sequence that is exactly one token (mergeable or special), or nil.
    public func tokenID(for bytes: some Collection<UInt8>) -> Int? {
        let array = Array(bytes)
        guard !array.isEmpty else { return nil }
        let rank = array.withUnsafeBufferPointer { vocabulary.rank($0.baseAddress!, $0.count) }
        if rank != Vocabulary.noRank { return Int(rank) }
        return specialBytes.first { $0.bytes == array }?.id
    }

    var specialTokenTable: [(bytes: [UInt8], id: Int, name: String)] { specialBytes }
}
