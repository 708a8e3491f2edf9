#ifndef MNEME_CCURL_SHIM_H
#define MNEME_CCURL_SHIM_H

// Typed, non-variadic wrappers around libcurl for Swift.
// `curl_easy_setopt`, `curl_easy_getinfo` and `curl_multi_setopt` are variadic and cannot be
// called from Swift; each wrapper fixes the argument type of one option family.

#include <curl/curl.h>

typedef size_t (*mneme_curl_data_callback)(char *buffer, size_t size, size_t nitems, void *userdata);
typedef int (*mneme_curl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                            curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode mneme_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mneme_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mneme_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mneme_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mneme_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mneme_curl_easy_setopt_data_callback(CURL *handle, CURLoption option,
                                                            mneme_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mneme_curl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option,
                                                                mneme_curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mneme_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode mneme_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

/// `CURL_WRITEFUNC_PAUSE`: returned from a write callback to pause the transfer.
static inline size_t mneme_curl_writefunc_pause(void) { return CURL_WRITEFUNC_PAUSE; }

/// `CURLPAUSE_CONT`: unpauses both directions.
static inline int mneme_curl_pause_cont(void) { return CURLPAUSE_CONT; }

/// `CURL_ERROR_SIZE`: the size of the buffer given to `CURLOPT_ERRORBUFFER`.
static inline size_t mneme_curl_error_size(void) { return CURL_ERROR_SIZE; }

/// `CURL_GLOBAL_ALL`.
static inline long mneme_curl_global_all(void) { return CURL_GLOBAL_ALL; }

#endif
