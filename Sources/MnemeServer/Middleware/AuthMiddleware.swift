import HTTPTypes
import Hummingbird
import MnemeStore

/// Checks the `Authorization: Bearer <key>` header (or `api-key`, as Azure clients send it),
/// puts the key in the context, enforces the scope and the key's rate limit.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    let keys: APIKeys
    let required: APIKeyScope
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let presented = Self.presentedKey(request) else {
            throw APIError.unauthorized(
                "Missing API key: send 'Authorization: Bearer <key>' (create one with `mneme keys create`).")
        }
        guard let key = try await keys.authenticate(presented) else {
            throw APIError.unauthorized("The API key is unknown or revoked.")
        }
        context.auth.key = key
        if required == .admin && key.scope != .admin {
            throw APIError.forbidden("This endpoint needs an admin key; this key has the chat scope.")
        }
        if let wait = limiter.acquire(key.prefix) {
            var error = APIError(
                .tooManyRequests, type: "rate_limit_error", code: "rate_limit_exceeded",
                "Too many requests for this key; retry after \(wait) s.")
            error.headers[.retryAfter] = String(wait)
            throw error
        }
        return try await next(request, context)
    }

    static func presentedKey(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return String(parts[1]).trimmingCharacters(in: .whitespaces)
            }
            return nil
        }
        if let name = HTTPField.Name("api-key"), let value = request.headers[name] { return value }
        return nil
    }
}
