/// An error raised by ``Tokenizer`` and the vocabulary loader.
///
/// Every error carries a ``Code`` to switch on and a message a user can act on.
///
/// ```swift
/// do {
///     _ = try tokenizer.encode("<|endoftext|>")
/// } catch let error as TokenizerError where error.code == .disallowedSpecialToken {
///     print(error.message)
/// }
/// ```
public struct TokenizerError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case vocabularyMissing
            case vocabularyCorrupt
            case disallowedSpecialToken
            case invalidToken
            case unknownEncoding
            case tokenizerNotPublic
        }

        private let base: Base

        private init(base: Base) {
            self.base = base
        }

        /// The vocabulary file could not be found or read.
        public static let vocabularyMissing = Code(base: .vocabularyMissing)
        /// The vocabulary file exists but does not have the expected shape or content.
        public static let vocabularyCorrupt = Code(base: .vocabularyCorrupt)
        /// The text contains a special token that the caller did not allow (tiktoken's `ValueError`).
        public static let disallowedSpecialToken = Code(base: .disallowedSpecialToken)
        /// A token id given to `decode` is not in the vocabulary (tiktoken's `KeyError`).
        public static let invalidToken = Code(base: .invalidToken)
        /// An encoding name that this package does not ship.
        public static let unknownEncoding = Code(base: .unknownEncoding)
        /// The model's tokenizer is not public (Claude, Gemini, local models): only estimates exist.
        public static let tokenizerNotPublic = Code(base: .tokenizerNotPublic)

        public var description: String {
            switch base {
            case .vocabularyMissing: return "vocabularyMissing"
            case .vocabularyCorrupt: return "vocabularyCorrupt"
            case .disallowedSpecialToken: return "disallowedSpecialToken"
            case .invalidToken: return "invalidToken"
            case .unknownEncoding: return "unknownEncoding"
            case .tokenizerNotPublic: return "tokenizerNotPublic"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable explanation with a hint on how to fix it.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String {
        "TokenizerError(\(code)): \(message)"
    }
}
