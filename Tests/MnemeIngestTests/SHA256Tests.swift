import Testing

@testable import MnemeIngest

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownDigests(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var hasher = SHA256()
        for start in stride(from: 0, to: bytes.count, by: 333) {
            hasher.update(bytes[start..<min(start + 333, bytes.count)])
        }
        #expect(hasher.finalize() == SHA256.hex(bytes))
        #expect(
            SHA256.hex(Array(String(repeating: "a", count: 1_000_000).utf8))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func anyCollectionHashesLikeItsArray() {
        let lazy = (0..<1_000).lazy.map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(SHA256.hex(lazy) == SHA256.hex(Array(lazy)))
        let bytes = Array(lazy)
        #expect(SHA256.hex(bytes[3..<900]) == SHA256.hex(Array(bytes[3..<900])))
    }
}
