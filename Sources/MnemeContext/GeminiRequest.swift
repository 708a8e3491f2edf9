/// The prompt part of a Gemini `generateContent` request:
/// `{"systemInstruction": {"parts": [{"text"}]}, "contents": [{"role": "user"|"model", "parts": [{"text"}]}]}`.
public struct GeminiRequest: Sendable, Hashable, Codable {
    /// A text part.
    public struct Part: Sendable, Hashable, Codable {
        /// The text.
        public var text: String

        /// Creates a part.
        public init(text: String) { self.text = text }
    }

    /// A content: a role (absent for the system instruction) and parts.
    public struct Content: Sendable, Hashable, Codable {
        /// `user` or `model`; `nil` (omitted) for the system instruction.
        public var role: String?
        /// The parts.
        public var parts: [Part]

        /// Creates a content.
        public init(role: String?, parts: [Part]) {
            self.role = role
            self.parts = parts
        }
    }

    /// The system instruction (omitted when `nil`).
    public var systemInstruction: Content?
    /// Alternating `user`/`model` contents, starting with `user`.
    public var contents: [Content]

    /// Creates a request body part.
    public init(systemInstruction: Content?, contents: [Content]) {
        self.systemInstruction = systemInstruction
        self.contents = contents
    }
}

extension Prompt {
    /// The Gemini shape: `systemInstruction` plus `contents` with `assistant` mapped to `model`, alternating
    /// as for Anthropic (merged same-role turns, starting with `user`).
    public func geminiRequest() -> GeminiRequest {
        GeminiRequest(
            systemInstruction: system.isEmpty ? nil : GeminiRequest.Content(role: nil, parts: [.init(text: system)]),
            contents: alternatingMessages().map {
                GeminiRequest.Content(role: $0.role == .user ? "user" : "model", parts: [.init(text: $0.text)])
            })
    }
}
