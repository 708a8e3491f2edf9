extension Vocabulary {
    /// Parses a `.tiktoken` file (`<base64 token bytes> <rank>\n` per line) and checks it cheaply:
    /// ranks must be 0, 1, 2, … in line order, the line count must match `encoding`, and a few
    /// known ranks must hold. Runs in O(file size).
    static func parse(_ file: UnsafeRawBufferPointer, encoding: EncodingName) throws -> Vocabulary {
        let expected = encoding.mergeableTokenCount
        var tokenBytes: [UInt8] = []
        tokenBytes.reserveCapacity(file.count * 3 / 4)
        var offsets: [UInt32] = []
        offsets.reserveCapacity(expected + 1)
        offsets.append(0)

        let bytes = file.bindMemory(to: UInt8.self)
        let end = bytes.count
        var position = 0
        var line = 0
        func corrupt(_ what: String) -> TokenizerError {
            TokenizerError(
                code: .vocabularyCorrupt,
                message: "\(encoding.rawValue).tiktoken, line \(line + 1): \(what). The vocabulary file is damaged "
                    + "or not a tiktoken file; restore it (expected SHA-256 \(encoding.vocabularySHA256))."
            )
        }
        while position < end {
            // Base64 field up to the space.
            var fieldEnd = position
            while fieldEnd < end && bytes[fieldEnd] != 0x20 && bytes[fieldEnd] != 0x0A { fieldEnd += 1 }
            guard fieldEnd < end, bytes[fieldEnd] == 0x20 else { throw corrupt("missing space after the token") }
            guard Base64.decode(bytes, from: position, to: fieldEnd, into: &tokenBytes) else {
                throw corrupt("invalid base64")
            }
            // Rank field up to the newline.
            position = fieldEnd + 1
            var rank = 0
            var digits = 0
            while position < end && bytes[position] != 0x0A {
                let digit = Int(bytes[position]) - 48
                guard digit >= 0 && digit <= 9, digits < 10 else { throw corrupt("invalid rank") }
                rank = rank * 10 + digit
                digits += 1
                position += 1
            }
            guard digits > 0 else { throw corrupt("missing rank") }
            guard rank == line else { throw corrupt("rank \(rank) out of order (expected \(line))") }
            guard tokenBytes.count > Int(offsets[offsets.count - 1]) else { throw corrupt("empty token") }
            offsets.append(UInt32(tokenBytes.count))
            position += 1  // newline
            line += 1
        }
        guard line == expected else {
            throw TokenizerError(
                code: .vocabularyCorrupt,
                message: "\(encoding.rawValue).tiktoken has \(line) tokens, expected \(expected). The vocabulary "
                    + "file is truncated or belongs to another encoding; restore it (SHA-256 \(encoding.vocabularySHA256))."
            )
        }
        let vocabulary = try Vocabulary(tokenBytes: tokenBytes, tokenOffsets: offsets)
        for (known, rank) in encoding.knownRanks {
            let found = known.withUnsafeBufferPointer { vocabulary.rank($0.baseAddress!, $0.count) }
            guard found == UInt32(rank) else {
                throw TokenizerError(
                    code: .vocabularyCorrupt,
                    message:
                        "\(encoding.rawValue).tiktoken does not map \(String(decoding: known, as: UTF8.self).debugDescription) "
                        + "to rank \(rank); the file belongs to another encoding or is damaged."
                )
            }
        }
        return vocabulary
    }
}

/// A strict standard-alphabet base64 decoder (with `=` padding), hand-written for load speed.
enum Base64 {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }()

    /// Appends the decoded bytes of `bytes[from ..< to]` to `output`; returns false on malformed input.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into output: inout [UInt8]) -> Bool {
        let length = to - from
        guard length > 0, length % 4 == 0 else { return false }
        var padding = 0
        if bytes[to - 1] == 0x3D { padding += 1 }
        if bytes[to - 2] == 0x3D { padding += 1 }
        return table.withUnsafeBufferPointer { table in
            var index = from
            while index < to {
                let a = table[Int(bytes[index])]
                let b = table[Int(bytes[index + 1])]
                let isLast = index + 4 == to
                let c = isLast && padding == 2 ? 0 : table[Int(bytes[index + 2])]
                let d = isLast && padding >= 1 ? 0 : table[Int(bytes[index + 3])]
                if (a | b | c | d) & 0xC0 != 0 { return false }
                let word = (UInt32(a) << 18) | (UInt32(b) << 12) | (UInt32(c) << 6) | UInt32(d)
                output.append(UInt8(truncatingIfNeeded: word >> 16))
                if !(isLast && padding == 2) { output.append(UInt8(truncatingIfNeeded: word >> 8)) }
                if !(isLast && padding >= 1) { output.append(UInt8(truncatingIfNeeded: word)) }
                index += 4
            }
            return true
        }
    }
}
