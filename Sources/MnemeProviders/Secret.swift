/// A credential (API key, access token) that never reveals itself in logs, errors or encoded data.
///
/// `description`, `debugDescription`, string interpolation and `Codable` encoding all produce
/// `"REDACTED"`; only ``revealed`` returns the value, and the clients call it only to build the auth header.
///
/// ```swift
/// let key = Secret("sk-live-…")
/// print(key)            // REDACTED
/// key.revealed          // "sk-live-…"
/// ```
public struct Secret: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    /// Wraps a value.
    public init(_ value: String) {
        self.value = value
    }

    /// The placeholder shown instead of the value.
    public static let placeholder = "REDACTED"

    /// The value itself; use only to authenticate a request.
    public var revealed: String { value }

    /// Whether the value is empty.
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { Self.placeholder }
    public var debugDescription: String { "Secret(\(Self.placeholder))" }
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// Decodes a plain string (as written in a config file).
    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the placeholder, never the value (so a configuration can be dumped safely).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.placeholder)
    }

    /// Replaces every occurrence of the value (and of its longer prefixes/suffixes, as servers echo keys
    /// partly masked) in `text` by the placeholder.
    public func redact(in text: String) -> String {
        guard value.count >= 4 else { return text }
        var result = text
        if result.contains(value) {
            result = result.replacing(value, with: Self.placeholder)
        }
        // Servers often echo "sk-abc…wxyz": scrub any 8+ character run of the key as well.
        if value.count >= 12 {
            let characters = Array(value)
            let window = 8
            for start in stride(from: 0, through: characters.count - window, by: 1) {
                let piece = String(characters[start..<(start + window)])
                if result.contains(piece) {
                    result = result.replacing(piece, with: Self.placeholder)
                }
            }
        }
        return result
    }
}

extension Array where Element == Secret {
    /// Applies ``Secret/redact(in:)`` of every secret.
    func redact(in text: String) -> String {
        reduce(text) { $1.redact(in: $0) }
    }
}
