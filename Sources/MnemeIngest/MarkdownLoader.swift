public import Foundation

/// Loads Markdown, keeping headings as structure.
///
/// - ATX (`# Title`, closing `#`s removed) and setext (`Title` underlined with `===` or `---`) headings
///   open sections; each section's ``DocumentSection/headingPath`` follows the outline rules of
///   ``DocumentBuilder`` (a heading closes open headings of the same or a deeper level).
/// - Fenced code blocks (```` ``` ```` or `~~~`) become ``TextBlock/Kind/code`` blocks, kept verbatim;
///   `#` lines inside them are never headings. An unclosed fence runs to the end of the file.
/// - YAML (`---`) or TOML (`+++`) front matter is removed; its `title` gives the document title.
/// - Paragraphs are separated by blank lines; thematic breaks (`---`, `***`, `___`) end a paragraph.
/// - Inline markup is simplified for indexing: links and images keep their text, `**`/`__` and code
///   backticks are dropped, backslash escapes are resolved, link reference definitions are removed.
///
/// ```swift
/// let document = MarkdownLoader().load("# Guide\n## Setup\nRun it.", uri: URL(filePath: "/guide.md"))
/// document?.sections.last?.headingPath  // ["Guide", "Setup"]
/// ```
public struct MarkdownLoader: Sendable {
    /// Creates a Markdown loader.
    public init() {}

    /// Builds a document from decoded Markdown; `nil` if there is no text.
    public func load(_ markdown: String, uri: URL, encoding: TextEncoding = .utf8) -> LoadedDocument? {
        var lines = DocumentBuilder.lines(TextDecoder.normalizeNewlines(markdown))[...]
        let frontMatterTitle = Self.stripFrontMatter(&lines)

        var builder = DocumentBuilder()
        var paragraph: [Substring] = []
        var fence: (marker: Character, count: Int, indent: Int)?
        var code: [Substring] = []

        func flush() {
            if !paragraph.isEmpty {
                builder.block(MarkdownInline.plainText(paragraph.joined(separator: "\n")))
                paragraph.removeAll()
            }
        }

        for line in lines {
            if let open = fence {
                if Self.isClosingFence(line, marker: open.marker, count: open.count) {
                    builder.block(code.joined(separator: "\n"), kind: .code)
                    code.removeAll()
                    fence = nil
                } else {
                    code.append(Self.dropIndent(line, upTo: open.indent))
                }
                continue
            }
            if DocumentBuilder.isBlank(line) {
                flush()
                continue
            }
            // Most lines are plain text: only a few leading characters can start a construct.
            guard let lead = line.utf8.first(where: { $0 != 0x20 }), Self.canStartConstruct(lead) else {
                paragraph.append(line)
                continue
            }
            if let opening = Self.openingFence(line) {
                flush()
                fence = opening
                continue
            }
            if let (level, title) = Self.atxHeading(line) {
                flush()
                builder.heading(MarkdownInline.plainText(title), level: level)
                continue
            }
            if let level = Self.setextLevel(line), !paragraph.isEmpty {
                let title = paragraph.joined(separator: " ")
                paragraph.removeAll()
                builder.heading(MarkdownInline.plainText(title), level: level)
                continue
            }
            if Self.isThematicBreak(line) {
                flush()
                continue
            }
            if Self.isLinkReferenceDefinition(line) { continue }
            paragraph.append(line)
        }
        flush()
        if fence != nil { builder.block(code.joined(separator: "\n"), kind: .code) }

        let title = frontMatterTitle ?? builder.firstH1 ?? TextLoader.fileTitle(uri)
        return builder.build(title: title, uri: uri, format: .markdown, encoding: encoding)
    }
}

