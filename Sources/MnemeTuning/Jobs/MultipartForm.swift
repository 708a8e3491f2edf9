/// A `multipart/form-data` body (RFC 7578), built in memory: text fields and one or more files.
///
/// ```swift
/// var form = MultipartForm(boundary: MultipartForm.randomBoundary())
/// form.addField(name: "purpose", value: "fine-tune")
/// form.addFile(name: "file", filename: "train.jsonl", contentType: "application/octet-stream", data: bytes)
/// request.headers.add(name: "Content-Type", value: form.contentType)
/// request.body = form.body
/// ```
public struct MultipartForm: Sendable {
    /// The boundary between parts (must not occur in any part).
    public let boundary: String
    private var parts: [UInt8] = []

    /// Starts an empty form.
    public init(boundary: String) {
        self.boundary = boundary
    }

    /// A boundary of 32 random hexadecimal digits after `mneme-form-`.
    public static func randomBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = (0..<32).map { _ in String(generator.next(upperBound: UInt8(16)), radix: 16) }
        return "mneme-form-" + digits.joined()
    }

    /// The `Content-Type` header value.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Appends a text field.
    public mutating func addField(name: String, value: String) {
        appendHeader("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"")
        parts += Array("\r\n".utf8) + Array(value.utf8) + Array("\r\n".utf8)
    }

    /// Appends a file part.
    public mutating func addFile(name: String, filename: String, contentType: String, data: [UInt8]) {
        appendHeader(
            "Content-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(filename))\"")
        parts += Array("Content-Type: \(contentType)\r\n\r\n".utf8) + data + Array("\r\n".utf8)
    }

    /// The complete body, closing delimiter included.
    public var body: [UInt8] {
        parts + Array("--\(boundary)--\r\n".utf8)
    }

    private mutating func appendHeader(_ disposition: String) {
        parts += Array("--\(boundary)\r\n\(disposition)\r\n".utf8)
    }

    /// Escapes `"` and drops line breaks, which would end the header (RFC 7578 §2 / WHATWG form encoding).
    static func quoted(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\"": result += "%22"
            case "\r", "\n", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
