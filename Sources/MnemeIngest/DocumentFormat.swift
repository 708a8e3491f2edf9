/// The source format a ``LoadedDocument`` was read from.
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable {
    /// Plain text (`.txt`, `.text`, or an extension-less file that sniffs as text).
    case plainText = "text"
    /// CommonMark-style Markdown (`.md`, `.markdown`, `.mdown`, `.mkd`).
    case markdown
    /// HTML (`.html`, `.htm`, `.xhtml`).
    case html
    /// PDF, converted by poppler's `pdftotext`.
    case pdf

    /// The format for a file-name extension (case-insensitive), or `nil` if no loader handles it.
    ///
    /// ```swift
    /// DocumentFormat(fileExtension: "MD")  // .markdown
    /// ```
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "txt", "text": self = .plainText
        case "md", "markdown", "mdown", "mkd", "mkdn": self = .markdown
        case "html", "htm", "xhtml": self = .html
        case "pdf": self = .pdf
        default: return nil
        }
    }
}
