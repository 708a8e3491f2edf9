/// The Chat Completions wire types (only the fields Mneme sends or reads).
enum OpenAIWire {
    struct Request: Encodable {
        var model: String
        var messages: [Message]
        var maxCompletionTokens: Int?
        var maxTokens: Int?
        var temperature: Double?
        var stop: [String]?
        var user: String?
        var stream: Bool?
        var streamOptions: StreamOptions?

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature, stop, user, stream
            case maxCompletionTokens = "max_completion_tokens"
            case maxTokens = "max_tokens"
            case streamOptions = "stream_options"
        }
    }

    struct Message: Codable {
        var role: String
        var content: String?
    }

    struct StreamOptions: Encodable {
        var includeUsage: Bool
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    struct Response: Decodable {
        var model: String?
        var choices: [Choice]?
        var usage: UsageBody?
    }

    struct Choice: Decodable {
        var message: ResponseMessage?
        var finishReason: String?
        enum CodingKeys: String, CodingKey {
            case message
            case finishReason = "finish_reason"
        }
    }

    struct ResponseMessage: Decodable {
        var content: String?
        var refusal: String?
    }

    struct UsageBody: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?
        var promptTokensDetails: PromptDetails?
        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case promptTokensDetails = "prompt_tokens_details"
        }

        var usage: Usage {
            Usage(
                promptTokens: promptTokens ?? 0, completionTokens: completionTokens ?? 0,
                cachedTokens: promptTokensDetails?.cachedTokens)
        }
    }

    struct PromptDetails: Decodable {
        var cachedTokens: Int?
        enum CodingKeys: String, CodingKey { case cachedTokens = "cached_tokens" }
    }

    struct Chunk: Decodable {
        var model: String?
        var choices: [ChunkChoice]?
        var usage: UsageBody?
        var error: ErrorBody?
    }

    struct ChunkChoice: Decodable {
        var delta: Delta?
        var finishReason: String?
        enum CodingKeys: String, CodingKey {
            case delta
            case finishReason = "finish_reason"
        }
    }

    struct Delta: Decodable {
        var content: String?
        var refusal: String?
    }

    struct ErrorEnvelope: Decodable {
        var error: ErrorBody?
        var message: String?
    }

    struct ErrorBody: Decodable {
        var message: String?
        var type: String?
        var code: JSONValue?
        var param: String?
    }

    static func finishReason(_ raw: String?) -> FinishReason {
        switch raw {
        case "stop", "eos", "end_turn", nil: .stop
        case "length", "max_tokens": .length
        case "content_filter": .contentFilter
        case "tool_calls", "function_call": .toolCall
        case .some(let other): .other(other)
        }
    }
}
