import CCurl

/// One easy handle and its per-transfer state. Lives on the event-loop thread only; libcurl's
/// callbacks reach it through an unretained pointer (the registry keeps it alive while the handle
/// is in the multi handle).
final class CurlTransfer {
    let sink: TransferSink
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer: UnsafeMutablePointer<CChar>
    let rawURL: String
    let totalTimeout: Duration?
    private let idleTimeout: Duration?
    private let followRedirects: Bool
    private var lastActivity = ContinuousClock.now
    private var uploadedBytes: Int = 0
    private var isPaused = false
    private var head = HeadParser()

    init(sink: TransferSink, request: HTTPRequest, configuration: HTTPClient.Configuration) throws(HTTPError) {
        guard let easy = curl_easy_init() else {
            throw HTTPError(code: .other, message: "\(sink.requestDescription): libcurl could not create a handle")
        }
        self.sink = sink
        self.easy = easy
        self.rawURL = request.url
        self.totalTimeout = request.timeout ?? configuration.timeout
        self.idleTimeout = request.idleTimeout ?? configuration.idleTimeout
        self.followRedirects = configuration.followRedirects
        errorBuffer = .allocate(capacity: mneme_curl_error_size())
        errorBuffer.initialize(repeating: 0, count: mneme_curl_error_size())
        try configure(request: request, configuration: configuration)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    // MARK: Setup

    private func configure(request: HTTPRequest, configuration: HTTPClient.Configuration) throws(HTTPError) {
        var failed: CURLcode?
        func set(_ code: CURLcode) {
            if code != CURLE_OK, failed == nil { failed = code }
        }
        set(mneme_curl_easy_setopt_string(easy, CURLOPT_URL, request.url))
        set(mneme_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        set(mneme_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        set(mneme_curl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(mneme_curl_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        set(mneme_curl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, configuration.followRedirects ? 1 : 0))
        set(mneme_curl_easy_setopt_long(easy, CURLOPT_MAXREDIRS, configuration.maxRedirects))
        set(mneme_curl_easy_setopt_long(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1))
        set(mneme_curl_easy_setopt_long(easy, CURLOPT_TCP_NODELAY, 1))
        set(
            mneme_curl_easy_setopt_long(
                easy, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.roundedUpMilliseconds))
        if let totalTimeout {
            set(mneme_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, totalTimeout.roundedUpMilliseconds))
        }
        if !request.headers.contains("User-Agent") {
            set(mneme_curl_easy_setopt_string(easy, CURLOPT_USERAGENT, configuration.userAgent))
        }

        // Method and body.
        let method = request.method.rawValue.uppercased()
        if method == "HEAD" {
            set(mneme_curl_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        } else if method == "GET" && request.body == nil {
            set(mneme_curl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        } else {
            let body = request.body ?? []
            set(mneme_curl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, body.count))
            body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies `POSTFIELDSIZE` bytes, so binary bodies with NUL are fine.
                let pointer = bytes.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start)
                set(
                    mneme_curl_easy_setopt_pointer(
                        easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: pointer)))
            }
            if method != "POST" {
                set(mneme_curl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method.rawValue))
            }
        }

        // Headers. `Expect:` disables curl's 100-continue round trip for larger bodies.
        var fields = request.headers.map { field in
            field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
        }
        if !request.headers.contains("Expect") { fields.append("Expect:") }
        for field in fields {
            guard let list = curl_slist_append(headerList, field) else {
                throw HTTPError(code: .other, message: "\(sink.requestDescription): out of memory for headers")
            }
            headerList = list
        }
        set(mneme_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))

        // Proxy and trust roots.
        switch configuration.proxy.kind {
        case .environment:
            break  // libcurl reads http_proxy, https_proxy, all_proxy, no_proxy itself.
        case .disabled:
            set(mneme_curl_easy_setopt_string(easy, CURLOPT_PROXY, ""))
        case .url(let url, let noProxy):
            set(mneme_curl_easy_setopt_string(easy, CURLOPT_PROXY, url))
            if let noProxy { set(mneme_curl_easy_setopt_string(easy, CURLOPT_NOPROXY, noProxy)) }
        }
        if let file = configuration.trustRoots.bundleFile {
            set(mneme_curl_easy_setopt_string(easy, CURLOPT_CAINFO, file))
        }
        if let directory = configuration.trustRoots.directory {
            set(mneme_curl_easy_setopt_string(easy, CURLOPT_CAPATH, directory))
        }

        // Callbacks.
        let context = Unmanaged.passUnretained(self).toOpaque()
        set(mneme_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        set(
            mneme_curl_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
                return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: size * count))
            })
        set(mneme_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        set(
            mneme_curl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
                return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: size * count))
            })
        set(mneme_curl_easy_setopt_long(easy, CURLOPT_NOPROGRESS, 0))
        set(mneme_curl_easy_setopt_pointer(easy, CURLOPT_XFERINFODATA, context))
        set(
            mneme_curl_easy_setopt_xferinfo_callback(easy, CURLOPT_XFERINFOFUNCTION) { context, _, _, _, uploaded in
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
                return transfer.progress(uploaded: Int(uploaded))
            })

        if let failed {
            let reason = String(cString: curl_easy_strerror(failed))
            throw HTTPError(
                code: .invalidRequest, message: "\(sink.requestDescription): libcurl rejected an option: \(reason)")
        }
    }

    // MARK: Callbacks (loop thread)

    private func receiveHeaderLine(_ line: UnsafeRawBufferPointer) -> Int {
        lastActivity = .now
        switch head.consume(line: line, followsRedirects: followRedirects) {
        case .incomplete:
            break
        case .complete(let responseHead):
            sink.deliverHead(responseHead)
        }
        return line.count
    }

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        lastActivity = .now
        if !head.isDelivered {
            if head.isAwaitingRedirect { return bytes.count }  // body of a redirect curl will follow
            guard let responseHead = head.forceComplete() else {
                sink.finish(.failure(malformedHeadError()))
                return 0
            }
            sink.deliverHead(responseHead)
        }
        switch sink.offer(bytes) {
        case .accepted:
            return bytes.count
        case .pause:
            isPaused = true
            return mneme_curl_writefunc_pause()
        case .abort:
            return 0
        }
    }

    private func progress(uploaded: Int) -> Int32 {
        if uploaded != uploadedBytes {
            uploadedBytes = uploaded
            lastActivity = .now
        }
        return 0
    }

    // MARK: Loop operations

    /// Continues a transfer paused because the reader fell behind.
    func resume() {
        guard isPaused else { return }
        isPaused = false
        lastActivity = .now
        curl_easy_pause(easy, mneme_curl_pause_cont())
    }

    /// Time left before the idle timeout fires, or `nil` if none applies now (no limit, or paused by backpressure).
    func idleTimeRemaining(now: ContinuousClock.Instant) -> Duration? {
        guard let idleTimeout, !isPaused else { return nil }
        return idleTimeout - (now - lastActivity)
    }

    func failIdle() {
        let limit = idleTimeout?.humanReadable ?? "?"
        sink.finish(
            .failure(
                HTTPError(
                    code: .timeout,
                    message: "\(sink.requestDescription): no data sent or received for \(limit) (idle timeout)")))
    }

    /// Records curl's final result for this transfer.
    func complete(_ code: CURLcode) {
        if code == CURLE_OK {
            if !head.isDelivered, let responseHead = head.forceComplete() {
                sink.deliverHead(responseHead)
            }
            sink.finish(.success(()))
        } else {
            sink.finish(.failure(error(for: code)))
        }
    }
}
