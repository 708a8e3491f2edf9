/// Minimal UTF-8 encoding and decoding over raw buffers, used by the stemmers to move between
/// `String`/UTF-8 tokens and their scalar working buffers without Foundation.
enum UTF8Coding {
    /// Writes the UTF-8 encoding of `scalars` into `out` and returns the number of bytes
    /// written. Values that are not Unicode scalars are written as U+FFFD. Traps if `out` is too
    /// small (callers size it from a proven bound).
    static func encode(_ scalars: UnsafeBufferPointer<UInt32>, into out: UnsafeMutableRawBufferPointer) -> Int {
        var n = 0
        for var v in scalars {
            if (0xD800...0xDFFF).contains(v) || v > 0x10FFFF { v = 0xFFFD }
            let length = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
            precondition(n + length <= out.count, "UTF-8 output buffer too small")
            switch length {
            case 1:
                out[n] = UInt8(truncatingIfNeeded: v)
            case 2:
                out[n] = UInt8(truncatingIfNeeded: 0xC0 | (v >> 6))
                out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
            case 3:
                out[n] = UInt8(truncatingIfNeeded: 0xE0 | (v >> 12))
                out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                out[n + 2] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
            default:
                out[n] = UInt8(truncatingIfNeeded: 0xF0 | (v >> 18))
                out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F))
                out[n + 2] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                out[n + 3] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
            }
            n += length
        }
        return n
    }

    /// Decodes one scalar from valid-or-invalid UTF-8 at `bytes[i...]`.
    ///
    /// - Returns: the scalar value and its encoded length, or `nil` for malformed input
    ///   (overlong forms, surrogates, truncated or out-of-range sequences).
    @inline(__always)
    static func decode(_ bytes: UnsafeRawBufferPointer, at i: Int) -> (value: UInt32, length: Int)? {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let end = bytes.count
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard i + k < end else { return nil }
            let b = UInt32(bytes[i + k])
            return b & 0xC0 == 0x80 ? b & 0x3F : nil
        }
        if b0 & 0xE0 == 0xC0 {
            guard let b1 = cont(1) else { return nil }
            let v = (b0 & 0x1F) << 6 | b1
            return v >= 0x80 ? (v, 2) : nil
        }
        if b0 & 0xF0 == 0xE0 {
            guard let b1 = cont(1), let b2 = cont(2) else { return nil }
            let v = (b0 & 0x0F) << 12 | b1 << 6 | b2
            return v >= 0x800 && !(0xD800...0xDFFF).contains(v) ? (v, 3) : nil
        }
        if b0 & 0xF8 == 0xF0 {
            guard let b1 = cont(1), let b2 = cont(2), let b3 = cont(3) else { return nil }
            let v = (b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | b3
            return v >= 0x10000 && v <= 0x10FFFF ? (v, 4) : nil
        }
        return nil
    }
}

extension String {
    /// Builds a string from a buffer of Unicode scalar values.
    init(scalarsIn scalars: UnsafeMutableBufferPointer<UInt32>) {
        let source = UnsafeBufferPointer(scalars)
        self.init(unsafeUninitializedCapacity: Swift.max(source.count * 4, 1)) { utf8 in
            UTF8Coding.encode(source, into: UnsafeMutableRawBufferPointer(utf8))
        }
    }
}
