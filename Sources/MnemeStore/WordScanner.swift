/// Splits text into words the way the index's tokenizer does (runs of letters, digits and
/// marks), fast: it walks the UTF-8 bytes, checks ASCII without property look-ups, and hands
/// out words as `String`s, which Swift stores inline (without allocating) up to 15 bytes.
///
/// Used on the query path (feedback and re-ranking read every word of the first results).
enum WordScanner {
    /// Calls `body` with each word of `text`, in order; returns the number of words.
    @discardableResult
    static func forEachWord(_ text: String, _ body: (String) -> Void) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            forEachWord(in: bytes) { body(String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// Calls `body` with the bytes of each word of the valid UTF-8 `bytes`, in order; returns
    /// the number of words. The buffers given to `body` are valid during the call only.
    @discardableResult
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void)
        -> Int
    {
        var count = 0
        var start = -1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let width: Int
            let isWord: Bool
            if byte < 0x80 {
                width = 1
                let folded = byte | 0x20
                isWord = (0x30...0x39).contains(byte) || (0x61...0x7A).contains(folded)
            } else {
                (width, isWord) = decode(bytes, at: index)
            }
            if isWord {
                if start < 0 { start = index }
            } else if start >= 0 {
                body(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                count += 1
                start = -1
            }
            index += width
        }
        if start >= 0 {
            body(UnsafeBufferPointer(rebasing: bytes[start...]))
            count += 1
        }
        return count
    }

    /// The width of the multi-byte UTF-8 sequence at `index` and whether its scalar is part of
    /// a word. Swift strings hold valid UTF-8, so the sequence is complete.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, Bool) {
        let lead = UInt32(bytes[index])
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + width <= bytes.count else { return (1, false) }
        var value = lead & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for offset in 1..<width { value = (value << 6) | (UInt32(bytes[index + offset]) & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return (width, false) }
        return (width, FullTextQuery.isWordScalar(scalar))
    }
}
