import CCurlShim
import Foundation

/// Ctrl-C for `tei fetch`: a request, made once from the signal-forwarding thread, that every
/// transfer stops (libcurl's progress callback sees it within about a second, even on a stalled
/// connection), no retry waits on, and no download starts. Partial files stay for the next run.
public enum FetchInterruption {
    /// Stops every transfer; there is no undoing it in this process.
    public static func request() {
        tei_curl_cancel_all()
    }

    public static var isRequested: Bool { tei_curl_is_cancelled() != 0 }

    /// Waits `seconds`, or less once an interruption is requested.
    static func pause(_ seconds: Double) {
        let end = Date().addingTimeInterval(seconds)
        while !isRequested, Date() < end {
            Thread.sleep(forTimeInterval: min(0.05, max(0, end.timeIntervalSinceNow)))
        }
    }

    /// Throws `FetchError.interrupted` when an interruption is requested.
    static func check(_ item: FetchItem) throws {
        if isRequested { throw FetchError.interrupted(item.url.absoluteString) }
    }
}
