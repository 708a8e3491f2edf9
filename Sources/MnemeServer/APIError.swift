import Foundation
public import HTTPTypes
public import Hummingbird
import Mneme
import MnemeProviders
import MnemeStore
import NIOCore

/// An error answered in OpenAI's shape, by every endpoint of `mneme serve`:
/// `{"error": {"message": …, "type": …, "param": null, "code": …}}`.
///
/// Messages say what to fix; they never hold stack traces, file paths, keys or message contents.
public struct APIError: Error, Sendable, HTTPResponseError, CustomStringConvertible {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// OpenAI's error type (`invalid_request_error`, `authentication_error`, …).
    public let type: String
    /// A short machine-readable code (`invalid_api_key`, `model_not_found`, …), if any.
    public let code: String?
    /// What went wrong.
    public let message: String
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPFields = [:]

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, type: String, code: String? = nil, _ message: String) {
        self.status = status
        self.type = type
        self.code = code
        self.message = message
    }

    public var description: String { "\(status.code) \(type): \(message)" }

    /// The JSON body.
    var json: [String: Any] {
        ["error": ["message": message, "type": type, "param": NSNull(), "code": code.map { $0 as Any } ?? NSNull()]]
    }

    /// The error as a response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSON.encode(json))))
    }

    static func badRequest(_ message: String, code: String? = nil) -> APIError {
        APIError(.badRequest, type: "invalid_request_error", code: code, message)
    }

    static func notFound(_ message: String, code: String? = "not_found") -> APIError {
        APIError(.notFound, type: "invalid_request_error", code: code, message)
    }

    static func unauthorized(_ message: String) -> APIError {
        var error = APIError(.unauthorized, type: "authentication_error", code: "invalid_api_key", message)
        error.headers[.wwwAuthenticate] = "Bearer"
        return error
    }

    static func forbidden(_ message: String) -> APIError {
        APIError(.forbidden, type: "permission_error", code: "insufficient_scope", message)
    }

    static func internalError(requestID: String) -> APIError {
        APIError(
            .internalServerError, type: "server_error", code: "internal_error",
            "Mneme failed to handle the request (request id \(requestID)); the server log has the details.")
    }
}

extension APIError {
    /// Maps any error to what the client may see. Unknown errors become a bare 500 with the
    /// request id (their details go to the server log only).
    static func from(_ error: any Error, requestID: String) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            return fromHTTP(error)
        case is NIOTooManyBytesError:
            return APIError(
                .contentTooLarge, type: "invalid_request_error", code: "body_too_large",
                "The request body is larger than this endpoint accepts.")
        case let error as DecodingError:
            return .badRequest("Malformed JSON: \(JSON.describe(error))", code: "invalid_json")
        case let error as StoreError:
            switch error.code {
            case .notFound: return .notFound(error.message)
            case .invalidInput: return .badRequest(error.message)
            default: return .internalError(requestID: requestID)
            }
        case let error as EngineError:
            switch error.code {
            case .emptyMessage, .unknownPersona: return .badRequest(error.message)
            case .unknownSession: return .notFound(error.message, code: "session_not_found")
            default: return .internalError(requestID: requestID)
            }
        case let error as ProviderError:
            return fromProvider(error)
        default:
            return .internalError(requestID: requestID)
        }
    }

    private static func fromHTTP(_ error: HTTPError) -> APIError {
        switch error.status {
        case .notFound: return .notFound("There is no such endpoint; GET /openapi.json lists them.")
        case .methodNotAllowed:
            return APIError(
                .methodNotAllowed, type: "invalid_request_error", "This endpoint does not take that method.")
        case .contentTooLarge:
            return APIError(
                .contentTooLarge, type: "invalid_request_error", code: "body_too_large",
                "The request body is larger than this endpoint accepts.")
        default:
            let message = error.body ?? error.status.reasonPhrase
            return APIError(error.status, type: "invalid_request_error", message)
        }
    }

    /// Upstream failures: the provider's message (free of secrets by contract) with a gateway status.
    static func fromProvider(_ error: ProviderError) -> APIError {
        switch error.code {
        case .configuration:
            return .notFound("\(error.message). GET /v1/models lists the models.", code: "model_not_found")
        case .contextTooLong:
            return .badRequest("The upstream model refused the prompt as too long: \(error.message)")
        case .rateLimited, .quotaExceeded, .overloaded:
            return APIError(
                .serviceUnavailable, type: "upstream_error", code: "upstream_unavailable", error.description)
        case .timeout:
            return APIError(.gatewayTimeout, type: "upstream_error", code: "upstream_timeout", error.description)
        default:
            return APIError(.badGateway, type: "upstream_error", code: "upstream_failed", error.description)
        }
    }
}
