/// An error raised by ``Store``.
///
/// Every error carries a ``message`` a person can act on; the ``code`` tells the kind of
/// failure to code that wants to react to it:
///
/// ```swift
/// do {
///     _ = try Store(path: "/tmp/notes.txt")
/// } catch let error as StoreError where error.code == .notADatabase {
///     print(error.message)  // "…/notes.txt is not an SQLite database …"
/// }
/// ```
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of a ``StoreError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notADatabase
            case notMneme
            case newerSchema
            case cannotOpen
            case notFound
            case invalidInput
            case database
        }

        private let base: Base

        /// The file is not an SQLite database (it is corrupt, or some other kind of file).
        public static let notADatabase = Code(base: .notADatabase)
        /// The file is an SQLite database, but not one Mneme created.
        public static let notMneme = Code(base: .notMneme)
        /// The database was written by a newer version of Mneme.
        public static let newerSchema = Code(base: .newerSchema)
        /// The file cannot be opened or created (permissions, missing folder).
        public static let cannotOpen = Code(base: .cannotOpen)
        /// The requested record does not exist for this user (or belongs to someone else).
        public static let notFound = Code(base: .notFound)
        /// The caller passed a value the store does not accept.
        public static let invalidInput = Code(base: .invalidInput)
        /// SQLite reported an error.
        public static let database = Code(base: .database)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and, where possible, what to do about it.
    public let message: String

    /// Creates an error of the given kind.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension StoreError {
    static func notFound(_ what: String) -> StoreError {
        StoreError(.notFound, "\(what) was not found for this user.")
    }

    static func invalid(_ message: String) -> StoreError {
        StoreError(.invalidInput, message)
    }
}
