import Foundation

/// Accumulates headings and blocks into the plain text of a document while tracking Unicode scalar
/// offsets, so every loader produces ranges the same way.
struct DocumentBuilder {
    private(set) var text = ""
    private(set) var sections: [DocumentSection] = []
    private var scalarCount = 0
    private var headingStack: [(level: Int, title: String)] = []
    /// The first level-1 heading seen, a title candidate.
    private(set) var firstH1: String?
    /// Whether any block (not just headings) was added.
    private(set) var hasBlocks = false

    static let separator = "\n\n"

    /// Opens a section for a heading of `level` (1–6), applying the outline rules: a heading closes
    /// every open heading of the same or a deeper level, so `#`, `##`, `###`, `##` gives the paths
    /// `[A]`, `[A, B]`, `[A, B, C]`, `[A, D]`. A skipped level (`#` then `###`) simply nests.
    mutating func heading(_ title: String, level: Int) {
        let title = Self.normalizeInline(title)
        guard !title.isEmpty else { return }
        while let last = headingStack.last, last.level >= level { headingStack.removeLast() }
        headingStack.append((level, title))
        if level == 1, firstH1 == nil { firstH1 = title }
        let range = append(title)
        sections.append(
            DocumentSection(headingPath: headingStack.map(\.title), headingLevel: level, headingRange: range)
        )
    }

    /// Opens a heading-less section for a PDF page.
    mutating func page(_ number: Int) {
        sections.append(DocumentSection(page: number))
    }

    /// Adds a block; surrounding blank lines are trimmed and empty blocks ignored.
    mutating func block(_ raw: String, kind: TextBlock.Kind = .paragraph) {
        let body = kind == .code ? Self.trimBlankLines(raw) : Self.trimWhitespace(raw)
        guard !body.isEmpty else { return }
        if sections.isEmpty { sections.append(DocumentSection()) }
        let range = append(body)
        sections[sections.count - 1].blocks.append(TextBlock(text: body, range: range, kind: kind))
        hasBlocks = true
    }

    private mutating func append(_ piece: String) -> Range<Int> {
        if !text.isEmpty {
            text += Self.separator
            scalarCount += 2
        }
        let start = scalarCount
        text += piece
        scalarCount += Self.scalarCount(piece)
        return start..<scalarCount
    }

