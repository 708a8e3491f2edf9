extension HTTPRequest {
    /// Rejects what libcurl would send verbatim or misinterpret: control characters in the URL or
    /// method, and header fields that could inject lines. Messages never echo header values.
    func validate() throws(HTTPError) {
        let description = redactedDescription
        if url.isEmpty || url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) {
            throw HTTPError(
                code: .invalidURL,
                message: "\(description): the URL is empty or contains spaces or control characters")
        }
        let lowered = url.lowercased()
        if !(lowered.hasPrefix("http://") || lowered.hasPrefix("https://")) {
            throw HTTPError(code: .invalidURL, message: "\(description): only http:// and https:// URLs are supported")
        }
        if method.rawValue.isEmpty || !method.rawValue.utf8.allSatisfy(Self.isTokenByte) {
            throw HTTPError(code: .invalidRequest, message: "\(description): the method is not a valid HTTP token")
        }
        for field in headers {
            if field.name.isEmpty || !field.name.utf8.allSatisfy(Self.isTokenByte) {
                throw HTTPError(
                    code: .invalidRequest,
                    message: "\(description): header name '\(field.name.prefix(64))' is not a valid HTTP token")
            }
            if field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
                throw HTTPError(
                    code: .invalidRequest,
                    message: "\(description): the value of header '\(field.name)' contains a line break or NUL")
            }
        }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
