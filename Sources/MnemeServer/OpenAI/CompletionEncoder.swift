import Foundation
import MnemeProviders
import NIOCore

/// Writes OpenAI's `chat.completion` objects and `chat.completion.chunk` server-sent events,
/// whatever provider answered (§1 of the wire-format notes): every choice has `index`, the first
/// chunk carries the role, the last one the finish reason, a usage chunk with `choices: []`
/// follows when `stream_options.include_usage` was set, and `data: [DONE]` ends the stream.
///
/// A top-level `mneme` object (session, turn, route) rides along in the full response and in the
/// last chunk; OpenAI clients ignore fields they do not know.
struct CompletionEncoder: Sendable {
    /// Facts about the turn known once it is stored.
    struct TurnInfo: Sendable {
        var session: String
        var turn: Int64?
        var route: String?
        var contextTokens: Int?
    }

    let id: String
    let created: Int
    let model: String
    let includeUsage: Bool

    private var head: String {
        "{\"id\":\(JSON.quoted(id)),\"object\":\"chat.completion.chunk\",\"created\":\(created),"
            + "\"model\":\(JSON.quoted(model)),\"system_fingerprint\":null,"
    }

    private var usageNull: String { includeUsage ? ",\"usage\":null" : "" }

    /// The first chunk: the role and empty content.
    func roleChunk() -> ByteBuffer {
        event(
            head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]\(usageNull)}")
    }

    /// A piece of the reply.
    func deltaChunk(_ text: String) -> ByteBuffer {
        event(
            head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\(JSON.quoted(text))},"
                + "\"logprobs\":null,\"finish_reason\":null}]\(usageNull)}")
    }

    /// The last chunk (finish reason and the `mneme` extension), the usage chunk if asked, and `[DONE]`.
    func finalChunks(finish: String, usage: Usage?, info: TurnInfo) -> ByteBuffer {
        var buffer = event(
            head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                + "\"finish_reason\":\(JSON.quoted(finish))}]\(usageNull),\"mneme\":\(Self.mneme(info))}")
        if includeUsage {
            var usageChunk = event(head + "\"choices\":[],\"usage\":\(Self.usage(usage))}")
            buffer.writeBuffer(&usageChunk)
        }
        buffer.writeString("data: [DONE]\n\n")
        return buffer
    }

    /// An error inside the stream, as OpenAI sends it (the SDKs raise it).
    func errorEvent(_ error: APIError) -> ByteBuffer {
        ByteBuffer(bytes: Array("data: ".utf8) + JSON.encode(error.json) + Array("\n\n".utf8))
    }

    /// The whole, non-streamed response.
    func completion(text: String, finish: String, usage: Usage?, info: TurnInfo) -> ByteBuffer {
        ByteBuffer(
            string: "{\"id\":\(JSON.quoted(id)),\"object\":\"chat.completion\",\"created\":\(created),"
                + "\"model\":\(JSON.quoted(model)),\"system_fingerprint\":null,\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\(JSON.quoted(text)),\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":\(JSON.quoted(finish))}],\"usage\":\(Self.usage(usage)),"
                + "\"mneme\":\(Self.mneme(info))}")
    }

    private func event(_ json: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(json.utf8.count + 8)
        buffer.writeString("data: ")
        buffer.writeString(json)
        buffer.writeString("\n\n")
        return buffer
    }

    private static func usage(_ usage: Usage?) -> String {
        guard let usage else { return "null" }
        return "{\"prompt_tokens\":\(usage.promptTokens),\"completion_tokens\":\(usage.completionTokens),"
            + "\"total_tokens\":\(usage.totalTokens),"
            + "\"prompt_tokens_details\":{\"cached_tokens\":\(usage.cachedTokens ?? 0)}}"
    }

    private static func mneme(_ info: TurnInfo) -> String {
        "{\"session\":\(JSON.quoted(info.session)),\"turn\":\(info.turn.map(String.init) ?? "null"),"
            + "\"route\":\(info.route.map(JSON.quoted) ?? "null"),"
            + "\"context_tokens\":\(info.contextTokens.map(String.init) ?? "null")}"
    }
}
