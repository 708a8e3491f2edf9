/// The error of MnemeTuning's jobs and evaluation: what went wrong, in words a user can act on,
/// never containing an API key or token.
///
/// ```swift
/// do {
///     _ = try await jobs.create(spec)
/// } catch let error as TuningError where error.code == .unsupported {
///     print(error.message)  // Anthropic has no public fine-tuning API …
/// }
/// ```
public struct TuningError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case configuration, unsupported, invalidInput, notFound, notReady, provider, invalidResponse
        }
        private let base: Base
        private init(base: Base) { self.base = base }

        /// A key, project or base URL is missing.
        public static let configuration = Code(base: .configuration)
        /// The provider cannot do this (Anthropic fine-tuning, Vertex events, local files for Vertex).
        public static let unsupported = Code(base: .unsupported)
        /// A file, option or argument is not acceptable.
        public static let invalidInput = Code(base: .invalidInput)
        /// No such job, run or route (for this tenant).
        public static let notFound = Code(base: .notFound)
        /// The job has not produced a model yet (registration before success).
        public static let notReady = Code(base: .notReady)
        /// The provider answered with an error status, or could not be reached.
        public static let provider = Code(base: .provider)
        /// The provider's answer could not be read.
        public static let invalidResponse = Code(base: .invalidResponse)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// An explanation a user can act on.
    public let message: String
    /// The HTTP status, for provider errors that came with one.
    public let status: Int?

    /// Creates an error; keep secrets out of `message`.
    public init(_ code: Code, _ message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
    }

    public var description: String { message }
}
