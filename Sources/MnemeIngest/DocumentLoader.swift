public import Foundation

/// Loads a file into a ``LoadedDocument``, choosing the loader by extension and content.
///
/// Steps, each of which can end in a ``LoadError`` (a skip with a reason):
/// 1. The path must name an existing regular file (symbolic links are followed).
/// 2. Its size is checked **before** reading: over ``Configuration/maxFileSize`` → `tooLarge`,
///    zero bytes → `empty`. The read itself is capped at the limit, so memory stays bounded even if
///    the file grows meanwhile.
/// 3. The extension picks the format (``DocumentFormat/init(fileExtension:)``); an unknown extension
///    is `unsupportedFormat`. A file without an extension is sniffed: `%PDF-` → PDF, a leading
///    `<!doctype html` or `<html` → HTML, other text → plain text.
/// 4. PDFs go to ``PDFLoader``. Other bytes are decoded by the text sniffer: binary content (a known
///    signature such as PNG, NUL bytes, control characters, mostly invalid UTF-8) → `binary`; invalid
///    UTF-8 that looks like text falls back to Windows-1252/Latin-1 and reports
///    ``TextEncoding/latin1``.
/// 5. The format's loader runs; if no text is left (only markup, only whitespace) → `empty`.
///
/// ```swift
/// let loader = DocumentLoader(configuration: .init(maxFileSize: 10 << 20))
/// switch Result(catching: { () throws(LoadError) in try loader.load(contentsOf: url) }) {
/// case .success(let document): print(document.title, document.sections.count)
/// case .failure(let skip): print("skipped \(url.lastPathComponent): \(skip)")
/// }
/// ```
public struct DocumentLoader: Sendable {
    /// Limits and converter settings.
    public struct Configuration: Sendable {
        /// The largest file read, in bytes (default 50 MiB). Larger files are skipped unread.
        public var maxFileSize: Int64
        /// The PDF converter settings (executable, timeout, output cap).
        public var pdf: PDFLoader

        /// Creates a configuration.
        public init(maxFileSize: Int64 = 50 << 20, pdf: PDFLoader = PDFLoader()) {
            self.maxFileSize = maxFileSize
            self.pdf = pdf
        }
    }

    /// The configuration in use.
    public var configuration: Configuration

    /// Creates a loader.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Loads the file at `url`, or throws the reason it is skipped.
    public func load(contentsOf url: URL) throws(LoadError) -> LoadedDocument {
        let fileURL = url.resolvingSymlinksInPath()
        let path = url.path
        let size = try Self.regularFileSize(fileURL, displayPath: path)
        if size > configuration.maxFileSize {
            throw .tooLarge(path, size: size, limit: configuration.maxFileSize)
        }
        if size == 0 { throw .empty(path) }
        let ext = url.pathExtension
        let format = DocumentFormat(fileExtension: ext)
        if format == nil, !ext.isEmpty { throw .unsupported(path, ext: ext) }
        if format == .pdf {
            try Self.checkReadable(fileURL, displayPath: path)
            return try configuration.pdf.load(contentsOf: url)
        }
        return try load(read(fileURL, displayPath: path), contentsOf: url)
    }

    /// Loads a file from bytes the caller has read already (steps 3 to 5 above; the size limit
    /// and the empty check apply to `bytes`). The indexer reads each file once, to hash it and
    /// to load it. A PDF is converted from the file at `url`, not from `bytes`.
    ///
    /// ```swift
    /// let bytes = [UInt8](try Data(contentsOf: url))
    /// let document = try DocumentLoader().load(bytes, contentsOf: url)
    /// ```
    public func load(_ bytes: [UInt8], contentsOf url: URL) throws(LoadError) -> LoadedDocument {
        let path = url.path
        let limit = configuration.maxFileSize
        if Int64(bytes.count) > limit { throw .tooLarge(path, size: Int64(bytes.count), limit: limit) }
        if bytes.isEmpty { throw .empty(path) }
        let ext = url.pathExtension
        let format = DocumentFormat(fileExtension: ext)
        if format == nil, !ext.isEmpty { throw .unsupported(path, ext: ext) }
        if format == .pdf || (format == nil && bytes.starts(with: Array("%PDF-".utf8))) {
            return try configuration.pdf.load(contentsOf: url)
        }
        let (text, encoding): (String, TextEncoding)
        switch TextDecoder.decode(bytes) {
        case .binary(let kind): throw .binary(path, kind: kind)
        case .text(let decoded, let detected): (text, encoding) = (decoded, detected)
        }
        let resolved = format ?? Self.sniffFormat(text)
        let document: LoadedDocument?
        switch resolved {
        case .plainText: document = TextLoader().load(text, uri: url, encoding: encoding)
        case .markdown: document = MarkdownLoader().load(text, uri: url, encoding: encoding)
        case .html: document = HTMLLoader().load(text, uri: url, encoding: encoding)
        case .pdf: document = try configuration.pdf.load(contentsOf: url)
        }
        guard let document else { throw .empty(path, afterMarkup: resolved != .plainText) }
        return document
    }

    /// HTML if the text starts (after whitespace and a BOM) with a doctype or `<html`, else plain text.
    static func sniffFormat(_ text: String) -> DocumentFormat {
        let head = text.prefix(512).drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html") ? .html : .plainText
    }

    // MARK: - File access

    static func regularFileSize(_ url: URL, displayPath: String) throws(LoadError) -> Int64 {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { throw .notFound(displayPath) }
            throw .unreadable(displayPath, reason: "cannot inspect the file")
        }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else { throw .notRegularFile(displayPath) }
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }

    static func checkReadable(_ url: URL, displayPath: String) throws(LoadError) {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            try? handle.close()
        } catch {
            throw .unreadable(displayPath, reason: "permission denied or I/O error")
        }
    }

    /// Reads at most `maxFileSize` bytes; a file that grew past the limit since `stat` is rejected.
    func read(_ url: URL, displayPath: String) throws(LoadError) -> [UInt8] {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw .unreadable(displayPath, reason: "permission denied or I/O error")
        }
        defer { try? handle.close() }
        let limit = configuration.maxFileSize
        let data: Data
        do {
            data = try handle.read(upToCount: Int(clamping: limit + 1)) ?? Data()
        } catch {
            throw .unreadable(displayPath, reason: "read failed")
        }
        if Int64(data.count) > limit { throw .tooLarge(displayPath, size: Int64(data.count), limit: limit) }
        if data.isEmpty { throw .empty(displayPath) }
        return [UInt8](data)
    }
}
