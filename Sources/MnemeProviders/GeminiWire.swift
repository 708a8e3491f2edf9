/// The `generateContent` wire types shared by the Gemini API and Vertex AI (only the fields Mneme uses).
enum GeminiWire {
    struct Request: Encodable {
        var contents: [Content]
        var systemInstruction: Content?
        var generationConfig: GenerationConfig?
    }

    struct Content: Codable {
        var role: String?
        var parts: [Part]?
    }

    struct Part: Codable {
        var text: String?
        var thought: Bool?
    }

    struct GenerationConfig: Encodable {
        var temperature: Double?
        var maxOutputTokens: Int?
        var stopSequences: [String]?
    }

    struct Response: Decodable {
        var candidates: [Candidate]?
        var usageMetadata: UsageMetadata?
        var modelVersion: String?
        var promptFeedback: PromptFeedback?
        var error: ErrorBody?
    }

    struct Candidate: Decodable {
        var content: Content?
        var finishReason: String?
    }

    struct PromptFeedback: Decodable {
        var blockReason: String?
    }

    struct UsageMetadata: Decodable {
        var promptTokenCount: Int?
        var candidatesTokenCount: Int?
        var thoughtsTokenCount: Int?
        var cachedContentTokenCount: Int?

        var usage: Usage {
            Usage(
                promptTokens: promptTokenCount ?? 0,
                completionTokens: (candidatesTokenCount ?? 0) + (thoughtsTokenCount ?? 0),
                cachedTokens: cachedContentTokenCount)
        }
    }

    struct ErrorEnvelope: Decodable {
        var error: ErrorBody?
    }

    struct ErrorBody: Decodable {
        var code: Int?
        var message: String?
        var status: String?
        var details: [JSONValue]?
    }

    /// Text of the first candidate, thought summaries skipped.
    static func text(of response: Response) -> String {
        (response.candidates?.first?.content?.parts ?? []).filter { $0.thought != true }.compactMap(\.text).joined()
    }

    static func finishReason(_ raw: String?) -> FinishReason {
        switch raw {
        case "STOP", nil: .stop
        case "MAX_TOKENS": .length
        case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT",
            "IMAGE_RECITATION":
            .contentFilter
        case "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS": .toolCall
        case .some(let other): .other(other)
        }
    }

    /// A `google.rpc.Duration` string such as `"37s"` or `"1.5s"`.
    static func duration(_ text: String) -> Duration? {
        guard text.hasSuffix("s"), let seconds = Double(text.dropLast()), seconds >= 0, seconds.isFinite else {
            return nil
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
