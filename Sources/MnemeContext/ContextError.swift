/// An error of the context builder.
public struct ContextError: Error, Sendable, CustomStringConvertible {
    /// The kind of error.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case invalidLimits, invalidPolicy, budgetTooSmall
        }
        private let base: Base

        /// The model limits leave no prompt budget (window ≤ reserved output + margin) or are negative.
        public static let invalidLimits = Code(base: .invalidLimits)
        /// A budget policy share or limit is out of range.
        public static let invalidPolicy = Code(base: .invalidPolicy)
        /// Even the trimmed system instruction and user message (with message overheads) do not fit.
        public static let budgetTooSmall = Code(base: .budgetTooSmall)

        /// The code's name.
        public var description: String {
            switch base {
            case .invalidLimits: "invalidLimits"
            case .invalidPolicy: "invalidPolicy"
            case .budgetTooSmall: "budgetTooSmall"
            }
        }
    }

    /// The kind of error.
    public let code: Code
    /// What went wrong and what to change.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `ContextError(code): message`.
    public var description: String { "ContextError(\(code)): \(message)" }
}
