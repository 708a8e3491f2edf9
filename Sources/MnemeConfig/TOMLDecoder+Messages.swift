extension TOMLDecoder {
    /// A message a user can act on for a decoding failure under `path`.
    static func message(for error: any Error, in path: [String]) -> String {
        func place(_ codingPath: [any CodingKey]) -> String {
            let keys = path + codingPath.map(\.stringValue).map(\.snakeCased)
            return keys.isEmpty ? "the file" : "'\(display(keys))'"
        }
        switch error {
        case DecodingError.typeMismatch(_, let context):
            return "\(place(context.codingPath)): \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, let context):
            let section = path + context.codingPath.map(\.stringValue).map(\.snakeCased)
            let name = section.isEmpty ? "the top level" : "[\(display(section))]"
            return "\(name) needs the key '\(key.stringValue.snakeCased)'"
        case DecodingError.valueNotFound(_, let context):
            return "\(place(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "\(place(context.codingPath)): \(context.debugDescription)"
        default:
            return "'\(display(path))': \(error)"
        }
    }
}
