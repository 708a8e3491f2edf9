/// Decodes HTML character references in text content: every HTML5 named reference (`&amp;`,
/// `&nbsp;`, `&mdash;`, `&hellip;`, `&euro;`, …, 2,125 names), the legacy names HTML5 accepts
/// without `;` (`&copy 2024`), and numeric references (`&#123;`, `&#x1F600;`, semicolon optional).
///
/// Numeric references follow the HTML5 rules: 0, surrogates and values above U+10FFFF become
/// U+FFFD, and 0x80–0x9F are read as Windows-1252 (`&#150;` → `–`). An `&` that starts no known
/// reference is kept as written.
enum HTMLEntities {
    /// The decoded scalars for each name (without `&` and `;`).
    static let named: [String: [Unicode.Scalar]] = {
        var table: [String: [Unicode.Scalar]] = [:]
        table.reserveCapacity(2200)
        for line in namedTable.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2 else { continue }
            let scalars = parts.dropFirst().compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
            table[String(parts[0])] = scalars
        }
        return table
    }()

    /// The longest name in the table, bounding how far a name is scanned.
    static let maxNameLength = 32

    /// Decodes the references in `text` (UTF-8 bytes of HTML text content).
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out = String.UnicodeScalarView()
        var index = bytes.startIndex
        var plainStart = index
        func flushPlain(upTo end: Int) {
            if plainStart < end {
                out.append(contentsOf: String(decoding: bytes[plainStart..<end], as: UTF8.self).unicodeScalars)
            }
        }
        while index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "&"),
                let (scalars, next) = reference(bytes, at: index)
            else {
                index += 1
                continue
            }
            flushPlain(upTo: index)
            out.append(contentsOf: scalars)
            index = next
            plainStart = next
        }
        flushPlain(upTo: bytes.endIndex)
        return String(out)
    }

    /// Decodes one reference starting at `&`; returns the scalars and the index after it.
    static func reference(_ bytes: ArraySlice<UInt8>, at amp: Int) -> ([Unicode.Scalar], Int)? {
        var index = amp + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            return numeric(bytes, at: index + 1)
        }
        let nameStart = index
        while index < bytes.endIndex, index - nameStart < maxNameLength, isAlphanumeric(bytes[index]) {
            index += 1
        }
        guard index > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";"), let scalars = named[name] {
            return (scalars, index + 1)
        }
        // Legacy references without a semicolon: the longest known prefix wins.
        var length = name.utf8.count
        while length >= 2 {
            let prefix = String(name.prefix(length))
            if legacyNames.contains(prefix), let scalars = named[prefix] {
                return (scalars, nameStart + length)
            }
            length -= 1
        }
        return nil
    }

    private static func numeric(_ bytes: ArraySlice<UInt8>, at start: Int) -> ([Unicode.Scalar], Int)? {
        var index = start
        var hex = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") {
            hex = true
            index += 1
        }
        let digitsStart = index
        var value: UInt32 = 0
        var overflow = false
        while index < bytes.endIndex, let digit = digitValue(bytes[index], hex: hex) {
            let (product, o1) = value.multipliedReportingOverflow(by: hex ? 16 : 10)
            let (sum, o2) = product.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2 || sum > 0x10FFFF
            value = overflow ? 0x110000 : sum
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") { index += 1 }
        return ([scalar(forCodePoint: value)], index)
    }

    /// The HTML5 mapping of a numeric reference's value to a scalar.
    static func scalar(forCodePoint value: UInt32) -> Unicode.Scalar {
        let replacement: Unicode.Scalar = "\u{FFFD}"
        if value == 0 || value > 0x10FFFF { return replacement }
        if (0x80...0x9F).contains(value) {
            return Unicode.Scalar(TextDecoder.cp1252High[Int(value - 0x80)]) ?? replacement
        }
        return Unicode.Scalar(value) ?? replacement
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
