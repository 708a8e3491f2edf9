/// Normalized text for duplicate detection, hashed once and compared byte-wise only when hashes are equal.
struct DuplicateKey: Hashable {
    let text: String
    let hash: UInt64
    let isEmpty: Bool

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    static func == (lhs: DuplicateKey, rhs: DuplicateKey) -> Bool {
        guard lhs.hash == rhs.hash else { return false }
        return normalizedBytes(lhs.text) == normalizedBytes(rhs.text)
    }

    static func normalizedBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        forEachNormalizedByte(of: text) { bytes.append($0) }
        return bytes
    }

    @inline(__always)
    static func forEachNormalizedByte(of text: String, _ body: (UInt8) -> Void) {
        var pendingSpace = false
        var started = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = started
                continue
            }
            if pendingSpace {
                body(0x20)
                pendingSpace = false
            }
            started = true
            body(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
    }
}
