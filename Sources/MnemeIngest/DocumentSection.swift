/// A run of blocks under one heading (or one PDF page).
///
/// ```swift
/// // "# Handbook\n## Leave\n### Sick leave\nText"
/// section.headingPath  // ["Handbook", "Leave", "Sick leave"]
/// section.headingLevel // 3
/// ```
public struct DocumentSection: Sendable, Hashable {
    /// The titles of the enclosing headings, outermost first; the last one is this section's own
    /// heading. Empty for text that comes before the first heading (and for every PDF page).
    public var headingPath: [String]
    /// The level (1–6) of this section's heading, or `nil` when it has none.
    public var headingLevel: Int?
    /// Where the heading's own line sits in ``LoadedDocument/text`` (Unicode scalar offsets), if any.
    public var headingRange: Range<Int>?
    /// The 1-based page number for PDF documents; `nil` for other formats.
    public var page: Int?
    /// The section's blocks in document order. May be empty (a heading directly followed by another).
    public var blocks: [TextBlock]

    /// Creates a section.
    public init(
        headingPath: [String] = [],
        headingLevel: Int? = nil,
        headingRange: Range<Int>? = nil,
        page: Int? = nil,
        blocks: [TextBlock] = []
    ) {
        self.headingPath = headingPath
        self.headingLevel = headingLevel
        self.headingRange = headingRange
        self.page = page
        self.blocks = blocks
    }

    /// This section's own heading (the last element of ``headingPath``), if any.
    public var heading: String? { headingLevel == nil ? nil : headingPath.last }
}
