extension Tokenizer {
    /// Encodes text, turning the allowed special tokens into their ids (tiktoken's `encode`).
    ///
    /// - Parameters:
    ///   - allowedSpecial: special tokens encoded as their single id. Default: none.
    ///   - disallowedSpecial: special tokens whose presence is an error. Default `.all` means, as in
    ///     tiktoken, "every special token that is not allowed". Tokens in neither set are encoded as
    ///     ordinary text.
    /// - Throws: ``TokenizerError/Code-swift.struct/disallowedSpecialToken`` naming the first
    ///   disallowed special token found.
    ///
    /// ```swift
    /// try tokenizer.encode("hi<|endoftext|>", allowedSpecial: .all)   // [..., 100257]
    /// try tokenizer.encode("hi<|endoftext|>", disallowedSpecial: .none) // ordinary tokens only
    /// ```
    public func encode(
        _ text: String,
        allowedSpecial: SpecialTokenSet = .none,
        disallowedSpecial: SpecialTokenSet = .all
    ) throws -> [Int] {
        var sink = TokenArraySink()
        sink.tokens.reserveCapacity(text.utf8.count / 4 + 1)
        try encodeWithSpecials(text, allowedSpecial, disallowedSpecial, into: &sink)
        return sink.tokens
    }

    /// Number of tokens `encode(text, allowedSpecial:disallowedSpecial:)` would return.
    public func count(
        _ text: String,
        allowedSpecial: SpecialTokenSet,
        disallowedSpecial: SpecialTokenSet = .all
    ) throws -> Int {
        var sink = TokenCountSink()
        try encodeWithSpecials(text, allowedSpecial, disallowedSpecial, into: &sink)
        return sink.count
    }

    private func encodeWithSpecials<Sink: TokenSink>(
        _ text: String,
        _ allowedSpecial: SpecialTokenSet,
        _ disallowedSpecial: SpecialTokenSet,
        into sink: inout Sink
    ) throws {
        let allowed = allowedSpecial.resolve(in: specialTokens)
        let disallowed: Set<String>
        switch disallowedSpecial {
        case .all: disallowed = Set(specialTokens.keys).subtracting(allowed)
        case .only: disallowed = disallowedSpecial.resolve(in: specialTokens)
        }
        let table = specialTokenTable
        let allowedTable = table.filter { allowed.contains($0.name) }
        let disallowedTable = table.filter { disallowed.contains($0.name) }
        try withUTF8(text) { bytes in
            if !disallowedTable.isEmpty, let found = Tokenizer.firstSpecial(in: bytes, from: 0, among: disallowedTable)
            {
                throw TokenizerError(
                    code: .disallowedSpecialToken,
                    message:
                        "Encountered text corresponding to disallowed special token \(found.name.debugDescription) "
                        + "at byte \(found.offset). Pass it in allowedSpecial to encode it as a special token, or "
                        + "exclude it from disallowedSpecial (e.g. disallowedSpecial: .none) to encode it as plain text."
                )
            }
            var start = 0
            while start < bytes.count {
                guard !allowedTable.isEmpty,
                    let found = Tokenizer.firstSpecial(in: bytes, from: start, among: allowedTable)
                else {
                    encodeChunk(bytes, start, bytes.count, into: &sink)
                    break
                }
                encodeChunk(bytes, start, found.offset, into: &sink)
                sink.append(UInt32(found.id))
                start = found.offset + found.length
            }
        }
    }

    /// The leftmost occurrence of any of `candidates` in `bytes[from...]`. Special tokens all start with
    /// `<|` and contain no other `<|`, so two occurrences can never overlap and the leftmost one is
    /// what tiktoken's special-token regex finds.
    static func firstSpecial(
        in bytes: UnsafeBufferPointer<UInt8>,
        from: Int,
        among candidates: [(bytes: [UInt8], id: Int, name: String)]
    ) -> (offset: Int, length: Int, id: Int, name: String)? {
        var index = from
        let count = bytes.count
        while index + 1 < count {
            if bytes[index] == 0x3C && bytes[index + 1] == 0x7C {  // "<|"
                for candidate in candidates where index + candidate.bytes.count <= count {
                    var equal = true
                    for (offset, byte) in candidate.bytes.enumerated() where bytes[index + offset] != byte {
                        equal = false
                        break
                    }
                    if equal { return (index, candidate.bytes.count, candidate.id, candidate.name) }
                }
            }
            index += 1
        }
        return nil
    }
}
