/// The body of `POST /v1/chat/completions`, as far as Mneme uses it. Fields Mneme does not use
/// (`logprobs`, `seed`, `response_format`, …) are accepted and ignored; `n` above 1 and tools are
/// refused, since Mneme produces one text reply per turn.
struct ChatCompletionRequest: Decodable, Sendable {
    /// One message of the request.
    struct Message: Decodable, Sendable {
        var role: String
        var content: String?
        var hasToolCalls: Bool

        private enum CodingKeys: String, CodingKey {
            case role, content
            case toolCalls = "tool_calls"
        }

        /// A part of a multi-part content array.
        private struct Part: Decodable {
            var type: String
            var text: String?
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            role = try container.decode(String.self, forKey: .role)
            hasToolCalls = try container.contains(.toolCalls) && !container.decodeNil(forKey: .toolCalls)
            if try !container.contains(.content) || container.decodeNil(forKey: .content) {
                content = nil
            } else if let text = try? container.decode(String.self, forKey: .content) {
                content = text
            } else {
                let parts = try container.decode([Part].self, forKey: .content)
                if let other = parts.first(where: { $0.type != "text" }) {
                    throw APIError.badRequest(
                        "Content parts of type '\(other.type)' are not supported; send text.",
                        code: "unsupported_content")
                }
                content = parts.compactMap(\.text).joined(separator: "\n")
            }
        }
    }

    var model: String
    var messages: [Message]
    var stream: Bool
    var includeUsage: Bool
    var user: String?
    var metadata: [String: String]
    var temperature: Double?
    var maxTokens: Int?
    var stop: [String]
    var n: Int?
    var hasTools: Bool

    private enum CodingKeys: String, CodingKey {
        case model, messages, stream, user, metadata, temperature, stop, n, tools, functions
        case streamOptions = "stream_options"
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
    }

    private struct StreamOptions: Decodable {
        var includeUsage: Bool?
        private enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        messages = try container.decode([Message].self, forKey: .messages)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream) ?? false
        includeUsage = try container.decodeIfPresent(StreamOptions.self, forKey: .streamOptions)?.includeUsage ?? false
        user = try container.decodeIfPresent(String.self, forKey: .user)
        metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        maxTokens =
            try container.decodeIfPresent(Int.self, forKey: .maxCompletionTokens)
            ?? container.decodeIfPresent(Int.self, forKey: .maxTokens)
        if let single = try? container.decodeIfPresent(String.self, forKey: .stop) {
            stop = [single]
        } else {
            stop = try container.decodeIfPresent([String].self, forKey: .stop) ?? []
        }
        n = try container.decodeIfPresent(Int.self, forKey: .n)
        let tools = try container.decodeIfPresent([Tool].self, forKey: .tools) ?? []
        let functions = try container.decodeIfPresent([Tool].self, forKey: .functions) ?? []
        hasTools = !tools.isEmpty || !functions.isEmpty
    }

    /// Any JSON object (tool definitions are only counted).
    private struct Tool: Decodable {}
}
