extension Persona {
    /// The template with its placeholders filled.
    ///
    /// - Parameter lookup: returns the value of a variable, or `nil` when it has none.
    /// - Returns: the text and the names of placeholders that stayed unresolved.
    public func render(lookup: (String) -> String?) -> (text: String, unresolved: [String]) {
        var output = ""
        var unresolved: [String] = []
        var rest = template[...]
        while let open = rest.firstRange(of: "{{") {
            output += rest[rest.startIndex..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let body = rest[open.upperBound..<close.lowerBound]
            let parts = body.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingWhitespace()
            let fallback = parts.count > 1 ? String(parts[1].trimmingWhitespace()) : nil
            if let value = lookup(String(name)) ?? defaults[String(name)] ?? fallback {
                output += Self.sanitize(value)
            } else {
                unresolved.append(String(name))
            }
            rest = rest[close.upperBound...]
        }
        output += rest
        return (output, unresolved)
    }

    /// Values come from user-controlled profile data: keep them on one line and short.
    static func sanitize(_ value: String) -> String {
        // Most values are short printable ASCII with no space at either end: already clean.
        let bytes = value.utf8
        if bytes.count <= 200, bytes.first != 0x20, bytes.last != 0x20, bytes.allSatisfy({ (0x20...0x7E).contains($0) })
        {
            return value
        }
        let oneLine = value.split(whereSeparator: \.isNewline).joined(separator: " ")
        let trimmed = oneLine.trimmingWhitespace()
        return trimmed.count > 200 ? String(trimmed.prefix(200)) : String(trimmed)
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return self[first...last]
    }
}
