import CCurl
import CCurlShim
import Foundation

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

    /// What a request resuming this file names it by in `If-Range`: a strong ETag (a weak one
    /// cannot vouch for bytes), else the Last-Modified date.
    var resumeValidator: String? {
        if let etag = headers["etag"], !etag.hasPrefix("W/") { return etag }
        return headers["last-modified"]
    }

    /// What the server says identifies this version of the file, for a rerun to tell whether it changed.
    var validators: RemoteValidators {
        RemoteValidators(etag: headers["etag"], lastModified: headers["last-modified"], contentLength: rangeTotal ?? contentLength)
    }
}

/// How a transfer ended.
enum TransferEnd {
    /// The whole body arrived (or the reply had none worth reading).
    case complete
    /// The network failed: no reply, or the connection dropped in the body. The reason is tei's text.
    case networkFailure(String)
    /// Writing the body failed; the transfer was stopped.
    case writeFailure(Error)
    /// Ctrl-C (`FetchInterruption`) stopped the transfer.
    case interrupted
}

/// One HTTP request through libcurl (CCurlShim), made in the calling thread. The body is handed to
/// the writer in pieces as it arrives, and curl reads no more from the network until the writer
/// returns: memory stays bounded however large the file and however slow the disk.
/// FoundationNetworking's URLSession was the first choice (no new system package) but on Linux it
/// queues every piece for its delegate without back-pressure, so a disk slower than the network
/// held most of a file in memory (80 MB of RSS for a 50 MB file in a test with a slow writer).
final class HTTPTransfer {
    /// Takes the body of a reply, piece by piece.
    typealias BodyWriter = (UnsafeRawBufferPointer) throws -> Void

    private let onReply: (HTTPReply) throws -> BodyWriter?
    private var status = 0
    private var headers: [String: String] = [:]
    private var reply: HTTPReply?
    private var writer: BodyWriter?
    private var writeFailure: Error?

    private init(onReply: @escaping (HTTPReply) throws -> BodyWriter?) {
        self.onReply = onReply
    }

    /// Seconds without a byte before the connection counts as dropped (then retried).
    static let stallSeconds = 60

    /// Requests `url` (a HEAD when `headOnly`; from byte `offset` when it is above 0) and waits
    /// for the end. `onReply` sees the status and headers and gives the writer of the body, or nil
    /// to drop the body (an error reply).
    static func perform(_ url: URL, from offset: Int64 = 0, ifRange: String? = nil, headOnly: Bool = false,
                        onReply: @escaping (HTTPReply) throws -> BodyWriter?) -> (HTTPReply?, TransferEnd) {
        let transfer = HTTPTransfer(onReply: onReply)
        let code = withExtendedLifetime(transfer) {
            tei_curl_perform(url.absoluteString, offset, ifRange, headOnly ? 1 : 0, stallSeconds,
                             { line, length, context in
                                 let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context!).takeUnretainedValue()
                                 transfer.header(UnsafeRawBufferPointer(start: line, count: length))
                             },
                             { bytes, length, context in
                                 let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context!).takeUnretainedValue()
                                 return transfer.body(UnsafeRawBufferPointer(start: bytes, count: length)) ? 0 : 1
                             },
                             Unmanaged.passUnretained(transfer).toOpaque())
        }
        return transfer.finish(code: CURLcode(rawValue: UInt32(bitPattern: code)), url: url)
    }

    /// A header line: a status line starts the headers of a new reply (after a redirect or a
    /// `100 Continue`).
    private func header(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            status = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }

    /// A piece of the body; false stops the transfer.
    private func body(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if reply == nil {
            let reply = HTTPReply(status: status, headers: headers)
            self.reply = reply
            do {
                writer = try onReply(reply)
            } catch {
                writeFailure = error
                return false
            }
        }
        guard let writer else { return false }
        do {
            try writer(bytes)
            return true
        } catch {
            writeFailure = error
            return false
        }
    }

    private func finish(code: CURLcode, url: URL) -> (HTTPReply?, TransferEnd) {
        if reply == nil, status > 0 {
            // A reply without a body: the writer is asked for, and gets nothing to write.
            let reply = HTTPReply(status: status, headers: headers)
            self.reply = reply
            do {
                writer = try onReply(reply)
            } catch {
                writeFailure = error
            }
        }
        if tei_curl_is_cancelled() != 0 { return (reply, .interrupted) }
        if let writeFailure { return (reply, .writeFailure(writeFailure)) }
        if code == CURLE_OK { return (reply, .complete) }
        // The body of a reply the caller did not want was refused on purpose: its status decides.
        if code == CURLE_WRITE_ERROR, reply != nil, writer == nil { return (reply, .complete) }
        return (reply, .networkFailure(Self.explain(code: code, url: url)))
    }

    /// A libcurl failure in tei's words (never curl's text).
    static func explain(code: CURLcode, url: URL) -> String {
        let host = url.host ?? "the server"
        switch code {
        case CURLE_COULDNT_CONNECT: return "could not connect to \(host)"
        case CURLE_COULDNT_RESOLVE_HOST: return "the host \(host) was not found"
        case CURLE_OPERATION_TIMEDOUT: return "the connection to \(host) stalled for \(stallSeconds) s"
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            return "the secure (TLS) connection to \(host) failed"
        case CURLE_TOO_MANY_REDIRECTS: return "\(host) redirected too many times"
        case CURLE_UNSUPPORTED_PROTOCOL: return "\(host) redirected to an address that is not http or https"
        default: return "the connection to \(host) was dropped"
        }
    }
}
