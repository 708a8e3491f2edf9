/// The checks of a line's outer shape, shared by the formats: an object (`data_type`), not a line
/// of another format (`wrong_format`), no unknown top-level key (`unrecognized_key`).
struct LineShape {
    /// The top-level keys the format allows.
    let allowedKeys: Set<String>
    /// The allowed keys as shown in messages.
    let allowedList: String
    /// Keys that mark a line of another format, and what to say about it.
    let foreign: [(keys: [String], message: String)]

    /// The errors of the line's shape. Any error other than `unrecognized_key` means the line
    /// cannot be checked further.
    func check(_ value: JSONValue, line: Int, file: String) -> [ValidationIssue] {
        func error(_ code: ValidationCode, _ message: String) -> ValidationIssue {
            ValidationIssue(.error, code, file: file, line: line, message)
        }
        guard let members = value.members else {
            return [error(.dataType, "the line is \(value.kind), not a JSON object")]
        }
        if let other = foreign.first(where: { $0.keys.contains { value[$0] != nil } }) {
            return [error(.wrongFormat, other.message)]
        }
        return members.map(\.key).filter { !allowedKeys.contains($0) }.map { key in
            error(.unrecognizedKey, "unknown top-level key \"\(key)\" (allowed: \(allowedList))")
        }
    }
}
