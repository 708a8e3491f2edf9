/// The per-line checks of OpenAI's chat fine-tuning data-preparation cookbook, with Mneme's
/// additions (developer and tool roles, tool calls, `weight` only on assistant messages, DPO and
/// legacy lines named as such).
enum OpenAILineChecker {
    static let topLevelKeys: Set<String> = ["messages", "tools", "parallel_tool_calls", "functions"]
    static let messageKeys: Set<String> = [
        "role", "content", "name", "function_call", "weight", "tool_calls", "tool_call_id", "refusal",
    ]
    static let roles: [String: InspectedMessage.Role] = [
        "system": .system, "developer": .system, "user": .user, "assistant": .assistant, "tool": .tool,
        "function": .tool,
    ]

    /// Checks one parsed line. Returns the issues and, when the line has a messages list, what
    /// the file-wide checks need.
    static func check(_ value: JSONValue, line: Int, file: String) -> ([ValidationIssue], InspectedExample?) {
        var issues: [ValidationIssue] = []
        func error(_ code: ValidationCode, _ message: String) {
            issues.append(ValidationIssue(.error, code, file: file, line: line, message))
        }
        let shape = LineShape(
            allowedKeys: topLevelKeys, allowedList: "messages, tools, parallel_tool_calls",
            foreign: [
                (["contents"], "this is a Vertex AI (Gemini) example; check it with --for vertex"),
                (
                    ["preferred_completion", "input"],
                    "this is a DPO (preference) example; only supervised examples are checked"
                ),
                (
                    ["prompt", "completion", "input_text"],
                    "this is a prompt/completion example; chat models need {\"messages\": [...]}"
                ),
            ])
        issues = shape.check(value, line: line, file: file)
        if issues.contains(where: { $0.code != .unrecognizedKey }) { return (issues, nil) }
        guard let list = value["messages"]?.elements, !list.isEmpty else {
            error(.missingMessagesList, "no \"messages\" list, or it is empty")
            return (issues, nil)
        }
        var messages: [InspectedMessage] = []
        for (index, message) in list.enumerated() {
            let (found, inspected) = checkMessage(message, number: index + 1, line: line, file: file)
            issues += found
            if let inspected { messages.append(inspected) }
        }
        var example = InspectedExample(line: line, hasErrors: false, messages: messages)
        issues += example.commonIssues(file: file, checkSystem: true, complete: messages.count == list.count)
        example.hasErrors = issues.contains { $0.severity == .error }
        return (issues, example)
    }

    private static func checkMessage(_ message: JSONValue, number: Int, line: Int, file: String)
        -> ([ValidationIssue], InspectedMessage?)
    {
        var issues: [ValidationIssue] = []
        func add(_ severity: ValidationIssue.Severity, _ code: ValidationCode, _ text: String) {
            issues.append(ValidationIssue(severity, code, file: file, line: line, "message \(number) \(text)"))
        }
        guard let members = message.members else {
            add(.error, .messageMissingKey, "is \(message.kind), not an object with role and content")
            return (issues, nil)
        }
        let hasCall = message["function_call"] != nil || message["tool_calls"] != nil
        guard let role = message["role"]?.string, message["content"] != nil || hasCall else {
            add(.error, .messageMissingKey, "has no \(message["role"] == nil ? "\"role\"" : "\"content\"")")
            return (issues, nil)
        }
        for key in members.map(\.key) where !messageKeys.contains(key) {
            add(.error, .messageUnrecognizedKey, "has the unknown key \"\(key)\"")
        }
        guard let mapped = roles[role] else {
            add(
                .error, .unrecognizedRole,
                "has the unknown role \"\(role)\" (allowed: system, developer, user, assistant, tool)")
            return (issues, nil)
        }
        if role == "function" { add(.warning, .deprecatedRole, "uses the deprecated role \"function\"; use \"tool\"") }
        var text = ""
        let content = message["content"] ?? .null
        if let found = DatasetCodec.text(ofOpenAIContent: content) ?? imageOnlyContent(content), !found.isEmpty {
            text = found
        } else if content == .null && hasCall {
            text = ""
        } else {
            add(.error, .missingContent, "has \(content.string == "" ? "empty" : content.kind) content")
        }
        if let calls = message["tool_calls"] {
            let (callText, problem) = toolCallText(calls)
            if let problem { add(.error, .invalidToolCall, problem) }
            text += callText
        }
        if let call = message["function_call"] { text += call.text }
        var weight: Int?
        if let value = message["weight"] {
            if mapped != .assistant {
                add(.error, .invalidWeight, "has a weight, but only assistant messages may have one")
            } else if let number = value.number, number == 0 || number == 1 {
                weight = Int(number)
            } else {
                add(.error, .invalidWeight, "has weight \(value.text); it must be 0 or 1")
            }
        }
        let name = message["name"]?.string
        return (
            issues,
            InspectedMessage(role: mapped, writtenRole: role, text: text, name: name, weight: weight, number: number)
        )
    }

    /// Content parts with images but no text: valid, with no text to count.
    private static func imageOnlyContent(_ content: JSONValue) -> String? {
        guard let parts = content.elements, !parts.isEmpty else { return nil }
        var text = ""
        for part in parts {
            switch part["type"]?.string {
            case "text":
                guard let piece = part["text"]?.string else { return nil }
                text += piece
            case "image_url":
                guard part["image_url"]?["url"]?.string != nil else { return nil }
                text += " "
            default: return nil
            }
        }
        return text
    }

    /// The text of tool calls to count, and the first problem.
    private static func toolCallText(_ calls: JSONValue) -> (String, String?) {
        guard let list = calls.elements else { return ("", "has tool_calls that are not a list") }
        var text = ""
        for (index, call) in list.enumerated() {
            guard let function = call["function"], let name = function["name"]?.string else {
                return (text, "has tool call \(index + 1) without a function name")
            }
            guard let arguments = function["arguments"]?.string else {
                return (text, "has tool call \(index + 1) whose arguments are not a JSON string")
            }
            text += name + arguments
        }
        return (text, nil)
    }
}
