#ifndef TEI_CCURL_SHIM_H
#define TEI_CCURL_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// One HTTP GET (or HEAD) through libcurl, for `tei fetch`. In C because curl_easy_setopt is
/// variadic, which Swift cannot call.
///
/// The body goes to `write` in the thread that calls `tei_curl_perform`, as it arrives: curl reads
/// no more from the socket until `write` returns, so memory stays bounded however slow the disk.

/// Takes one header line of a reply (redirects included), without its line break.
typedef void (*tei_curl_header_callback)(const char *line, size_t length, void *context);

/// Takes a piece of the body; returns 0 to keep going, nonzero to stop the transfer.
typedef int (*tei_curl_write_callback)(const char *bytes, size_t length, void *context);

/// Starts libcurl once per process, before any thread makes a request.
void tei_curl_global_init(void);

/// Makes the request and returns curl's result code (0 when the transfer completed, 23 when
/// `write` stopped it). `resume_from` > 0 asks for the bytes from there (HTTP Range), only if the
/// file is still the version `if_range` (an ETag or a date; NULL: unconditionally); `head_only`
/// makes a HEAD request. A transfer slower than 1 byte/s for `stall_seconds` is stopped (code 28).
int tei_curl_perform(const char *url, int64_t resume_from, const char *if_range, int head_only, long stall_seconds,
                     tei_curl_header_callback header, tei_curl_write_callback write, void *context);

/// Stops every transfer running (within about a second) and makes later ones fail at once with
/// code 42 (aborted): what Ctrl-C asks of `tei fetch`. Safe to call from any thread.
void tei_curl_cancel_all(void);

/// Whether `tei_curl_cancel_all` was called.
int tei_curl_is_cancelled(void);

#endif
