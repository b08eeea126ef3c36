import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The status line and headers of an HTTP reply; header names lowercased.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]

    /// The first byte of a `206` reply's `Content-Range: bytes START-END/SIZE`.
    var rangeStart: Int64? {
        guard let range = headers["content-range"], range.hasPrefix("bytes ") else { return nil }
        return Int64(range.dropFirst(6).prefix { $0.isNumber })
    }

    /// The whole file's size a `Content-Range` gives (`bytes START-END/SIZE` or `bytes */SIZE`).
    var rangeTotal: Int64? {
        guard let range = headers["content-range"], let slash = range.lastIndex(of: "/") else { return nil }
        return Int64(range[range.index(after: slash)...])
    }

    var contentLength: Int64? { headers["content-length"].flatMap { Int64($0) } }
}

/// How a transfer ended.
enum TransferEnd {
    /// The whole body arrived (or the reply had none worth reading).
    case complete
    /// The network failed: no reply, or the connection dropped in the body. The reason is tei's text.
    case networkFailure(String)
    /// Writing the body failed; the transfer was cancelled.
    case writeFailure(Error)
}

/// One HTTP request made synchronously, its body handed to `write` in pieces as it arrives, so
/// memory stays bounded whatever the file's size. FoundationNetworking's URLSession (libcurl
/// underneath, which the Swift toolchain already links on Linux) rather than AsyncHTTPClient: it
/// needs no new package and gives streaming, Range and TLS.
final class HTTPTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Takes the body of a reply, piece by piece.
    typealias BodyWriter = (Data) throws -> Void

    private let onReply: (HTTPReply) throws -> BodyWriter?
    private let finished = DispatchSemaphore(value: 0)
    // Touched only on the session's serial delegate queue until `finished` is signalled.
    private var reply: HTTPReply?
    private var writer: BodyWriter?
    private var end: TransferEnd = .complete

    private init(onReply: @escaping (HTTPReply) throws -> BodyWriter?) {
        self.onReply = onReply
    }

    /// Sends `request` and waits for it to end. `onReply` sees the status and headers and gives the
    /// writer of the body, or nil to drop the body (an error reply; a HEAD request).
    static func perform(_ request: URLRequest, onReply: @escaping (HTTPReply) throws -> BodyWriter?) -> (HTTPReply?, TransferEnd) {
        let transfer = HTTPTransfer(onReply: onReply)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let configuration = URLSessionConfiguration.ephemeral
        // Seconds without a byte before the connection counts as dropped (then retried).
        configuration.timeoutIntervalForRequest = 60
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: queue)
        session.dataTask(with: request).resume()
        transfer.finished.wait()
        session.finishTasksAndInvalidate()
        return (transfer.reply, transfer.end)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let response = response as? HTTPURLResponse else {
            end = .networkFailure("the server's reply is not HTTP")
            completionHandler(.cancel)
            return
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            headers["\(name)".lowercased()] = "\(value)"
        }
        let reply = HTTPReply(status: response.statusCode, headers: headers)
        self.reply = reply
        do {
            writer = try onReply(reply)
        } catch {
            end = .writeFailure(error)
        }
        completionHandler(writer == nil ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard case .complete = end, let writer else { return }
        do {
            try writer(data)
        } catch {
            end = .writeFailure(error)
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        // A reply whose body was refused was cancelled on purpose: its status is the outcome.
        let bodyWanted = reply == nil || writer != nil
        if let error, case .complete = end, bodyWanted {
            end = .networkFailure(Self.explain(error, url: task.originalRequest?.url))
        }
        finished.signal()
    }

    /// A network error in tei's words (never Foundation's or libcurl's text).
    static func explain(_ error: Error, url: URL?) -> String {
        let host = url?.host ?? "the server"
        switch (error as? URLError)?.code {
        case .cannotConnectToHost?: return "could not connect to \(host)"
        case .cannotFindHost?, .dnsLookupFailed?: return "the host \(host) was not found"
        case .timedOut?: return "the connection to \(host) timed out"
        case .notConnectedToInternet?: return "this computer is not connected to a network"
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?,
             .serverCertificateHasUnknownRoot?, .serverCertificateNotYetValid?, .clientCertificateRejected?:
            return "the secure (TLS) connection to \(host) failed"
        default: return "the connection to \(host) was dropped"
        }
    }
}
