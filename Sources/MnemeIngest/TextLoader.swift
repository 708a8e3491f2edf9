public import Foundation

/// Loads plain text: paragraphs are separated by one or more blank lines; there are no headings,
/// so the document has one section with an empty heading path. The title is the file name
/// without its extension.
///
/// ```swift
/// let document = TextLoader().load("First paragraph.\n\nSecond.", uri: URL(filePath: "/notes.txt"))
/// document?.blocks.count  // 2
/// ```
public struct TextLoader: Sendable {
    /// Creates a plain-text loader.
    public init() {}

    /// Builds a document from decoded text; `nil` if there is no non-blank text.
    public func load(_ text: String, uri: URL, encoding: TextEncoding = .utf8) -> LoadedDocument? {
        var builder = DocumentBuilder()
        for paragraph in Self.paragraphs(TextDecoder.normalizeNewlines(text)) {
            builder.block(paragraph)
        }
        return builder.build(title: Self.fileTitle(uri), uri: uri, format: .plainText, encoding: encoding)
    }

    /// Splits text at blank lines (lines that are empty or whitespace only).
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in DocumentBuilder.lines(text) {
            if DocumentBuilder.isBlank(line) {
                if !current.isEmpty { result.append(current.joined(separator: "\n")) }
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: "\n")) }
        return result
    }

    /// The file name without its extension, for documents without a title of their own.
    static func fileTitle(_ uri: URL) -> String {
        let stem = uri.deletingPathExtension().lastPathComponent
        return stem.isEmpty ? uri.absoluteString : stem
    }
}
