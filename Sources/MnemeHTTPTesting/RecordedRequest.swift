/// A request as ``TestHTTPServer`` received it.
public struct RecordedRequest: Sendable, Hashable {
    /// The method, for example `"POST"`.
    public var method: String
    /// The request target as sent: `/path?query`, or an absolute URL when sent to a proxy.
    public var target: String
    /// The protocol, for example `"HTTP/1.1"`.
    public var version: String
    /// The header fields in order.
    public var headers: [Field]
    /// The body (de-chunked if it was sent chunked).
    public var body: [UInt8]

    /// One header field.
    public struct Field: Sendable, Hashable {
        /// The name as sent.
        public var name: String
        /// The value, trimmed.
        public var value: String
    }

    /// The target without the query.
    public var path: String {
        String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// The query (after `?`), or `nil`.
    public var query: String? {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[1]) : nil
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
