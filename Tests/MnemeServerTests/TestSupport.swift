import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Mneme
import MnemeProviders
import MnemeServer
import MnemeStore
import NIOCore
import Testing

/// A server over an engine with its own database in a temporary folder, the offline provider
/// (no API keys in the environment) and no access log.
final class ServerSandbox: Sendable {
    let folder: URL
    let engine: Engine
    let server: MnemeServer

    init(
        engine configureEngine: (inout EngineConfiguration) -> Void = { _ in },
        server configureServer: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-server-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var engineConfiguration = EngineConfiguration(environment: [:])
        engineConfiguration.databasePath = folder.appendingPathComponent("server.sqlite").path
        configureEngine(&engineConfiguration)
        engine = try Engine(configuration: engineConfiguration)
        var configuration = ServerConfiguration()
        configuration.logFormat = .off
        configureServer(&configuration)
        server = MnemeServer(engine: engine, configuration: configuration)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A new key for `tenant`.
    func key(_ tenant: String, _ scope: APIKeyScope = .chat) async throws -> String {
        try await server.keys.create(tenant: tenant, scope: scope).key
    }

    /// Runs `body` against the router in process.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await server.application().test(.router, body)
    }
}

extension TestClientProtocol {
    /// A request with a bearer key and a JSON (or raw) body.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, key: String? = nil, json: Any? = nil, raw: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        } else if let raw {
            body = ByteBuffer(string: raw)
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// A chat completion for `user` (non-streamed unless `stream`).
    func chat(
        key: String, user: String?, _ text: String, stream: Bool = false, model: String = "mneme",
        extra: [String: Any] = [:], headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var body: [String: Any] = ["model": model, "messages": [["role": "user", "content": text]], "stream": stream]
        if let user { body["user"] = user }
        body.merge(extra) { $1 }
        return try await call(.post, "/v1/chat/completions", key: key, json: body, headers: headers)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        let data = Data(text.utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "not JSON: \(text)")
    }

    /// The error object of an error response.
    func error() throws -> [String: Any] {
        try #require(try object()["error"] as? [String: Any], "no error object in \(text)")
    }

    /// The reply text of a non-streamed chat completion.
    func reply() throws -> String {
        let choices = try #require(try object()["choices"] as? [[String: Any]])
        return try #require((choices.first?["message"] as? [String: Any])?["content"] as? String)
    }

    /// The `data:` payloads of a server-sent event stream.
    var events: [String] {
        text.components(separatedBy: "\n\n").compactMap { block in
            block.hasPrefix("data: ") ? String(block.dropFirst(6)) : nil
        }
    }
}
