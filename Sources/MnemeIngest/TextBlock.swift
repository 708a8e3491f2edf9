/// One block of a document's plain text: a paragraph, list item group, table row or code block.
///
/// ``range`` addresses ``LoadedDocument/text`` in **Unicode scalar offsets** (code points, the unit
/// SQLite's `substr()`/`length()` and Python's `str` use), so a chunk can cite an exact place:
///
/// ```swift
/// let block = document.sections[0].blocks[0]
/// assert(document.text(in: block.range) == block.text)
/// ```
public struct TextBlock: Sendable, Hashable {
    /// What kind of block this is; the chunker keeps code blocks whole where it can.
    public enum Kind: String, Sendable, Hashable {
        /// Running text: a paragraph, a list, a table row, a quote.
        case paragraph
        /// Preformatted text (a Markdown code fence or indented code, HTML `<pre>`), whitespace kept.
        case code
    }

    /// The block's text, exactly as it appears in ``LoadedDocument/text`` at ``range``.
    public var text: String
    /// The block's position in ``LoadedDocument/text``, in Unicode scalar offsets.
    public var range: Range<Int>
    /// Paragraph or code.
    public var kind: Kind

    /// Creates a block.
    public init(text: String, range: Range<Int>, kind: Kind = .paragraph) {
        self.text = text
        self.range = range
        self.kind = kind
    }
}
