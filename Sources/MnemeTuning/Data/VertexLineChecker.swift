/// The per-line checks of a Vertex AI Gemini supervised-tuning file: the cookbook's checks
/// carried over to `contents` / `parts`, and the outdated formats named as such.
enum VertexLineChecker {
    static let topLevelKeys: Set<String> = ["systemInstruction", "contents", "tools", "toolConfig"]
    static let contentKeys: Set<String> = ["role", "parts"]

    /// Checks one parsed line (see ``OpenAILineChecker/check(_:line:file:)``).
    static func check(_ value: JSONValue, line: Int, file: String) -> ([ValidationIssue], InspectedExample?) {
        var issues: [ValidationIssue] = []
        func error(_ code: ValidationCode, _ message: String) {
            issues.append(ValidationIssue(.error, code, file: file, line: line, message))
        }
        let shape = LineShape(
            allowedKeys: topLevelKeys, allowedList: "systemInstruction, contents, tools",
            foreign: [
                (
                    ["messages"],
                    "this is an OpenAI-style (or outdated Gemini 1.0) example; Vertex AI needs \"contents\""
                ),
                (
                    ["input_text", "output_text"],
                    "this is the outdated input_text/output_text format; Gemini needs \"contents\""
                ),
            ])
        issues = shape.check(value, line: line, file: file)
        if issues.contains(where: { $0.code != .unrecognizedKey }) { return (issues, nil) }
        var messages: [InspectedMessage] = []
        if let instruction = value["systemInstruction"] {
            if let text = DatasetCodec.text(ofVertexParts: instruction["parts"]) {
                messages.append(
                    InspectedMessage(
                        role: .system, writtenRole: "system", text: text, name: nil, weight: nil, number: 0))
            } else {
                error(.invalidPart, "systemInstruction must be {\"parts\": [{\"text\": ...}]}")
            }
        }
        guard let contents = value["contents"]?.elements, !contents.isEmpty else {
            error(.missingMessagesList, "no \"contents\" list, or it is empty")
            return (issues, nil)
        }
        for (index, content) in contents.enumerated() {
            let (found, message) = checkContent(content, number: index + 1, line: line, file: file)
            issues += found
            if let message { messages.append(message) }
        }
        var example = InspectedExample(line: line, hasErrors: false, messages: messages)
        let complete = messages.filter { $0.role != .system }.count == contents.count
        issues += example.commonIssues(file: file, checkSystem: false, noun: "content", complete: complete)
        example.hasErrors = issues.contains { $0.severity == .error }
        return (issues, example)
    }

    private static func checkContent(_ content: JSONValue, number: Int, line: Int, file: String)
        -> ([ValidationIssue], InspectedMessage?)
    {
        var issues: [ValidationIssue] = []
        func error(_ code: ValidationCode, _ text: String) {
            issues.append(ValidationIssue(.error, code, file: file, line: line, "content \(number) \(text)"))
        }
        guard let members = content.members else {
            error(.messageMissingKey, "is \(content.kind), not an object with role and parts")
            return (issues, nil)
        }
        guard let role = content["role"]?.string, let parts = content["parts"] else {
            error(.messageMissingKey, "has no \(content["role"] == nil ? "\"role\"" : "\"parts\"")")
            return (issues, nil)
        }
        for key in members.map(\.key) where !contentKeys.contains(key) {
            error(.messageUnrecognizedKey, "has the unknown key \"\(key)\"")
        }
        let mapped: InspectedMessage.Role
        switch role {
        case "user": mapped = .user
        case "model": mapped = .assistant
        default:
            error(.unrecognizedRole, "has the role \"\(role)\"; Gemini uses user and model")
            return (issues, nil)
        }
        guard let list = parts.elements, !list.isEmpty else {
            error(.missingContent, "has no parts")
            return (issues, nil)
        }
        var text = ""
        for (index, part) in list.enumerated() {
            if let piece = part["text"]?.string {
                text += piece
            } else if let data = part["fileData"], data["fileUri"]?.string != nil, data["mimeType"]?.string != nil {
                text += " "
            } else if part["functionCall"] != nil || part["functionResponse"] != nil {
                text += part.text
            } else {
                error(.invalidPart, "part \(index + 1) is neither {\"text\"} nor {\"fileData\": {mimeType, fileUri}}")
            }
        }
        if text.isEmpty && issues.isEmpty { error(.missingContent, "has empty text") }
        return (
            issues,
            InspectedMessage(role: mapped, writtenRole: role, text: text, name: nil, weight: nil, number: number)
        )
    }
}
