/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// `description` redacts the values of credential-bearing fields, so a header list can be logged.
///
/// ```swift
/// var headers: HTTPHeaders = ["Content-Type": "application/json"]
/// headers.add(name: "Authorization", value: "Bearer \(key)")
/// headers["content-type"]  // "application/json"
/// ```
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One header field.
    public struct Field: Sendable, Hashable {
        /// The field name as given (compare case-insensitively).
        public var name: String
        /// The field value, without surrounding whitespace.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Field names whose values `description` replaces by `REDACTED`.
    public static let sensitiveNames: Set<String> = [
        "authorization", "proxy-authorization", "x-api-key", "x-goog-api-key", "api-key", "cookie", "set-cookie",
    ]

    /// The fields in order.
    public private(set) var fields: [Field]

    /// Creates a header list from `(name, value)` pairs, keeping order and duplicates.
    public init(_ pairs: [(String, String)] = []) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// Creates a header list from a literal; order and duplicates are kept.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// Appends a field, keeping existing fields of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces all fields named `name` (case-insensitively) by one field.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes all fields named `name` (case-insensitively).
    public mutating func remove(name: String) {
        fields.removeAll { $0.name.lowercased() == name.lowercased() }
    }

    /// The first value of the field named `name` (case-insensitively), or `nil`.
    public subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// All values of the fields named `name` (case-insensitively), in order.
    public func values(for name: String) -> [String] {
        let lowered = name.lowercased()
        return fields.filter { $0.name.lowercased() == lowered }.map(\.value)
    }

    /// Whether a field named `name` exists.
    public func contains(_ name: String) -> Bool {
        self[name] != nil
    }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// `name: value` lines with credential values redacted.
    public var description: String {
        fields.map { field in
            let value = Self.sensitiveNames.contains(field.name.lowercased()) ? URLRedaction.placeholder : field.value
            return "\(field.name): \(value)"
        }.joined(separator: "\n")
    }
}