extension MarkdownLoader {
    /// First non-space bytes that can start a heading, fence, rule, setext underline or link definition.
    /// (A switch, not a set: this runs on every line.)
    @inline(__always)
    static func canStartConstruct(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "#"), UInt8(ascii: "`"), UInt8(ascii: "~"), UInt8(ascii: "="), UInt8(ascii: "-"),
            UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["):
            true
        default: false
        }
    }

    /// `line` without leading and trailing tabs, space separators and U+200B (what
    /// `trimmingCharacters(in: .whitespaces)` removes), without bridging to `NSString`: this runs
    /// on every line that could open a construct.
    static func trimmed(_ line: Substring) -> Substring {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t"
                || (!scalar.isASCII && (scalar.properties.generalCategory == .spaceSeparator || scalar == "\u{200B}"))
        }
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return line[line.endIndex...] }
        return Substring(scalars[first...last])
    }

    /// Leading spaces of a line (tabs count as one column here; enough for the 0–3 space rules).
    static func indentation(_ line: Substring) -> Int {
        line.prefix(while: { $0 == " " }).count
    }

    static func dropIndent(_ line: Substring, upTo count: Int) -> Substring {
        line.dropFirst(min(indentation(line), count))
    }

    /// `# Title #` → (1, "Title"). Requires 1–6 `#`, at most 3 spaces of indent, and a space or
    /// the end of the line after the hashes (`#hashtag` is not a heading).
    static func atxHeading(_ line: Substring) -> (Int, String)? {
        // Every marker is ASCII: work on UTF-8 bytes, never splitting a multi-byte character.
        let bytes = line.utf8
        let space = UInt8(ascii: " ")
        let tab = UInt8(ascii: "\t")
        let hash = UInt8(ascii: "#")
        var start = bytes.startIndex
        var indent = 0
        while start != bytes.endIndex, bytes[start] == space {
            indent += 1
            start = bytes.index(after: start)
        }
        guard indent <= 3 else { return nil }
        var hashes = 0
        while start != bytes.endIndex, bytes[start] == hash {
            hashes += 1
            start = bytes.index(after: start)
        }
        guard (1...6).contains(hashes) else { return nil }
        guard start == bytes.endIndex || bytes[start] == space || bytes[start] == tab else { return nil }
        var end = bytes.endIndex
        func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
        while start != end, isBlank(bytes[start]) { start = bytes.index(after: start) }
        while end != start, isBlank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        // Remove an optional closing sequence of #s preceded by a space.
        var beforeClosing = end
        while beforeClosing != start, bytes[bytes.index(before: beforeClosing)] == hash {
            beforeClosing = bytes.index(before: beforeClosing)
        }
        if beforeClosing != end, beforeClosing == start || isBlank(bytes[bytes.index(before: beforeClosing)]) {
            end = beforeClosing
        }
        let title = String(line[start..<end])
        return (hashes, String(trimmed(Substring(title))))
    }

    /// `===` → 1, `---` → 2 (at most 3 spaces of indent, trailing spaces allowed).
    static func setextLevel(_ line: Substring) -> Int? {
        guard indentation(line) <= 3 else { return nil }
        let body = trimmed(line)
        guard let first = body.first, first == "=" || first == "-" else { return nil }
        guard body.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    /// `***`, `---`, `___` (three or more, spaces allowed between).
    static func isThematicBreak(_ line: Substring) -> Bool {
        guard indentation(line) <= 3 else { return false }
        let body = line.filter { $0 != " " && $0 != "\t" }
        guard body.count >= 3, let first = body.first, "*-_".contains(first) else { return false }
        return body.allSatisfy { $0 == first }
    }

    /// An opening code fence: 3+ backticks or tildes after at most 3 spaces.
    static func openingFence(_ line: Substring) -> (marker: Character, count: Int, indent: Int)? {
        let indent = indentation(line)
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let marker = rest.first, marker == "`" || marker == "~" else { return nil }
        let count = rest.prefix(while: { $0 == marker }).count
        guard count >= 3 else { return nil }
        if marker == "`", rest.dropFirst(count).contains("`") { return nil }
        return (marker, count, indent)
    }

    static func isClosingFence(_ line: Substring, marker: Character, count: Int) -> Bool {
        guard indentation(line) <= 3 else { return false }
        let body = trimmed(line)
        return body.count >= count && body.allSatisfy { $0 == marker }
    }

    /// `[label]: https://example.com "Title"`.
    static func isLinkReferenceDefinition(_ line: Substring) -> Bool {
        let body = line.drop(while: { $0 == " " })
        guard body.first == "[", let close = body.firstIndex(of: "]") else { return false }
        let after = body[body.index(after: close)...]
        return after.first == ":" && !body[body.index(after: body.startIndex)..<close].isEmpty
            && !after.dropFirst().allSatisfy(\.isWhitespace)
    }

    /// Removes front matter from the top of `lines` and returns its title, if any.
    static func stripFrontMatter(_ lines: inout ArraySlice<Substring>) -> String? {
        guard let first = lines.first.map(trimmed), first == "---" || first == "+++"
        else { return nil }
        let closers: Set<String> = first == "---" ? ["---", "..."] : ["+++"]
        guard
            let end = lines.dropFirst().firstIndex(where: {
                closers.contains(String(trimmed($0)))
            })
        else { return nil }
        var title: String?
        for line in lines[(lines.startIndex + 1)..<end] where title == nil {
            let separator: Character = first == "---" ? ":" : "="
            guard let split = line.firstIndex(of: separator) else { continue }
            let key = trimmed(line[..<split]).lowercased()
            guard key == "title" else { continue }
            var value = String(trimmed(line[line.index(after: split)...]))
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            if !value.isEmpty { title = value }
        }
        lines = lines[(end + 1)...]
        return title
    }
}
