extension DatasetCodec {
    /// `{"messages":[{"role":"system","content":…},{"role":"user",…},{"role":"assistant","content":…,"weight":0}]}`
    static func openAILine(_ example: TrainingExample) -> JSONValue {
        var messages: [JSONValue] = []
        if let system = example.system {
            messages.append(.object([("role", .string("system")), ("content", .string(system))]))
        }
        for message in example.messages {
            var members: [(key: String, value: JSONValue)] = [
                ("role", .string(message.role.rawValue)), ("content", .string(message.content)),
            ]
            if message.role == .assistant, let weight = message.weight { members.append(("weight", .integer(weight))) }
            messages.append(.object(members))
        }
        return .object([("messages", .array(messages))])
    }

    /// Reads an OpenAI chat example of text messages. Leading `system` (or `developer`) messages
    /// become the system instruction; tool calls, tool messages and content other than text
    /// cannot be imported.
    static func openAIExample(_ value: JSONValue) throws -> TrainingExample {
        guard value.members != nil else { throw DatasetProblem(line: 0, message: "not a JSON object") }
        guard let messages = value["messages"]?.elements, !messages.isEmpty else {
            throw DatasetProblem(line: 0, message: "no \"messages\" list")
        }
        var system: [String] = []
        var conversation: [TrainingMessage] = []
        for (index, message) in messages.enumerated() {
            let position = "message \(index + 1)"
            guard let role = message["role"]?.string else {
                throw DatasetProblem(line: 0, message: "\(position) has no role")
            }
            if message["tool_calls"] != nil || message["function_call"] != nil || role == "tool" || role == "function" {
                throw DatasetProblem(
                    line: 0, message: "\(position) is a tool call or result; only text can be imported")
            }
            guard let content = message["content"].flatMap(Self.text(ofOpenAIContent:)),
                role == "system" || role == "developer" || !content.allSatisfy(\.isWhitespace)
            else {
                throw DatasetProblem(line: 0, message: "\(position) has no text content")
            }
            switch role {
            case "system", "developer":
                guard conversation.isEmpty else {
                    throw DatasetProblem(
                        line: 0, message: "\(position) is a \(role) message after the conversation started")
                }
                system.append(content)
            case "user": conversation.append(.user(content))
            case "assistant":
                var weight: Int?
                if let number = message["weight"]?.number {
                    guard number == 0 || number == 1 else {
                        throw DatasetProblem(line: 0, message: "\(position) has a weight other than 0 or 1")
                    }
                    weight = Int(number)
                }
                conversation.append(.assistant(content, weight: weight))
            default:
                throw DatasetProblem(line: 0, message: "\(position) has the unknown role \"\(role)\"")
            }
        }
        return TrainingExample(system: system.isEmpty ? nil : system.joined(separator: "\n\n"), messages: conversation)
    }

    /// The text of a message's content: a string, or an array of `{"type":"text","text":…}` parts.
    static func text(ofOpenAIContent content: JSONValue) -> String? {
        if let text = content.string { return text }
        guard let parts = content.elements, !parts.isEmpty else { return nil }
        var text = ""
        for part in parts {
            guard part["type"]?.string == "text", let piece = part["text"]?.string else { return nil }
            text += piece
        }
        return text
    }
}
