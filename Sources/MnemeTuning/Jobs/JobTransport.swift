import Foundation
import MnemeHTTP
import MnemeProviders

/// Sends the job APIs' requests through the shared ``HTTPClient`` and turns failures into
/// ``TuningError``s whose messages carry the provider's own explanation, never a credential.
struct JobTransport: Sendable {
    let http: HTTPClient
    /// `"openai"` or `"vertex"`, for messages.
    let provider: String
    /// Where the credentials come from, for advice (`OPENAI_API_KEY`, …).
    let credentialHint: String

    /// Sends `request`; returns the body of a 2xx answer. The request's bearer credential is redacted
    /// from every message.
    func send(_ request: HTTPRequest) async throws(TuningError) -> [UInt8] {
        let secrets = request.headers.values(for: "Authorization").map { value in
            Secret(value.hasPrefix("Bearer ") ? String(value.dropFirst("Bearer ".count)) : value)
        }
        let response: HTTPResponse
        do {
            response = try await http.execute(request)
        } catch {
            throw TuningError(
                .provider, secrets.reduce("\(provider): \(error)") { $1.redact(in: $0) })
        }
        guard response.head.isSuccess else {
            throw Self.error(
                status: response.status, body: response.body, provider: provider, hint: credentialHint,
                secrets: secrets)
        }
        return response.body
    }

    /// Decodes a JSON answer.
    func decode<T: Decodable>(_ type: T.Type, from body: [UInt8], what: String) throws(TuningError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            let preview = String(decoding: body.prefix(200), as: UTF8.self)
            throw TuningError(
                .invalidResponse, "\(provider): could not read the \(what) (\(error)); body starts with: \(preview)")
        }
    }

    /// Encodes a JSON body (sorted keys, so bodies are deterministic).
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    /// Maps an error status with the provider's message (`error.message` in OpenAI's and Google's shapes).
    static func error(status: Int, body: [UInt8], provider: String, hint: String, secrets: [Secret]) -> TuningError {
        struct Envelope: Decodable {
            struct Detail: Decodable { let message: String? }
            let error: Detail?
        }
        var text = (try? JSONDecoder().decode(Envelope.self, from: Data(body)))?.error?.message
        if text == nil || text!.isEmpty {
            text = String(decoding: body.prefix(300), as: UTF8.self)
        }
        let advice: String
        switch status {
        case 401: advice = " — check \(hint)"
        case 403: advice = " — the credentials may not use fine-tuning on this account or project"
        case 404: advice = " — no such job, file or model"
        case 429: advice = " — rate limited or out of quota; try again later"
        default: advice = status >= 500 ? " — the provider failed; try again later" : ""
        }
        let message = secrets.reduce("\(provider) (HTTP \(status)): \(text!)\(advice)") { $1.redact(in: $0) }
        return TuningError(status == 404 ? .notFound : .provider, message, status: status)
    }
}

extension String {
    /// Percent-encodes a value for a URL query or path segment (unreserved characters kept).
    var urlComponentEncoded: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }

    /// Without trailing slashes.
    var withoutTrailingSlashes: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
