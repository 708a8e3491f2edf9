#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension HTTPClient {
    /// Settings shared by all requests of a client.
    ///
    /// ```swift
    /// var configuration = HTTPClient.Configuration()
    /// configuration.idleTimeout = .seconds(120)
    /// configuration.proxy = .disabled
    /// let client = try HTTPClient(configuration: configuration)
    /// ```
    public struct Configuration: Sendable {
        /// Limit for establishing the connection (DNS, TCP, TLS). Default 10 s.
        public var connectTimeout: Duration = .seconds(10)
        /// Limit for the whole exchange including the body; `nil` (default) for none.
        /// Streams of long generations need a generous value.
        public var timeout: Duration?
        /// Longest time without any byte sent or received; `nil` for none. Default 300 s, because
        /// non-streaming requests to reasoning models can be silent for minutes.
        public var idleTimeout: Duration? = .seconds(300)
        /// Whether to follow 301/302/303/307/308 redirects (http and https only). Default `true`.
        public var followRedirects = true
        /// Maximum number of redirects followed. Default 5.
        public var maxRedirects = 5
        /// The `User-Agent` sent unless the request sets one.
        public var userAgent = "Mneme"
        /// Bytes buffered per streaming body before the transfer is paused until the reader catches up.
        /// Default 1 MiB.
        public var bodyBufferLimit = 1 << 20
        /// Proxy selection. Default ``Proxy-swift.struct/environment``.
        public var proxy: Proxy = .environment
        /// Certificate authorities used to verify servers.
        public var trustRoots: TrustRoots = .environment()

        /// The default configuration.
        public init() {}
    }

    /// How requests reach the network.
    public struct Proxy: Sendable, Hashable {
        enum Kind: Hashable, Sendable {
            case environment
            case disabled
            case url(String, noProxy: String?)
        }
        let kind: Kind

        /// libcurl reads `http_proxy`, `HTTPS_PROXY`/`https_proxy`, `ALL_PROXY`/`all_proxy` and
        /// `NO_PROXY`/`no_proxy` itself (upper-case `HTTP_PROXY` is ignored on purpose, see httpoxy).
        public static let environment = Proxy(kind: .environment)
        /// Connect directly, ignoring proxy environment variables.
        public static let disabled = Proxy(kind: .disabled)

        /// Use `url` (for example `http://proxy:3128`) except for hosts in `noProxy`
        /// (comma-separated names, domain suffixes or `*`).
        public static func url(_ url: String, noProxy: String? = nil) -> Proxy {
            Proxy(kind: .url(url, noProxy: noProxy))
        }
    }

    /// Where certificate authorities come from.
    public struct TrustRoots: Sendable, Hashable {
        /// A PEM bundle file; `nil` uses libcurl's built-in default (Debian: `/etc/ssl/certs/ca-certificates.crt`).
        public var bundleFile: String?
        /// A directory of hashed certificates (`c_rehash`); `nil` for none beyond the default.
        public var directory: String?

        /// Explicit paths.
        public init(bundleFile: String? = nil, directory: String? = nil) {
            self.bundleFile = bundleFile
            self.directory = directory
        }

        /// From the usual variables: `CURL_CA_BUNDLE`, else `SSL_CERT_FILE`, for the bundle;
        /// `SSL_CERT_DIR` for the directory. Empty values are ignored.
        public static func environment(_ environment: [String: String] = ProcessEnvironment.current()) -> TrustRoots {
            func value(_ name: String) -> String? {
                guard let value = environment[name], !value.isEmpty else { return nil }
                return value
            }
            return TrustRoots(
                bundleFile: value("CURL_CA_BUNDLE") ?? value("SSL_CERT_FILE"),
                directory: value("SSL_CERT_DIR"))
        }
    }
}

/// Reads the process environment without Foundation.
public enum ProcessEnvironment {
    /// The variables relevant to the transport (`CURL_CA_BUNDLE`, `SSL_CERT_FILE`, `SSL_CERT_DIR`).
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        for name in ["CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR"] {
            if let value = getenv(name) {
                result[name] = String(cString: value)
            }
        }
        return result
    }
}

extension Duration {
    /// Whole milliseconds, rounded up, at least 1 for positive durations.
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(max(millis, self > .zero ? 1 : 0))
    }

    /// For messages: "1.5 s", "300 s", "250 ms".
    var humanReadable: String {
        let millis = roundedUpMilliseconds
        if millis < 1000 { return "\(millis) ms" }
        if millis % 1000 == 0 { return "\(millis / 1000) s" }
        let tenths = (millis + 50) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
