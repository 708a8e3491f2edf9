extension DatasetCodec {
    /// `{"systemInstruction":{"role":"system","parts":[{"text":…}]},"contents":[{"role":"user","parts":[{"text":…}]},…]}`
    static func vertexLine(_ example: TrainingExample) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let system = example.system {
            members.append(("systemInstruction", .object([("role", .string("system")), ("parts", textParts(system))])))
        }
        let contents = example.messages.map { message -> JSONValue in
            .object([
                ("role", .string(message.role == .user ? "user" : "model")), ("parts", textParts(message.content)),
            ])
        }
        members.append(("contents", .array(contents)))
        return .object(members)
    }

    private static func textParts(_ text: String) -> JSONValue {
        .array([.object([("text", .string(text))])])
    }

    /// Reads a Vertex AI Gemini example of text parts (the parts of one turn are joined).
    static func vertexExample(_ value: JSONValue) throws -> TrainingExample {
        guard value.members != nil else { throw DatasetProblem(line: 0, message: "not a JSON object") }
        guard let contents = value["contents"]?.elements, !contents.isEmpty else {
            throw DatasetProblem(line: 0, message: "no \"contents\" list")
        }
        var system: String?
        if let instruction = value["systemInstruction"] {
            guard let text = text(ofVertexParts: instruction["parts"]) else {
                throw DatasetProblem(line: 0, message: "systemInstruction has no text parts")
            }
            system = text
        }
        var messages: [TrainingMessage] = []
        for (index, content) in contents.enumerated() {
            let position = "content \(index + 1)"
            guard let text = text(ofVertexParts: content["parts"]), !text.allSatisfy(\.isWhitespace) else {
                throw DatasetProblem(line: 0, message: "\(position) has no text parts (only text can be imported)")
            }
            switch content["role"]?.string {
            case "user": messages.append(.user(text))
            case "model": messages.append(.assistant(text))
            default: throw DatasetProblem(line: 0, message: "\(position) has a role other than user or model")
            }
        }
        return TrainingExample(system: system, messages: messages)
    }

    /// The joined text of a `parts` array whose parts are all `{"text":…}`, or `nil`.
    static func text(ofVertexParts parts: JSONValue?) -> String? {
        guard let parts = parts?.elements, !parts.isEmpty else { return nil }
        var text = ""
        for part in parts {
            guard let piece = part["text"]?.string else { return nil }
            text += piece
        }
        return text
    }
}
