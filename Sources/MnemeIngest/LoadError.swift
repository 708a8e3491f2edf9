/// Why a file was not turned into a ``LoadedDocument``.
///
/// Every failure of ``DocumentLoader`` is a *skip*: the folder indexer records the code and message
/// and moves on, so one bad file never stops a run and no garbage reaches the index.
///
/// ```swift
/// do {
///     let document = try loader.load(contentsOf: url)
/// } catch {
///     if error.code == .binary { print("skipped:", error.message) }
/// }
/// ```
public struct LoadError: Error, Sendable, CustomStringConvertible, Hashable {
    /// A stable, comparable identifier of the failure kind.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notFound = "not-found"
            case notRegularFile = "not-regular-file"
            case unreadable
            case tooLarge = "too-large"
            case empty
            case binary
            case unsupportedFormat = "unsupported-format"
            case pdftotextMissing = "pdftotext-missing"
            case pdftotextFailed = "pdftotext-failed"
            case timeout
        }

        private let base: Base

        /// The file does not exist.
        public static let notFound = Code(base: .notFound)
        /// The path names a directory, socket, device or other non-regular file.
        public static let notRegularFile = Code(base: .notRegularFile)
        /// The file exists but could not be opened or read (permissions, I/O error).
        public static let unreadable = Code(base: .unreadable)
        /// The file is larger than ``DocumentLoader/Configuration/maxFileSize``; it was not read.
        public static let tooLarge = Code(base: .tooLarge)
        /// The file, or the text left after removing markup, is empty.
        public static let empty = Code(base: .empty)
        /// The content is binary (NUL bytes, a known binary signature, or too many invalid characters).
        public static let binary = Code(base: .binary)
        /// The extension names a format Mneme has no loader for (for example `.docx`).
        public static let unsupportedFormat = Code(base: .unsupportedFormat)
        /// The file is a PDF but the `pdftotext` tool is not installed.
        public static let pdftotextMissing = Code(base: .pdftotextMissing)
        /// `pdftotext` ran but failed (damaged or encrypted PDF) or produced unusable output.
        public static let pdftotextFailed = Code(base: .pdftotextFailed)
        /// An external converter did not finish within the configured timeout and was stopped.
        public static let timeout = Code(base: .timeout)

        /// A short kebab-case name, suitable for logs and for storing in the index (`"too-large"`).
        public var description: String { base.rawValue }
    }

    /// The failure kind.
    public var code: Code
    /// A message a user can act on; it names the file and, where possible, the fix.
    public var message: String

    /// Creates an error with a code and a user-facing message.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code): \(message)" }
}

extension LoadError {
    static func notFound(_ path: String) -> LoadError {
        LoadError(code: .notFound, message: "No such file: \(path)")
    }

    static func notRegularFile(_ path: String) -> LoadError {
        LoadError(code: .notRegularFile, message: "Not a regular file (directory or device): \(path)")
    }

    static func unreadable(_ path: String, reason: String) -> LoadError {
        LoadError(code: .unreadable, message: "Cannot read \(path): \(reason). Check the file's permissions.")
    }

    static func tooLarge(_ path: String, size: Int64, limit: Int64) -> LoadError {
        LoadError(
            code: .tooLarge,
            message: "\(path) is \(size) bytes, over the \(limit)-byte limit; it was not read. "
                + "Raise maxFileSize to index it."
        )
    }

    static func empty(_ path: String, afterMarkup: Bool = false) -> LoadError {
        LoadError(
            code: .empty,
            message: afterMarkup
                ? "empty: \(path) has no visible text after removing markup" : "empty: \(path) is empty"
        )
    }

    static func binary(_ path: String, kind: String) -> LoadError {
        LoadError(code: .binary, message: "\(path) looks like binary data (\(kind)); it was not indexed")
    }

    static func unsupported(_ path: String, ext: String) -> LoadError {
        LoadError(
            code: .unsupportedFormat,
            message: "\(path): no loader for '.\(ext)' files (supported: txt, md, html, pdf)"
        )
    }

    static let pdftotextHint = "pdftotext not installed (apt-get install poppler-utils)"
}
