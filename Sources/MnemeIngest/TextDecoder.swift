import Foundation

/// Turns file bytes into text, or decides they are binary.
///
/// Rules, in order:
/// 1. A known binary signature (PNG, JPEG, GIF, ZIP/Office, gzip, ELF, SQLite, …) → binary.
/// 2. A UTF-16 byte-order mark → UTF-16. A UTF-8 BOM is removed.
/// 3. Any NUL byte, or more than 1% C0 control characters other than tab, LF, VT, FF, CR and ESC → binary.
/// 4. Valid UTF-8 → ``TextEncoding/utf8``.
/// 5. Otherwise each byte that is not part of a valid UTF-8 sequence is read as Windows-1252. If such
///    bytes make up more than 30% of the file and printable ASCII less than 60%, it is binary (this also
///    skips, rather than garbles, Cyrillic files in Windows-1251 or KOI8-R). If invalid bytes outnumber
///    valid multi-byte UTF-8 sequences the encoding is ``TextEncoding/latin1``; otherwise it stays
///    ``TextEncoding/utf8`` (a UTF-8 file with a few stray Latin-1 bytes is repaired).
///
/// Line endings are normalised to `"\n"`.
struct TextDecoder {
    enum Outcome: Equatable {
        case text(String, TextEncoding)
        /// Binary, with a short description ("PNG image", "NUL bytes").
        case binary(String)
    }

    static func decode(_ bytes: [UInt8]) -> Outcome {
        if let kind = binarySignature(bytes) { return .binary(kind) }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return decodeUTF16(bytes, littleEndian: bytes[0] == 0xFF)
        }
        var body = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = bytes[3...] }

        // One pass over the bytes: NULs, other control characters, carriage returns, and whether
        // any byte is not ASCII (pure ASCII needs no UTF-8 validation).
        var controls = 0
        var hasCR = false
        var union: UInt8 = 0
        let nul = body.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                union |= byte
                if byte < 0x20 {
                    if byte == 0 { return true }
                    if byte == 0x0D {
                        hasCR = true
                    } else if byte < 0x09 || byte > 0x0D, byte != 0x1B {
                        controls += 1
                    }
                }
            }
            return false
        }
        if nul { return .binary("NUL bytes") }
        if !body.isEmpty, controls * 100 > body.count { return .binary("control characters") }

        let scan = union < 0x80 ? (multibyte: 0, invalid: 0) : scanUTF8(body)
        if scan.invalid == 0 {
            let text = String(decoding: body, as: UTF8.self)
            return .text(hasCR ? normalizeNewlines(text) : text, .utf8)
        }
        if scan.invalid * 10 > body.count * 3 {
            // Latin-1 prose is mostly ASCII letters and spaces; random or compressed data is not.
            let asciiText = body.reduce(0) { $0 + (($1 >= 0x20 && $1 < 0x7F) || $1 == 0x0A ? 1 : 0) }
            if asciiText * 10 < body.count * 6 { return .binary("mostly non-text bytes") }
        }
        let text = normalizeNewlines(decodeMixed(body))
        return .text(text, scan.multibyte > scan.invalid ? .utf8 : .latin1)
    }

    /// Counts valid multi-byte UTF-8 sequences and bytes that belong to no valid sequence.
    static func scanUTF8(_ bytes: ArraySlice<UInt8>) -> (multibyte: Int, invalid: Int) {
        var multibyte = 0
        var invalid = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] < 0x80 {
                index += 1
            } else if let length = sequenceLength(bytes, at: index) {
                multibyte += 1
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return (multibyte, invalid)
    }

    /// The length of the valid UTF-8 sequence starting at `index` (a non-ASCII lead byte), or `nil`.
    /// Rejects overlong forms, surrogates and code points above U+10FFFF.
    static func sequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var lowerSecond: UInt8 = 0x80
        var upperSecond: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowerSecond = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upperSecond = 0x9F
        case 0xF0:
            length = 4
            lowerSecond = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upperSecond = 0x8F
        default: return nil
        }
        guard index + length <= bytes.endIndex else { return nil }
        let second = bytes[index + 1]
        guard second >= lowerSecond, second <= upperSecond else { return nil }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// Decodes valid UTF-8 sequences as UTF-8 and every other byte as Windows-1252.
    static func decodeMixed(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x80 {
                scalars.append(Unicode.Scalar(byte))
                index += 1
            } else if let length = sequenceLength(bytes, at: index) {
                let decoded = String(decoding: bytes[index..<index + length], as: UTF8.self)
                scalars.append(contentsOf: decoded.unicodeScalars)
                index += length
            } else {
                scalars.append(windows1252(byte))
                index += 1
            }
        }
        return String(scalars)
    }

    /// The Windows-1252 character for a byte (Latin-1 for 0xA0–0xFF and the five undefined slots).
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80, byte <= 0x9F, let mapped = Unicode.Scalar(cp1252High[Int(byte - 0x80)]) { return mapped }
        return Unicode.Scalar(byte)
    }

    /// Windows-1252 code points for bytes 0x80–0x9F (also used for HTML numeric references).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool) -> Outcome {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let pair =
                littleEndian
                ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            units.append(pair)
            index += 2
        }
        if units.contains(0) { return .binary("NUL characters in UTF-16") }
        return .text(normalizeNewlines(String(decoding: units, as: UTF16.self)), .utf16)
    }

    /// Replaces CRLF and lone CR with LF (Swift treats "\r\n" as one Character, which would defeat
    /// line splitting).
    static func normalizeNewlines(_ string: String) -> String {
        guard containsCR(string) else { return string }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in string.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
            } else {
                if !(scalar == "\n" && previousCR) { out.append(scalar) }
                previousCR = false
            }
        }
        return String(out)
    }

    /// Whether the string holds a carriage return: `memchr` over contiguous UTF-8 (every loaded
    /// document is checked, and the generic `contains` walks the view an index at a time).
    static func containsCR(_ string: String) -> Bool {
        if let found = string.utf8.withContiguousStorageIfAvailable({ bytes in
            bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false
        }) {
            return found
        }
        return string.utf8.contains(0x0D)
    }

    /// Names well-known binary formats by their leading bytes.
    static func binarySignature(_ bytes: [UInt8]) -> String? {
        let signatures: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG image"),
            ([0xFF, 0xD8, 0xFF], "JPEG image"),
            (Array("GIF87a".utf8), "GIF image"), (Array("GIF89a".utf8), "GIF image"),
            ([0x50, 0x4B, 0x03, 0x04], "ZIP archive or Office document"),
            ([0x1F, 0x8B], "gzip archive"),
            ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
            ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "legacy Office document"),
            (Array("SQLite format 3".utf8) + [0], "SQLite database"),
            ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7-Zip archive"),
            (Array("Rar!".utf8), "RAR archive"),
            (Array("%PDF-".utf8), "PDF document"),
            ([0x00, 0x61, 0x73, 0x6D], "WebAssembly module"),
        ]
        for (magic, name) in signatures where bytes.starts(with: magic) { return name }
        return nil
    }
}
