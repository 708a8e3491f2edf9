/// An error of the ``Engine`` that is not the store's or a provider's own.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable {
            case unknownPersona, unknownSession, emptyMessage, configuration
        }

        private let base: Base
        /// No persona has that id.
        public static let unknownPersona = Code(base: .unknownPersona)
        /// The session is not the user's.
        public static let unknownSession = Code(base: .unknownSession)
        /// The message has no text.
        public static let emptyMessage = Code(base: .emptyMessage)
        /// The configuration cannot work (for example an unknown model name).
        public static let configuration = Code(base: .configuration)
    }

    public let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
