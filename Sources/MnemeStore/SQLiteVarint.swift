/// SQLite's variable-length integers (1 to 9 bytes, big-endian, 7 bits a byte with the high bit
/// set on all but the last; the ninth byte gives 8 bits), as FTS5 stores its averages record and
/// its row sizes.
enum SQLiteVarint {
    /// Every varint in `bytes`, in order; a truncated last one is left out.
    static func decode(_ bytes: [UInt8]) -> [UInt64] {
        var values: [UInt64] = []
        var index = 0
        while index < bytes.count {
            var value: UInt64 = 0
            var complete = false
            for position in 0..<9 {
                guard index < bytes.count else { break }
                let byte = bytes[index]
                index += 1
                if position == 8 {
                    value = (value << 8) | UInt64(byte)
                    complete = true
                    break
                }
                value = (value << 7) | UInt64(byte & 0x7F)
                if byte & 0x80 == 0 {
                    complete = true
                    break
                }
            }
            guard complete else { break }
            values.append(value)
        }
        return values
    }
}
