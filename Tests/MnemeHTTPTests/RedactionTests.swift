import MnemeHTTP
import Testing

@Suite("URL and header redaction")
struct RedactionTests {
    @Test(arguments: [
        ("https://g.example/v1beta/models/m:gen?key=SECRET", "https://g.example/v1beta/models/m:gen?key=REDACTED"),
        ("https://h/p?alt=sse&key=S&x=1", "https://h/p?alt=sse&key=REDACTED&x=1"),
        ("https://h/p?API_KEY=S", "https://h/p?API_KEY=REDACTED"),
        ("https://h/p?api%5Fkey=S", "https://h/p?api%5Fkey=REDACTED"),
        ("https://h/p?access_token=S&token=T", "https://h/p?access_token=REDACTED&token=REDACTED"),
        ("https://h/p?monkey=banana", "https://h/p?monkey=banana"),
        ("https://u:pw@h:8443/p", "https://u:REDACTED@h:8443/p"),
        ("https://h/p?key=S#frag", "https://h/p?key=REDACTED"),
        ("https://h/p?flag&key", "https://h/p?flag&key"),
        ("not a url?key=S", "not a url?key=REDACTED"),
    ])
    func redactsSecrets(input: String, expected: String) {
        #expect(URLRedaction.redact(input) == expected)
    }

    @Test func hostAndPort() {
        #expect(URLRedaction.hostAndPort(of: "https://u:p@api.openai.com:443/v1?key=x") == "api.openai.com:443")
        #expect(URLRedaction.hostAndPort(of: "http://[::1]:8080/") == "[::1]:8080")
        #expect(URLRedaction.hostAndPort(of: "nonsense") == nil)
    }

    @Test func headerDescriptionHidesCredentials() {
        let headers: HTTPHeaders = [
            "Authorization": "Bearer sk-1", "x-api-key": "k2", "X-Goog-Api-Key": "k3",
            "Content-Type": "application/json",
        ]
        let text = headers.description
        #expect(!text.contains("sk-1") && !text.contains("k2") && !text.contains("k3"))
        #expect(text.contains("Content-Type: application/json"))
        #expect(text.contains("Authorization: REDACTED"))
    }

    @Test func headersLookupIsCaseInsensitiveAndOrdered() {
        var headers = HTTPHeaders()
        headers.add(name: "Set-Cookie", value: "a")
        headers.add(name: "set-cookie", value: "b")
        headers.add(name: "X", value: "1")
        #expect(headers.values(for: "SET-COOKIE") == ["a", "b"])
        headers.replaceOrAdd(name: "x", value: "2")
        #expect(headers["X"] == "2")
        #expect(headers.count == 3)
    }

    @Test func trustRootsFromEnvironment() {
        let curlFirst = HTTPClient.TrustRoots.environment([
            "CURL_CA_BUNDLE": "/a.pem", "SSL_CERT_FILE": "/b.pem", "SSL_CERT_DIR": "/certs",
        ])
        #expect(curlFirst == HTTPClient.TrustRoots(bundleFile: "/a.pem", directory: "/certs"))
        let sslOnly = HTTPClient.TrustRoots.environment(["SSL_CERT_FILE": "/b.pem", "CURL_CA_BUNDLE": ""])
        #expect(sslOnly == HTTPClient.TrustRoots(bundleFile: "/b.pem", directory: nil))
        #expect(HTTPClient.TrustRoots.environment([:]) == HTTPClient.TrustRoots())
    }
}
