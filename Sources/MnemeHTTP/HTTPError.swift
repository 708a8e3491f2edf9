/// The one error type of MnemeHTTP.
///
/// Messages name the method, host and path of the request (with secret query parameters such as
/// `key=` redacted, see ``URLRedaction``) but never contain header values or request bodies,
/// so they can be logged and shown to users.
///
/// ```swift
/// do {
///     _ = try await client.execute(request)
/// } catch let error as HTTPError where error.code == .timeout {
///     print(error)  // "timeout: POST https://api.example.com/v1/chat: no data received for 60 s (idle timeout)"
/// }
/// ```
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case timeout, cancelled, invalidURL, invalidRequest, dnsFailed, connectionFailed
            case connectionLost, tls, tooManyRedirects, malformedResponse, other
        }
        private let base: Base
        private init(base: Base) { self.base = base }

        /// The total, connect or idle timeout elapsed.
        public static let timeout = Code(base: .timeout)
        /// The calling task was cancelled, the body was abandoned, or the client was shut down.
        public static let cancelled = Code(base: .cancelled)
        /// The URL could not be parsed or uses a scheme other than http/https.
        public static let invalidURL = Code(base: .invalidURL)
        /// The request is malformed (for example a header containing a line break).
        public static let invalidRequest = Code(base: .invalidRequest)
        /// The host (or proxy) name could not be resolved.
        public static let dnsFailed = Code(base: .dnsFailed)
        /// No connection could be established (refused, unreachable). Nothing was sent.
        public static let connectionFailed = Code(base: .connectionFailed)
        /// The connection broke after the request was (partly) sent, for example in the middle of the body.
        public static let connectionLost = Code(base: .connectionLost)
        /// TLS handshake or certificate verification failed.
        public static let tls = Code(base: .tls)
        /// More redirects than allowed.
        public static let tooManyRedirects = Code(base: .tooManyRedirects)
        /// The server's response is not valid HTTP, or a stream ended in the middle of an event.
        public static let malformedResponse = Code(base: .malformedResponse)
        /// Anything else (see the message).
        public static let other = Code(base: .other)

        public var description: String {
            switch base {
            case .timeout: "timeout"
            case .cancelled: "cancelled"
            case .invalidURL: "invalidURL"
            case .invalidRequest: "invalidRequest"
            case .dnsFailed: "dnsFailed"
            case .connectionFailed: "connectionFailed"
            case .connectionLost: "connectionLost"
            case .tls: "tls"
            case .tooManyRedirects: "tooManyRedirects"
            case .malformedResponse: "malformedResponse"
            case .other: "other"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation, free of secrets.
    public let message: String

    /// Creates an error. Callers are responsible for keeping secrets out of `message`.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
