import Foundation

/// Reads one conversation per JSONL line: OpenAI chat format (`{"messages":[{role, content}]}`,
/// content a string or an array of `{type:"text", text}` parts) or Vertex format
/// (`{"systemInstruction":{parts}, "contents":[{role:"user"|"model", parts:[{text}]}]}`).
enum ChatJSONL {
    /// One message: role (`system`, `developer`, `user`, `assistant`, `tool`; Vertex `model` reads as
    /// `assistant`) and text.
    struct Message: Hashable {
        var role: String
        var text: String
    }

    /// The conversation on `line`, or a reason it cannot be read.
    static func conversation(_ line: Substring) -> Result<[Message], LineProblem> {
        guard let data = line.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return .failure(LineProblem("is not a JSON object")) }
        if let messages = object["messages"] as? [Any] {
            var result: [Message] = []
            for (index, item) in messages.enumerated() {
                guard let message = item as? [String: Any], let role = message["role"] as? String else {
                    return .failure(LineProblem("message \(index + 1) has no role"))
                }
                result.append(Message(role: role, text: text(of: message["content"])))
            }
            return .success(result)
        }
        if let contents = object["contents"] as? [Any] {
            var result: [Message] = []
            if let system = object["systemInstruction"] as? [String: Any] {
                result.append(Message(role: "system", text: text(ofParts: system["parts"])))
            }
            for (index, item) in contents.enumerated() {
                guard let content = item as? [String: Any], let role = content["role"] as? String else {
                    return .failure(LineProblem("content \(index + 1) has no role"))
                }
                result.append(
                    Message(role: role == "model" ? "assistant" : role, text: text(ofParts: content["parts"])))
            }
            return .success(result)
        }
        return .failure(LineProblem("has neither \"messages\" (OpenAI) nor \"contents\" (Vertex)"))
    }

    /// The non-empty lines of `text` with their 1-based line numbers.
    static func lines(_ text: String) -> [(number: Int, line: Substring)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            return trimmed.allSatisfy(\.isWhitespace) ? nil : (index + 1, trimmed)
        }
    }

    private static func text(of content: Any?) -> String {
        if let string = content as? String { return string }
        if let parts = content as? [Any] {
            return parts.compactMap { ($0 as? [String: Any])?["text"] as? String }.joined()
        }
        return ""
    }

    private static func text(ofParts parts: Any?) -> String {
        (parts as? [Any] ?? []).compactMap { ($0 as? [String: Any])?["text"] as? String }.joined()
    }
}

/// Why one line of a JSONL file was not understood.
struct LineProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
