import Foundation
import Hummingbird
import Logging

/// The outermost middleware: turns every error into an ``APIError`` response, counts the request
/// in ``ServerMetrics`` and writes one access-log line when the response (a stream included)
/// has been written. The line holds the method, the matched route pattern (not the path, which
/// may carry user ids), the status, the duration, the body size, and the key's prefix and tenant
/// — never a message's content, a key or a header's value.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    let logger: Logger
    let metrics: ServerMetrics
    let enabled: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        metrics.requestStarted()
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = APIError.from(error, requestID: context.requestID)
            if apiError.status == .internalServerError {
                context.logger.error(
                    "request failed", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
            }
            response = try apiError.response(from: request, context: context)
        }
        let status = response.status.code
        let finish: @Sendable () -> Void = { [logger, metrics, enabled] in
            let route = context.endpointPath ?? "unmatched"
            metrics.requestFinished(route: route, method: request.method.rawValue, status: status)
            guard enabled else { return }
            var metadata: Logger.Metadata = [
                "request_id": "\(context.requestID)", "method": "\(request.method.rawValue)", "route": "\(route)",
                "status": "\(status)",
                "duration_ms":
                    "\(String(format: "%.1f", Double((ContinuousClock.now - started) / .microseconds(1)) / 1000))",
            ]
            if let length = request.headers[.contentLength] { metadata["bytes_in"] = "\(length)" }
            if let key = context.auth.key {
                metadata["key"] = "\(key.prefix)"
                metadata["tenant"] = "\(key.tenant)"
            }
            logger.info("access", metadata: metadata)
        }
        let body = response.body
        response.body = ResponseBody { writer in
            do {
                try await body.write(writer)
            } catch {
                finish()
                throw error
            }
            finish()
        }
        return response
    }
}
