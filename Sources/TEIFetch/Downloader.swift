import Foundation
import TEIStorage

/// A file `tei fetch` has in the folder, verified.
public struct FetchedFile: Sendable {
    public enum Status: String, Sendable {
        /// Downloaded from the first byte.
        case downloaded
        /// Completed from a partial file: one an earlier, interrupted run left, or this run's own
        /// after a dropped connection.
        case resumed
        /// Already there and verified: nothing was transferred.
        case present
    }

    public var item: FetchItem
    public var size: Int64
    public var sha256: String
    public var status: Status
}

/// Downloads one item into a folder: resumable, retried, verified, then renamed into place.
struct Downloader: Sendable {
    var folder: URL
    /// The folder as the user wrote it, for messages.
    var displayFolder: String
    var log: @Sendable (String) -> Void
    /// How many times a request is made before giving up on a network failure or a 5xx.
    var attempts = 6
    /// The pause before the first retry, doubled before each further one.
    var firstRetryDelay = 0.2

    /// The file `item` names in the folder, downloaded unless an earlier run left it complete and verified.
    func fetch(_ item: FetchItem) throws -> FetchedFile {
        let target = folder.appendingPathComponent(item.name)
        let displayPath = (displayFolder as NSString).appendingPathComponent(item.name)
        do {
            if let present = try verifiedExisting(item, at: target, displayPath: displayPath) {
                return present
            }
            let partial = try PartialFile(target: target, displayPath: displayPath)
            let resumed = try transfer(item, into: partial)
            let file = try verify(item, partial: partial, status: resumed ? .resumed : .downloaded)
            try partial.commit(to: target)
            return file
        } catch let failure as FileWriteError {
            throw FetchError(url: item.url.absoluteString, writing: failure)
        }
    }

    /// The existing target when it matches what `item` says (size and digest; without a size, the
    /// length a HEAD request gives); nil when there is none or it differs, so it is downloaded again.
    private func verifiedExisting(_ item: FetchItem, at target: URL, displayPath: String) throws -> FetchedFile? {
        var info = stat()
        guard stat(target.path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FetchError(subject: item.url.absoluteString, reason: "\(displayPath) exists and is not a file",
                             hint: "move it away; tei fetch never replaces a folder")
        }
        let size = Int64(info.st_size)
        guard let expected = item.expectedSize ?? remoteSize(of: item.url), expected == size else { return nil }
        let digest = try PartialFile.sha256(ofFileAt: target.path, displayPath: displayPath)
        if let expectedDigest = item.expectedSHA256, expectedDigest != digest { return nil }
        return FetchedFile(item: item, size: size, sha256: digest, status: .present)
    }

    /// The Content-Length of a HEAD request; nil when the server does not say or cannot be reached.
    private func remoteSize(of url: URL) -> Int64? {
        let (reply, _) = HTTPTransfer.perform(url, headOnly: true) { _ in nil }
        guard let reply, (200..<300).contains(reply.status) else { return nil }
        return reply.contentLength
    }

    /// Streams the rest of `item` into `partial`, resuming from its size, retrying network failures,
    /// 5xx replies and too-many-requests with a growing pause. Returns whether it resumed.
    private func transfer(_ item: FetchItem, into partial: PartialFile) throws -> Bool {
        let url = item.url.absoluteString
        if let expected = item.expectedSize, partial.size > expected { try partial.empty() }
        var attempt = 1
        while true {
            let offset = partial.size
            if offset > 0, offset == item.expectedSize { return true }
            if offset > 0 { log("resuming \(item.name) at byte \(offset)") }
            let problem: String
            switch try request(item.url, from: offset, into: partial) {
            case .done:
                return offset > 0
            case .retry(let reason):
                problem = reason
            }
            guard attempt < attempts else {
                let kept = partial.size
                throw FetchError(subject: url, reason: "gave up after \(attempts) attempts: \(problem)",
                                 hint: kept > 0 ? "run the same command later: it resumes from the \(kept) bytes downloaded so far"
                                     : "check the address and the network, then run the same command again")
            }
            let delay = firstRetryDelay * Double(1 << (attempt - 1))
            log("retrying \(item.name) in \(String(format: "%.1f", delay)) s: \(problem)")
            Thread.sleep(forTimeInterval: delay)
            attempt += 1
        }
    }

