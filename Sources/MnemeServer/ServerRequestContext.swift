public import Hummingbird
public import MnemeStore
import Synchronization

/// The request context of `mneme serve`: Hummingbird's core storage plus the API key that
/// authenticated the request (set by the authentication middleware; `nil` on public endpoints).
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authentication of the request, shared with the outer middlewares (the access log).
    public let auth: RequestAuth
    /// The request's id, as the access log and error messages name it.
    public let requestID: String

    /// Creates a context for a request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        auth = RequestAuth()
        requestID =
            source.logger[metadataKey: "hb.request.id"]?.description
            ?? String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// The tenant of the authenticated key.
    func tenant() throws -> String {
        guard let key = auth.key else { throw APIError.unauthorized("An API key is required.") }
        return key.tenant
    }
}

/// The API key a request was authenticated with, once known.
public final class RequestAuth: Sendable {
    private let storage = Mutex<APIKeyRecord?>(nil)

    /// The key, or `nil` before authentication (and on public endpoints).
    public var key: APIKeyRecord? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
