import Hummingbird

/// CORS for the listed origins only (`*` for any). With no origins configured the middleware is
/// not installed and no CORS header is ever sent. Preflight requests are answered here, before
/// authentication (browsers send them without credentials).
struct CORSPolicy: RouterMiddleware {
    typealias Context = ServerRequestContext

    let origins: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let origin = request.headers[.origin], origins.contains("*") || origins.contains(origin) else {
            return try await next(request, context)
        }
        let allowed = origins.contains("*") ? "*" : origin
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers: HTTPFields = [
                .accessControlAllowOrigin: allowed,
                .accessControlAllowMethods: "GET, POST, PUT, DELETE, OPTIONS",
                .accessControlAllowHeaders:
                    "Authorization, Content-Type, X-Mneme-User, X-Mneme-Session, X-Mneme-Persona",
                .accessControlMaxAge: "600",
            ]
            headers[.vary] = "Origin"
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = allowed
        response.headers[.accessControlExposeHeaders] = "X-Mneme-Session"
        response.headers[.vary] = "Origin"
        return response
    }
}