    /// The number of Unicode scalars of `string`: its UTF-8 bytes that are not continuation
    /// bytes (one pass the compiler vectorises, where `unicodeScalars.count` decodes each scalar).
    static func scalarCount(_ string: String) -> Int {
        var string = string
        return string.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// The finished document, or `nil` when no text at all was added (the caller reports "empty").
    func build(title: String, uri: URL, format: DocumentFormat, encoding: TextEncoding) -> LoadedDocument? {
        guard hasBlocks || !text.isEmpty else { return nil }
        return LoadedDocument(
            title: title, uri: uri, format: format, encoding: encoding, text: text, sections: sections)
    }

    /// Collapses runs of whitespace to one space and trims the ends.
    static func normalizeInline(_ string: String) -> String {
        isNormalInline(string) ? string : collapseWhitespace(string)
    }

    /// ``normalizeInline(_:)`` scalar by scalar, for any string.
    static func collapseWhitespace(_ string: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in string.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether ``normalizeInline(_:)`` would return `string` unchanged: no whitespace but single
    /// spaces between other characters. Bytes that may start a non-ASCII space (0xC2, 0xE1–0xE3)
    /// send the string to the slow path.
    static func isNormalInline(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else {
                return bytes.isEmpty
            }
            var previous: UInt8 = 0
            for byte in bytes {
                switch byte {
                case 0x09...0x0D, 0xC2, 0xE1...0xE3: return false
                case 0x20 where previous == 0x20: return false
                default: previous = byte
                }
            }
            return true
        }
    }

    /// Trims whitespace at both ends and trailing whitespace on each line; keeps inner line breaks.
    static func trimWhitespace(_ string: String) -> String {
        trim(string, keepFirstIndent: false)
    }

    /// Drops leading and trailing blank lines and trailing spaces per line, keeping indentation.
    static func trimBlankLines(_ string: String) -> String {
        trim(string, keepFirstIndent: true)
    }

    /// One pass over the UTF-8 bytes: whitespace is held back until non-whitespace shows it is inside
    /// the text, so trailing spaces of lines and of the whole text are never emitted.
    private static func trim(_ string: String, keepFirstIndent: Bool) -> String {
        var string = string
        let unchanged = string.withUTF8 { isTrimmed($0, keepFirstIndent: keepFirstIndent) }
        return unchanged ? string : trimCopying(string, keepFirstIndent: keepFirstIndent)
    }

    /// The trimming itself, copying the bytes that stay.
    static func trimCopying(_ string: String, keepFirstIndent: Bool) -> String {
        var string = string
        return string.withUTF8 { bytes in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var spacesStart = -1  // start of the whitespace run on the current line, or -1
            var newlines = 0
            var started = false
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0A {
                    spacesStart = -1
                    if started { newlines += 1 }
                    i += 1
                    continue
                }
                let width = whitespaceWidth(bytes, at: i)
                if width > 0 {
                    if spacesStart < 0 { spacesStart = i }
                    i += width
                    continue
                }
                if started || keepFirstIndent {
                    if started { for _ in 0..<newlines { out.append(0x0A) } }
                    if spacesStart >= 0 { out.append(contentsOf: bytes[spacesStart..<i]) }
                }
                newlines = 0
                spacesStart = -1
                started = true
                // Copy the whole run up to the next whitespace or line break at once.
                var end = i + 1
                while end < bytes.count, bytes[end] != 0x0A, whitespaceWidth(bytes, at: end) == 0 { end += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                i = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether ``trim(_:keepFirstIndent:)`` would return the text unchanged (most blocks): it
    /// starts with neither a line break nor (unless the first indent is kept) white space, and no
    /// line ends with white space. Checking is cheaper than copying and validating the copy.
    private static func isTrimmed(_ bytes: UnsafeBufferPointer<UInt8>, keepFirstIndent: Bool) -> Bool {
        guard let first = bytes.first else { return true }
        if first == 0x0A || (!keepFirstIndent && whitespaceWidth(bytes, at: 0) > 0) { return false }
        var afterSpace = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0A {
                if afterSpace { return false }
                i += 1
                // A line break at the very end is trimmed away.
                if i == bytes.count { return false }
                continue
            }
            if byte > 0x20 && byte < 0x80 {
                afterSpace = false
                i += 1
                continue
            }
            let width = whitespaceWidth(bytes, at: i)
            afterSpace = width > 0
            i += max(width, 1)
        }
        return !afterSpace
    }

    /// The byte length of the Unicode whitespace scalar at `i` (0 if there is none). Continuation
    /// bytes never match, so this is safe to call at any byte of valid UTF-8.
    @inline(__always)
    private static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 { return b == 0x20 || (0x09...0x0D).contains(b) ? 1 : 0 }
        let count = bytes.count
        switch b {
        case 0xC2:  // U+0085, U+00A0
            return i + 1 < count && (bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0) ? 2 : 0
        case 0xE1:  // U+1680
            return i + 2 < count && bytes[i + 1] == 0x9A && bytes[i + 2] == 0x80 ? 3 : 0
        case 0xE2:  // U+2000–200A, U+2028, U+2029, U+202F, U+205F
            guard i + 2 < count else { return 0 }
            let (b1, b2) = (bytes[i + 1], bytes[i + 2])
            if b1 == 0x80, (0x80...0x8A).contains(b2) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF { return 3 }
            return b1 == 0x81 && b2 == 0x9F ? 3 : 0
        case 0xE3:  // U+3000
            return i + 2 < count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// `Unicode.Scalar.Properties.isWhitespace` with an ASCII fast path.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value < 0x80 else { return scalar.properties.isWhitespace }
        return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)
    }

    /// Splits at `"\n"` (on UTF-8, much faster than splitting `Character`s); keeps empty lines.
    static func lines(_ text: String) -> [Substring] {
        var text = text
        // Line break offsets with `memchr`, then O(1) UTF-8 indices into the same storage.
        let breaks: [Int] = text.withUTF8 { bytes in
            var found: [Int] = []
            guard let base = bytes.baseAddress else { return found }
            var position = 0
            while position < bytes.count, let hit = memchr(base + position, 0x0A, bytes.count - position) {
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                found.append(offset)
                position = offset + 1
            }
            return found
        }
        let utf8 = text.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for offset in breaks {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(Substring(utf8[start..<end]))
            start = utf8.index(after: end)
        }
        lines.append(Substring(utf8[start...]))
        return lines
    }

    /// Whether a line is empty or whitespace only.
    static func isBlank(_ line: Substring) -> Bool {
        line.unicodeScalars.allSatisfy(isWhitespace)
    }
}
