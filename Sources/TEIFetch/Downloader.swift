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
        /// Already there and unchanged: nothing was transferred.
        case present
    }

    public var item: FetchItem
    public var size: Int64
    var digests: FileDigests
    /// The ETag and Last-Modified of the reply the file came from, for the next run to compare.
    var validators: RemoteValidators?
    public var status: Status
    /// The file's modification time once in place (nanoseconds since 1970).
    var modified: Int64
    /// What `--unpack` did with the file, when asked.
    public var unpacking: Unpacking?

    public var sha256: String { digests.sha256 }
}

/// Downloads one item into a folder: resumable, retried, verified, then renamed into place.
struct Downloader: Sendable {
    var folder: URL
    /// The folder as the user wrote it, for messages.
    var displayFolder: String
    var progress: FetchProgress
    var retries = RetryPolicy()

    /// The file `item` names in the folder, downloaded unless it is there and unchanged: what
    /// `recorded` (an earlier run's entry for a file untouched since) or the file's own digests
    /// show against the item, or, for an address alone, what a HEAD request shows against `recorded`.
    /// A changed file is downloaded to the partial file and renamed over the old one only once verified.
    func fetch(_ item: FetchItem, recorded: FetchedRecord.Entry?) throws -> FetchedFile {
        let target = folder.appendingPathComponent(item.name)
        let displayPath = (displayFolder as NSString).appendingPathComponent(item.name)
        do {
            try FetchInterruption.check(item)
            if let present = try unchangedExisting(item, recorded: recorded, at: target, displayPath: displayPath) {
                return present
            }
            try FetchInterruption.check(item)
            let partial = try PartialFile(target: target, displayPath: displayPath)
            let (resumed, reply) = try transfer(item, into: partial)
            var file = try verify(item, partial: partial, status: resumed ? .resumed : .downloaded)
            file.validators = RemoteValidators(etag: reply?.headers["etag"], lastModified: reply?.headers["last-modified"],
                                               contentLength: file.size)
            try partial.commit(to: target)
            file.modified = FileStamp(path: target.path)?.modified ?? 0
            return file
        } catch let failure as FileWriteError {
            throw FetchError(url: item.url.absoluteString, writing: failure)
        }
    }

    /// The existing target when it is what `item` says, or unchanged on the server; nil when there
    /// is none or it differs, so it is downloaded again.
    private func unchangedExisting(_ item: FetchItem, recorded: FetchedRecord.Entry?, at target: URL,
                                   displayPath: String) throws -> FetchedFile? {
        var info = stat()
        guard stat(target.path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FetchError(subject: item.url.absoluteString, reason: "\(displayPath) exists and is not a file",
                             hint: "move it away; tei fetch never replaces a folder")
        }
        let stamp = FileStamp(info)
        // The record speaks for the file only while the file has the size and time recorded.
        let untouched = recorded.map { FileStamp(size: $0.size, modified: $0.modified) == stamp } ?? false
        func present(_ digests: FileDigests, _ validators: RemoteValidators?) -> FetchedFile {
            FetchedFile(item: item, size: stamp.size, digests: digests, validators: validators, status: .present, modified: stamp.modified)
        }
        if item.describesContent {
            if let expected = item.expectedSize, expected != stamp.size { return nil }
            if let recorded, untouched, recorded.agrees(with: item) { return present(recorded.digests, recorded.validators) }
            let digests = try FileDigests.of(fileAt: target.path, displayPath: displayPath, wanted: .init(for: item))
            guard digests.mismatch(with: item) == nil else { return nil }
            // With a size alone to go by, the recorded SHA-256 tells an edit that kept the size.
            let givesDigest = item.expectedSHA256 != nil || item.expectedMD5 != nil || item.expectedCRC32C != nil
            if !givesDigest, let recorded, recorded.sha256 != digests.sha256 { return nil }
            return present(digests, untouched ? recorded?.validators : nil)
        }
        if let recorded, recorded.source == item.url.absoluteString {
            // Changed here since it was fetched: only the server has the file as it was.
            guard untouched, let remote = headValidators(of: item.url) else { return nil }
            return remote.sameVersion(as: recorded.validators) ? present(recorded.digests, remote) : nil
        }
        // A file no run recorded from this address: its length is all there is to compare.
        guard let remote = headValidators(of: item.url), remote.contentLength == stamp.size else { return nil }
        return present(try FileDigests.of(fileAt: target.path, displayPath: displayPath, wanted: .init(for: item)), remote)
    }

    /// The ETag, Last-Modified and Content-Length of a HEAD request; nil when the server cannot be
    /// reached or does not answer 2xx (the download then says why).
    private func headValidators(of url: URL) -> RemoteValidators? {
        let (reply, _) = HTTPTransfer.perform(url, headOnly: true) { _ in nil }
        guard let reply, (200..<300).contains(reply.status) else { return nil }
        return reply.validators
    }

