#include "CCurlShim.h"

#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    tei_curl_header_callback header;
    tei_curl_write_callback write;
    void *context;
} callbacks;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile sig_atomic_t cancelled = 0;

void tei_curl_cancel_all(void) {
    cancelled = 1;
}

int tei_curl_is_cancelled(void) {
    return cancelled != 0;
}

// libcurl calls this about once a second even while no byte arrives, so a transfer stalled on a
// slow server stops as promptly as one streaming.
static int on_progress(void *user, curl_off_t total_down, curl_off_t now_down, curl_off_t total_up, curl_off_t now_up) {
    (void)user; (void)total_down; (void)now_down; (void)total_up; (void)now_up;
    return cancelled ? 1 : 0;
}

static void global_init(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

void tei_curl_global_init(void) {
    pthread_once(&once, global_init);
}

static size_t on_header(char *line, size_t size, size_t count, void *user) {
    callbacks *calls = user;
    size_t length = size * count;
    size_t trimmed = length;
    while (trimmed > 0 && (line[trimmed - 1] == '\n' || line[trimmed - 1] == '\r')) trimmed--;
    calls->header(line, trimmed, calls->context);
    return length;
}

static size_t on_body(char *bytes, size_t size, size_t count, void *user) {
    callbacks *calls = user;
    size_t length = size * count;
    if (cancelled) return 0;
    return calls->write(bytes, length, calls->context) == 0 ? length : 0;
}

int tei_curl_perform(const char *url, int64_t resume_from, const char *if_range, int head_only, long stall_seconds,
                     tei_curl_header_callback header, tei_curl_write_callback write, void *context) {
    tei_curl_global_init();
    if (cancelled) return CURLE_ABORTED_BY_CALLBACK;
    CURL *curl = curl_easy_init();
    if (curl == NULL) return CURLE_FAILED_INIT;
    callbacks calls = { header, write, context };
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, stall_seconds);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "tei-fetch");
    // A plain Range header rather than CURLOPT_RESUME_FROM, which fails when a server ignores
    // ranges: tei starts the file again on a 200 instead.
    char range[32];
    if (resume_from > 0) {
        snprintf(range, sizeof range, "%lld-", (long long)resume_from);
        curl_easy_setopt(curl, CURLOPT_RANGE, range);
    }
    // If the file changed since the partial bytes came, the server sends all of the new one (200).
    struct curl_slist *headers = NULL;
    char condition[512];
    if (resume_from > 0 && if_range != NULL && strlen(if_range) < sizeof condition - 16) {
        snprintf(condition, sizeof condition, "If-Range: %s", if_range);
        headers = curl_slist_append(headers, condition);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    }
    if (head_only) curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &calls);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &calls);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    CURLcode result = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    curl_slist_free_all(headers);
    return (int)result;
}
