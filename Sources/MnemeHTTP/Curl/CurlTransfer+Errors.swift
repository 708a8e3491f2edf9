import CCurl

extension CurlTransfer {
    /// Maps a libcurl result to an ``HTTPError`` whose message names the request (secrets redacted)
    /// and includes libcurl's explanation (with the raw URL and query scrubbed, should they appear).
    func error(for code: CURLcode) -> HTTPError {
        let description = sink.requestDescription
        let target = URLRedaction.hostAndPort(of: rawURL) ?? "the server"
        let detail = curlDetail(for: code)
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            let limit = totalTimeout.map { " (limit \($0.humanReadable))" } ?? ""
            return HTTPError(code: .timeout, message: "\(description): timed out\(limit): \(detail)")
        case CURLE_COULDNT_RESOLVE_HOST:
            return HTTPError(code: .dnsFailed, message: "\(description): could not resolve \(target): \(detail)")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return HTTPError(code: .dnsFailed, message: "\(description): could not resolve the proxy: \(detail)")
        case CURLE_COULDNT_CONNECT:
            return HTTPError(
                code: .connectionFailed, message: "\(description): could not connect to \(target): \(detail)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CRL_BADFILE,
            CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_INVALIDCERTSTATUS:
            return HTTPError(code: .tls, message: "\(description): TLS with \(target) failed: \(detail)")
        case CURLE_TOO_MANY_REDIRECTS:
            return HTTPError(code: .tooManyRedirects, message: "\(description): too many redirects: \(detail)")
        case CURLE_UNSUPPORTED_PROTOCOL where detail.contains("HTTP/0.9") || detail.contains("HTTP version"):
            return HTTPError(
                code: .malformedResponse, message: "\(description): \(target) did not answer with HTTP: \(detail)")
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return HTTPError(code: .invalidURL, message: "\(description): invalid URL: \(detail)")
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return HTTPError(
                code: .connectionLost,
                message: "\(description): the connection to \(target) broke before the response was complete: \(detail)"
            )
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING:
            return HTTPError(
                code: .malformedResponse, message: "\(description): invalid response from \(target): \(detail)")
        default:
            return HTTPError(code: .other, message: "\(description): \(detail)")
        }
    }

    func malformedHeadError() -> HTTPError {
        HTTPError(code: .malformedResponse, message: "\(sink.requestDescription): the response has no status line")
    }

    /// libcurl's error buffer, or its generic text for `code`, scrubbed of the raw URL and query.
    private func curlDetail(for code: CURLcode) -> String {
        var text = String(cString: errorBuffer)
        if text.isEmpty {
            text = String(cString: curl_easy_strerror(code))
        }
        return Self.scrub(text, url: rawURL)
    }

    static func scrub(_ text: String, url: String) -> String {
        var result = text
        let redacted = URLRedaction.redact(url)
        if !url.isEmpty, redacted != url {
            result = result.replacingAll(url, with: redacted)
            if let query = URLParts(url).query, !query.isEmpty {
                result = result.replacingAll(String(query), with: URLRedaction.redactQuery(query))
            }
        }
        return result
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
