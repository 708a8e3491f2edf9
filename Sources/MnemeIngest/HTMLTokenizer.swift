/// A tolerant, iterative HTML tokenizer over UTF-8 bytes.
///
/// It never builds a tree and never recurses, so nesting depth costs nothing (100,000 nested
/// `<div>`s are just 200,000 tokens). It follows the HTML5 tokenizer where it matters for text
/// extraction and degrades gracefully elsewhere:
///
/// - comments (`<!-- … -->`, also unterminated), doctypes, `<!…>`, `<?…>` and `</ …>` are dropped;
/// - raw-text elements (`script`, `style`, `noscript`, `xmp`, `iframe`, `noembed`, `noframes`) and
///   escapable raw-text elements (`title`, `textarea`) keep everything up to their end tag as one
///   ``Token/rawText(name:_:)`` token; `<plaintext>` swallows the rest of the file;
/// - a `<` that starts no tag is text; a tag cut off by the end of the file is dropped;
/// - attribute values may contain `>` when quoted.
struct HTMLTokenizer {
    enum Token: Equatable {
        /// Text content (entities not yet decoded), as a byte range of the input.
        case text(Range<Int>)
        /// The content of a raw-text element (`script`, `style`, `title`, …), as a byte range.
        case rawText(name: String, Range<Int>)
        /// `<name …>`; the name is lower-cased.
        case startTag(name: String, selfClosing: Bool)
        /// `</name>`; the name is lower-cased.
        case endTag(name: String)
    }

    static let rawTextElements: Set<String> = [
        "script", "style", "noscript", "xmp", "iframe", "noembed", "noframes", "title", "textarea",
    ]

    let bytes: [UInt8]
    private(set) var position = 0
    private var pendingRaw: String?

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> Token? {
        if let name = pendingRaw {
            pendingRaw = nil
            return rawText(name)
        }
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                position = nextLessThan(from: position + 1)
                return .text(start..<position)
            }
            // At "<".
            let after = position + 1
            guard after < bytes.count else {
                position = bytes.count
                return .text(after - 1..<after)
            }
            let c = bytes[after]
            if isLetter(c) {
                if let token = tag(nameStart: after, isEnd: false) { return token }
                return nil  // tag cut off by the end of the file
            } else if c == UInt8(ascii: "/") {
                let nameStart = after + 1
                if nameStart < bytes.count, isLetter(bytes[nameStart]) {
                    if let token = tag(nameStart: nameStart, isEnd: true) { return token }
                    return nil
                }
                skipPast(UInt8(ascii: ">"), from: nameStart)  // "</>" or "</ bogus>"
            } else if c == UInt8(ascii: "!") {
                if starts(with: "<!--", at: position) {
                    skipComment(from: position + 4)
                } else {
                    skipPast(UInt8(ascii: ">"), from: after + 1)
                }
            } else if c == UInt8(ascii: "?") {
                skipPast(UInt8(ascii: ">"), from: after + 1)
            } else {
                // A literal "<" (as in "a < b"): text up to the next "<".
                let start = position
                position = nextLessThan(from: after)
                return .text(start..<position)
            }
        }
        return nil
    }

    // MARK: - Tags

    /// Parses a tag whose name starts at `nameStart`; `nil` if the input ends inside it.
    private mutating func tag(nameStart: Int, isEnd: Bool) -> Token? {
        var index = nameStart
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/"),
            bytes[index] != UInt8(ascii: ">")
        {
            index += 1
        }
        let name = String(decoding: bytes[nameStart..<index].map(lowercased), as: UTF8.self)
        var selfClosing = false
        // Attributes: skip them, honouring quotes.
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: ">") {
                position = index + 1
                if isEnd { return .endTag(name: name) }
                // As in browsers, `<script … />` still opens a script: the self-closing flag is ignored.
                if Self.rawTextElements.contains(name) { pendingRaw = name }
                if name == "plaintext" {
                    pendingRaw = nil
                    let start = position
                    position = bytes.count
                    return .rawText(name: name, start..<bytes.count)
                }
                return .startTag(name: name, selfClosing: selfClosing)
            }
            if c == UInt8(ascii: "/") {
                selfClosing = true
                index += 1
                continue
            }
            selfClosing = false
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                // An unmatched quote is an ordinary character (browsers would swallow the rest of the file).
                if let close = bytes[(index + 1)...].firstIndex(of: c) { index = close + 1 } else { index += 1 }
                continue
            }
            index += 1
        }
        position = bytes.count
        return nil
    }

    /// Everything up to `</name` (case-insensitive) followed by whitespace, `/` or `>`.
    private mutating func rawText(_ name: String) -> Token {
        let start = position
        let needle = Array(name.utf8)
        var index = position
        while index < bytes.count {
            guard let lt = bytes[index...].firstIndex(of: UInt8(ascii: "<")) else { break }
            if lt + 1 < bytes.count, bytes[lt + 1] == UInt8(ascii: "/"), matchesName(needle, at: lt + 2) {
                let end = lt + 2 + needle.count
                if end >= bytes.count || isSpace(bytes[end]) || bytes[end] == UInt8(ascii: "/")
                    || bytes[end] == UInt8(ascii: ">")
                {
                    position = lt  // the end tag is tokenized normally next
                    return .rawText(name: name, start..<lt)
                }
            }
            index = lt + 1
        }
        position = bytes.count
        return .rawText(name: name, start..<bytes.count)
    }

    // MARK: - Helpers

    private func nextLessThan(from index: Int) -> Int {
        guard index < bytes.count else { return bytes.count }
        return bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
    }

    private mutating func skipPast(_ byte: UInt8, from index: Int) {
        if index < bytes.count, let found = bytes[index...].firstIndex(of: byte) {
            position = found + 1
        } else {
            position = bytes.count
        }
    }

    /// After `<!--`: up to and including `-->` (also `--!>`); `<!-->` and `<!--->` end at once.
    private mutating func skipComment(from start: Int) {
        if starts(with: ">", at: start) {
            position = start + 1
            return
        }
        if starts(with: "->", at: start) {
            position = start + 2
            return
        }
        var index = start
        while index < bytes.count {
            guard let dash = bytes[index...].firstIndex(of: UInt8(ascii: "-")) else { break }
            if starts(with: "-->", at: dash) {
                position = dash + 3
                return
            }
            if starts(with: "--!>", at: dash) {
                position = dash + 4
                return
            }
            index = dash + 1
        }
        position = bytes.count
    }

    private func starts(with literal: String, at index: Int) -> Bool {
        var i = index
        for byte in literal.utf8 {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
        }
        return true
    }

    private func matchesName(_ needle: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for (offset, byte) in needle.enumerated() where lowercased(bytes[index + offset]) != byte { return false }
        return true
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
