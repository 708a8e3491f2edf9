/// An error of the dataset tools (export, import, validation, split) that is not the store's.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument, unreadableFile
        }

        private let base: Base
        /// An argument out of range (a fraction, a format name, a date).
        public static let invalidArgument = Code(base: .invalidArgument)
        /// A file that cannot be read or is not text.
        public static let unreadableFile = Code(base: .unreadableFile)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and what to do.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
