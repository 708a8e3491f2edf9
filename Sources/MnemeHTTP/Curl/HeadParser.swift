/// Assembles the response head from libcurl's header callback, one line at a time.
///
/// libcurl passes every header block it sees: 1xx interim responses, responses to redirects it
/// will follow, the final response, and trailers after the body. Only the final block is published.
struct HeadParser {
    enum Outcome {
        case incomplete
        case complete(HTTPResponseHead)
    }

    private(set) var isDelivered = false
    private(set) var isAwaitingRedirect = false
    private(set) var status: Int?
    private var version = ""
    private var headers = HTTPHeaders()

    private static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    mutating func consume(line raw: UnsafeRawBufferPointer, followsRedirects: Bool) -> Outcome {
        guard !isDelivered else { return .incomplete }  // trailers
        var line = raw[...]
        while let last = line.last, last == 0x0A || last == 0x0D {
            line = line.dropLast()
        }
        if line.starts(with: Array("HTTP/".utf8)) {
            parseStatusLine(String(decoding: line, as: UTF8.self))
            return .incomplete
        }
        if line.isEmpty {
            guard let status else { return .incomplete }
            if (100..<200).contains(status) {
                self.status = nil
                headers = HTTPHeaders()
                return .incomplete
            }
            if followsRedirects, Self.redirectStatuses.contains(status), headers.contains("Location") {
                isAwaitingRedirect = true
                return .incomplete
            }
            isDelivered = true
            return .complete(HTTPResponseHead(status: status, headers: headers, version: version))
        }
        let text = String(decoding: line, as: UTF8.self)
        if let first = line.first, first == 0x20 || first == 0x09 {
            // Obsolete line folding: continue the previous value.
            if var last = headers.fields.last {
                headers.remove(name: last.name)
                last.value += " " + trimmed(text)
                headers.add(name: last.name, value: last.value)
            }
            return .incomplete
        }
        if let colon = text.firstIndex(of: ":") {
            headers.add(name: String(text[..<colon]), value: trimmed(text[text.index(after: colon)...]))
        }
        return .incomplete
    }

    /// Publishes whatever head has been seen (body bytes or the end arrived without a blank line).
    mutating func forceComplete() -> HTTPResponseHead? {
        guard let status, !isDelivered else { return nil }
        isDelivered = true
        return HTTPResponseHead(status: status, headers: headers, version: version)
    }

    private mutating func parseStatusLine(_ line: String) {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        version = parts.first.map(String.init) ?? ""
        status = parts.count > 1 ? Int(parts[1]) : nil
        headers = HTTPHeaders()
        isAwaitingRedirect = false
    }

    private func trimmed(_ text: some StringProtocol) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
