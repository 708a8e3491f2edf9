import CCurl

/// `curl_global_init` must run once per process before any other libcurl call, and (before 7.84)
/// not concurrently with other threads calling it. A Swift global is initialised exactly once,
/// thread-safely, on first use.
private let curlGlobalInitCode: Int = Int(curl_global_init(mneme_curl_global_all()).rawValue)

enum CurlGlobal {
    static func ensureInitialized() throws(HTTPError) {
        guard curlGlobalInitCode == 0 else {
            throw HTTPError(
                code: .other, message: "libcurl failed to initialise (curl_global_init returned \(curlGlobalInitCode))")
        }
    }
}
