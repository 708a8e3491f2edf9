public import Foundation

/// A file turned into plain text with its structure: title, sections with heading paths, and blocks
/// whose ranges point into ``text``.
///
/// ``text`` is the whole document as plain text: heading lines and blocks in order, separated by a
/// blank line (`"\n\n"`). All ranges (``TextBlock/range``, ``DocumentSection/headingRange``) are
/// **Unicode scalar offsets** into ``text``; use ``text(in:)`` to slice.
///
/// ```swift
/// let document = try DocumentLoader().load(contentsOf: URL(filePath: "handbook/hr/vacation-policy.md"))
/// for section in document.sections {
///     print(section.headingPath.joined(separator: " > "), section.blocks.count)
/// }
/// ```
public struct LoadedDocument: Sendable, Hashable {
    /// The title: HTML `<title>`, Markdown front-matter `title:`, else the first level-1 heading,
    /// else the file name without its extension.
    public var title: String
    /// Where the document came from (a `file:` URL for files).
    public var uri: URL
    /// The source format.
    public var format: DocumentFormat
    /// How the bytes were decoded (``TextEncoding/latin1`` marks the Windows-1252 fallback).
    public var encoding: TextEncoding
    /// The full plain text; every range in ``sections`` points into it.
    public var text: String
    /// The sections in document order. Text before the first heading forms a section with an
    /// empty heading path.
    public var sections: [DocumentSection]

    /// Creates a document.
    public init(
        title: String,
        uri: URL,
        format: DocumentFormat,
        encoding: TextEncoding,
        text: String,
        sections: [DocumentSection]
    ) {
        self.title = title
        self.uri = uri
        self.format = format
        self.encoding = encoding
        self.text = text
        self.sections = sections
    }

    /// The part of ``text`` at a range of Unicode scalar offsets (clamped to the text).
    public func text(in range: Range<Int>) -> Substring {
        let scalars = text.unicodeScalars
        let count = scalars.count
        let lower = min(max(range.lowerBound, 0), count)
        let upper = min(max(range.upperBound, lower), count)
        let start = scalars.index(scalars.startIndex, offsetBy: lower)
        let end = scalars.index(start, offsetBy: upper - lower)
        return Substring(scalars[start..<end])
    }

    /// All blocks of all sections, in document order.
    public var blocks: [TextBlock] { sections.flatMap(\.blocks) }
}