    /// Streams the rest of `item` into `partial`, resuming from its size, retrying network failures,
    /// 5xx replies and too-many-requests with a growing pause. Returns whether it resumed, and the
    /// last reply (nil when the partial file was already complete).
    private func transfer(_ item: FetchItem, into partial: PartialFile) throws -> (Bool, HTTPReply?) {
        let url = item.url.absoluteString
        if let expected = item.expectedSize, partial.size > expected { try partial.empty() }
        progress.begin(item.name, total: item.expectedSize, done: partial.size)
        defer { progress.end(item.name) }
        var attempt = 1
        while true {
            let offset = partial.size
            if offset > 0, offset == item.expectedSize { return (true, nil) }
            if offset > 0 { progress.log("resuming \(item.name) at byte \(offset)") }
            let problem: String
            switch try request(item, from: offset, into: partial) {
            case .done(let reply):
                // A 200 is the whole file from its first byte, whatever the partial file held.
                return (reply.status != 200, reply)
            case .retry(let reason):
                problem = reason
            }
            guard attempt < retries.attempts else {
                let kept = partial.size
                throw FetchError(subject: url, reason: "gave up after \(retries.attempts) attempts: \(problem)",
                                 hint: kept > 0 ? "run the same command later: it resumes from the \(kept) bytes downloaded so far"
                                     : "check the address and the network, then run the same command again")
            }
            let delay = retries.delay(after: attempt)
            progress.log("retrying \(item.name) in \(String(format: "%.1f", delay)) s: \(problem)")
            FetchInterruption.pause(delay)
            try FetchInterruption.check(item)
            attempt += 1
        }
    }

    private enum RequestOutcome {
        case done(HTTPReply)
        case retry(String)
    }

    /// One GET from byte `offset`; throws what retrying cannot mend (a 404, a write failure, Ctrl-C).
    private func request(_ item: FetchItem, from offset: Int64, into partial: PartialFile) throws -> RequestOutcome {
        let url = item.url
        var sink: FileDescriptorSink?
        var received: Int64 = 0
        let progress = progress
        let (reply, end) = HTTPTransfer.perform(url, from: offset, ifRange: offset > 0 ? partial.validator : nil) { reply in
            switch reply.status {
            case 200:
                // The whole file: the server ignores ranges, or the file changed since the partial
                // bytes came (If-Range).
                try partial.empty()
                partial.record(validator: reply.resumeValidator)
                progress.restart(item.name, total: reply.contentLength)
            case 206 where reply.rangeStart == offset:
                if item.expectedSize == nil { progress.restart(item.name, total: reply.rangeTotal, done: offset) }
            default:
                return nil
            }
            let body = try partial.appendingSink()
            sink = body
            return { bytes in
                try body.write(bytes)
                received += Int64(bytes.count)
                progress.advance(item.name, by: Int64(bytes.count))
            }
        }
        // What arrived before a dropped connection or Ctrl-C stays in the file, for the next attempt to resume.
        try sink?.finish()
        switch end {
        case .writeFailure(let failure): throw failure
        case .interrupted: throw FetchError.interrupted(url.absoluteString)
        case .complete, .networkFailure: break
        }
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
            return .done(reply)
        case 416 where offset > 0:
            if reply.rangeTotal == offset { return .done(reply) }
            try partial.empty()
            return .retry("the server's file is shorter than the \(offset) bytes downloaded before; starting again")
        case let status where RetryPolicy.isRetryable(status: status):
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

    /// Checks the finished partial file against the size and digests `item` gives; on a mismatch the
    /// partial file is removed (resuming from wrong bytes cannot mend it) and nothing is renamed.
    private func verify(_ item: FetchItem, partial: PartialFile, status: FetchedFile.Status) throws -> FetchedFile {
        let size = partial.size
        if let expected = item.expectedSize, expected != size {
            partial.discard()
            throw FetchError(subject: item.url.absoluteString, reason: "the server sent \(size) bytes, \(item.origin) says \(expected)",
                             hint: "the file on the server differs from the \(item.describedBy); nothing was saved as \(item.name)")
        }
        let digests = try partial.digests(wanted: .init(for: item))
        if let (name, computed, expected) = digests.mismatch(with: item) {
            partial.discard()
            throw FetchError(subject: item.url.absoluteString,
                             reason: "the \(name) of the download is \(computed), \(item.origin) says \(expected)",
                             hint: "the file on the server differs from the \(item.describedBy); nothing was saved as \(item.name)")
        }
        return FetchedFile(item: item, size: size, digests: digests, status: status, modified: 0)
    }
}
