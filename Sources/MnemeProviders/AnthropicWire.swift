/// The Messages API wire types (only the fields Mneme sends or reads).
enum AnthropicWire {
    struct Request: Encodable {
        var model: String
        var maxTokens: Int
        var system: String?
        var messages: [Message]
        var stopSequences: [String]?
        var temperature: Double?
        var stream: Bool?
        var metadata: Metadata?

        enum CodingKeys: String, CodingKey {
            case model, system, messages, temperature, stream, metadata
            case maxTokens = "max_tokens"
            case stopSequences = "stop_sequences"
        }
    }

    struct Message: Codable {
        var role: String
        var content: String
    }

    struct Metadata: Encodable {
        var userID: String
        enum CodingKeys: String, CodingKey { case userID = "user_id" }
    }

    struct Response: Decodable {
        var model: String?
        var content: [Block]?
        var stopReason: String?
        var usage: UsageBody?
        enum CodingKeys: String, CodingKey {
            case model, content, usage
            case stopReason = "stop_reason"
        }
    }

    struct Block: Decodable {
        var type: String?
        var text: String?
    }

    struct UsageBody: Decodable {
        var inputTokens: Int?
        var outputTokens: Int?
        var cacheCreationInputTokens: Int?
        var cacheReadInputTokens: Int?
        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
            case cacheCreationInputTokens = "cache_creation_input_tokens"
            case cacheReadInputTokens = "cache_read_input_tokens"
        }

        /// Total input = input + cache writes + cache reads.
        var promptTokens: Int { (inputTokens ?? 0) + (cacheCreationInputTokens ?? 0) + (cacheReadInputTokens ?? 0) }
    }

    /// Any stream event's data (fields of all event types, all optional).
    struct StreamEvent: Decodable {
        var type: String?
        var message: Response?
        var delta: StreamDelta?
        var usage: UsageBody?
        var error: ErrorBody?
    }

    struct StreamDelta: Decodable {
        var type: String?
        var text: String?
        var stopReason: String?
        enum CodingKeys: String, CodingKey {
            case type, text
            case stopReason = "stop_reason"
        }
    }

    struct ErrorEnvelope: Decodable {
        var error: ErrorBody?
        var requestID: String?
        enum CodingKeys: String, CodingKey {
            case error
            case requestID = "request_id"
        }
    }

    struct ErrorBody: Decodable {
        var type: String?
        var message: String?
    }

    static func finishReason(_ raw: String?) -> FinishReason {
        switch raw {
        case "end_turn", "stop_sequence", nil: .stop
        case "max_tokens", "model_context_window_exceeded": .length
        case "tool_use": .toolCall
        case "refusal": .contentFilter
        case .some(let other): .other(other)
        }
    }
}