    private enum RequestOutcome {
        case done
        case retry(String)
    }

    /// One GET from byte `offset`; throws what retrying cannot mend (a 404, a write failure).
    private func request(_ url: URL, from offset: Int64, into partial: PartialFile) throws -> RequestOutcome {
        var sink: FileDescriptorSink?
        var received: Int64 = 0
        let (reply, end) = HTTPTransfer.perform(url, from: offset) { reply in
            switch reply.status {
            case 200:
                // The whole file, also when a range was asked for and the server ignores ranges.
                try partial.empty()
            case 206 where reply.rangeStart == offset:
                break
            default:
                return nil
            }
            let body = try partial.appendingSink()
            sink = body
            return { bytes in
                try body.write(bytes)
                received += Int64(bytes.count)
            }
        }
        // What arrived before a dropped connection stays in the file, for the next attempt to resume.
        try sink?.finish()
        if case .writeFailure(let failure) = end { throw failure }
        guard let reply else {
            if case .networkFailure(let reason) = end { return .retry(reason) }
            return .retry("the server did not reply")
        }
        switch reply.status {
        case 200, 206:
            if case .networkFailure(let reason) = end { return .retry("\(reason) after \(received) bytes") }
            if reply.status == 206, reply.rangeStart != offset {
                try partial.empty()
                return .retry("the server sent other bytes than the range asked for; starting again")
            }
            if let length = reply.contentLength, length != received {
                return .retry("the server sent \(received) of \(length) bytes")
            }
            return .done
        case 416 where offset > 0:
            if reply.rangeTotal == offset { return .done }
            try partial.empty()
            return .retry("the server's file is shorter than the \(offset) bytes downloaded before; starting again")
        case 408, 429, 500...599:
            return .retry("the server answered \(Self.describe(status: reply.status))")
        default:
            throw FetchError(subject: url.absoluteString, reason: "the server answered \(Self.describe(status: reply.status))",
                             hint: Self.hint(status: reply.status))
        }
    }

    /// `HTTP 404 (not found)`, in words tei chooses.
    static func describe(status: Int) -> String {
        let phrases = [400: "bad request", 401: "unauthorized", 403: "forbidden", 404: "not found", 408: "request timeout",
                       410: "gone", 429: "too many requests", 500: "internal server error", 502: "bad gateway",
                       503: "service unavailable", 504: "gateway timeout"]
        return "HTTP \(status)" + (phrases[status].map { " (\($0))" } ?? "")
    }

    static func hint(status: Int) -> String? {
        switch status {
        case 404, 410: return "check the address: the file may have moved or been removed"
        case 401, 403: return "the file is not public: check the address"
        default: return nil
        }
    }

    /// Checks the finished partial file against the size and SHA-256 `item` gives; on a mismatch the
    /// partial file is removed (resuming from wrong bytes cannot mend it) and nothing is renamed.
    private func verify(_ item: FetchItem, partial: PartialFile, status: FetchedFile.Status) throws -> FetchedFile {
        let size = partial.size
        if let expected = item.expectedSize, expected != size {
            partial.discard()
            throw FetchError(subject: item.url.absoluteString, reason: "the server sent \(size) bytes, \(item.origin) says \(expected)",
                             hint: "the file on the server differs from the manifest: check the manifest's size")
        }
        let digest = try partial.sha256()
        if let expected = item.expectedSHA256, expected != digest {
            partial.discard()
            throw FetchError(subject: item.url.absoluteString,
                             reason: "the SHA-256 of the download is \(digest), \(item.origin) says \(expected)",
                             hint: "the file on the server differs from the manifest; nothing was saved as \(item.name)")
        }
        return FetchedFile(item: item, size: size, sha256: digest, status: status)
    }
}
