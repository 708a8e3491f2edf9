/// Makes URLs safe to print: secret query parameters and passwords are replaced by `REDACTED`.
///
/// Gemini passes the API key as `?key=…`, OAuth flows use `access_token=…`; such URLs must never
/// reach logs or error messages verbatim.
///
/// ```swift
/// URLRedaction.redact("https://u:pw@host/v1/m:gen?alt=sse&key=SECRET#frag")
/// // "https://u:REDACTED@host/v1/m:gen?alt=sse&key=REDACTED"
/// ```
public enum URLRedaction {
    /// Query parameter names (compared case-insensitively, after percent-decoding) whose values are redacted.
    public static let secretParameterNames: Set<String> = [
        "key", "api_key", "apikey", "api-key", "access_token", "token", "auth", "client_secret", "password",
        "secret", "sig", "signature", "x-goog-api-key",
    ]

    /// The replacement text for a secret.
    public static let placeholder = "REDACTED"

    /// Returns `url` with secret query values and any userinfo password replaced, and the fragment dropped.
    public static func redact(_ url: String) -> String {
        let parts = URLParts(url)
        var result = parts.prefix
        if let query = parts.query {
            result += "?" + redactQuery(query)
        }
        return result
    }

    /// Returns `host[:port]` of `url` (without userinfo), or `nil` if there is no authority.
    public static func hostAndPort(of url: String) -> String? {
        URLParts(url).hostAndPort
    }

    static func redactQuery(_ query: Substring) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = percentDecoded(pair[..<equals]).lowercased()
            if secretParameterNames.contains(name) {
                return pair[..<equals] + "=" + placeholder
            }
            return String(pair)
        }.joined(separator: "&")
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A tolerant split of a URL string into the parts redaction needs. Never fails.
struct URLParts {
    /// Scheme, authority (password redacted) and path.
    var prefix: String
    var query: Substring?
    var hostAndPort: String?

    init(_ url: String) {
        var rest = Substring(url)
        if let hash = rest.firstIndex(of: "#") {
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        guard let schemeEnd = rest.firstRange(of: "://") else {
            prefix = String(rest)
            return
        }
        let scheme = rest[..<schemeEnd.lowerBound]
        let afterScheme = rest[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        let path = afterScheme[authorityEnd...]
        var userinfo: String?
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            if let colon = info.firstIndex(of: ":") {
                userinfo = info[..<colon] + ":" + URLRedaction.placeholder
            } else {
                userinfo = String(info)
            }
            authority = authority[authority.index(after: at)...]
        }
        hostAndPort = authority.isEmpty ? nil : String(authority)
        prefix = scheme + "://" + (userinfo.map { $0 + "@" } ?? "") + authority + path
    }
}
