import Foundation

/// `gs://BUCKET/PREFIX` sources: the objects whose name starts with PREFIX, as the bucket's public
/// JSON listing gives them (Cloud Storage's JSON API, `GET {listing}/storage/v1/b/BUCKET/o?prefix=P`,
/// paged with `pageToken`/`nextPageToken`), each downloaded from `{download}/BUCKET/NAME` and
/// checked against the listing's size, MD5 (`md5Hash`) and CRC32C (`crc32c`), both base64.
/// Both addresses default to Google's and can point at a mirror that serves the same shape.
public struct CloudStorageListing: Sendable {
    public static let defaultAddress = "https://storage.googleapis.com"
    /// The environment variables that set the addresses when the options do not.
    public static let listingVariable = "TEI_FETCH_LISTING_URL"
    public static let downloadVariable = "TEI_FETCH_DOWNLOAD_URL"

    /// Where the listing API is: `{listing}/storage/v1/b/BUCKET/o`, and where it was set (for messages).
    private var listing: (address: String, origin: String)
    /// Where objects are downloaded: `{download}/BUCKET/NAME`.
    private var download: (address: String, origin: String)
    var retries = RetryPolicy()
    /// Takes the lines of news (`retrying the listing …`).
    public var log: @Sendable (String) -> Void = { _ in }

    /// The addresses the options give, else the environment's, else Google's; they are checked
    /// when a gs:// source is listed, so that a stray variable does not stop other downloads.
    public init(listingAddress: String?, downloadAddress: String?,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        listing = listingAddress.map { ($0, "--listing-url") } ?? environment[Self.listingVariable].map { ($0, Self.listingVariable) }
            ?? (Self.defaultAddress, "--listing-url")
        download = downloadAddress.map { ($0, "--download-url") } ?? environment[Self.downloadVariable].map { ($0, Self.downloadVariable) }
            ?? (Self.defaultAddress, "--download-url")
    }

    /// An http(s) address without a query, a trailing `/` dropped.
    private static func checked(_ address: (address: String, origin: String)) throws -> String {
        let text = address.address
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil,
              url.query == nil else {
            throw FetchError(subject: address.origin, reason: "`\(text)` is not an http:// or https:// address",
                             hint: "give the address of the server, such as \(defaultAddress)")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// The objects `gs://BUCKET/PREFIX` names, in the listing's order; an error when there is none.
    func items(of source: String) throws -> [FetchItem] {
        let listingAddress = try Self.checked(listing)
        let downloadAddress = try Self.checked(download)
        let (bucket, prefix) = try Self.parse(source)
        var items: [FetchItem] = []
        var token: String?
        var tokensSeen: Set<String> = []
        repeat {
            let listed = try page(at: listingAddress, bucket: bucket, prefix: prefix, pageToken: token, source: source)
            items += try listed.items.compactMap { try item(of: $0, bucket: bucket, source: source, downloadAddress: downloadAddress) }
            token = listed.nextPageToken
            if let token, !tokensSeen.insert(token).inserted {
                throw FetchError(subject: source, reason: "the listing gave the page token `\(token)` twice",
                                 hint: "the server at \(listingAddress) does not page as Cloud Storage does")
            }
        } while token != nil
        guard !items.isEmpty else {
            throw FetchError(subject: source, reason: "the bucket \(bucket) has no object whose name starts with `\(prefix)`",
                             hint: "check the bucket and the prefix (names are case-sensitive)")
        }
        return items
    }

    /// `gs://BUCKET/PREFIX` split; the prefix may be empty (the whole bucket).
    static func parse(_ source: String) throws -> (bucket: String, prefix: String) {
        let rest = source.dropFirst("gs://".count)
        let bucket = String(rest.prefix { $0 != "/" })
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        guard !bucket.isEmpty, bucket.allSatisfy(allowed.contains) else {
            throw FetchError(subject: source, reason: "`\(bucket)` is not a bucket name",
                             hint: "write gs://BUCKET/PREFIX, with a bucket name of lowercase letters, digits, `-`, `_` and `.`")
        }
        return (bucket, String(rest.dropFirst(bucket.count + 1)))
    }

    private struct Page {
        var items: [[String: Any]]
        var nextPageToken: String?
    }

    /// One page of the listing, retried like a download.
    private func page(at listingAddress: String, bucket: String, prefix: String, pageToken: String?, source: String) throws -> Page {
        var query = "prefix=" + Self.escape(prefix)
        if let pageToken { query += "&pageToken=" + Self.escape(pageToken) }
        let address = "\(listingAddress)/storage/v1/b/\(Self.escape(bucket))/o?\(query)"
        guard let url = URL(string: address) else {
            throw FetchError(subject: source, reason: "cannot make a listing address of `\(address)`")
        }
        var attempt = 1
        while true {
            let problem: String
            switch try fetchPage(url, source: source, listingAddress: listingAddress) {
            case .page(let body):
                return try Self.page(of: body, source: source, address: address)
            case .retry(let reason):
                problem = reason
            }
            guard attempt < retries.attempts else {
                throw FetchError(subject: source, reason: "gave up listing the bucket after \(retries.attempts) attempts: \(problem)",
                                 hint: "check the address (\(listingAddress)) and the network, then run the same command again")
            }
            let delay = retries.delay(after: attempt)
            log("retrying the listing of \(source) in \(String(format: "%.1f", delay)) s: \(problem)")
            FetchInterruption.pause(delay)
            if FetchInterruption.isRequested { throw FetchError.interrupted(source) }
            attempt += 1
        }
    }

    private enum PageOutcome {
        case page(Data)
        case retry(String)
    }

    /// A listing page is a few hundred bytes per object; more than this is not a listing.
    private static let pageLimit = 64 << 20

    private func fetchPage(_ url: URL, source: String, listingAddress: String) throws -> PageOutcome {
        var body = Data()
        var tooLarge = false
        let (reply, end) = HTTPTransfer.perform(url) { reply in
            guard reply.status == 200 else { return nil }
            return { bytes in
                guard body.count + bytes.count <= Self.pageLimit else {
                    tooLarge = true
                    throw FetchError(subject: source, reason: "")
                }
                body.append(contentsOf: bytes)
            }
        }
        if case .interrupted = end { throw FetchError.interrupted(source) }
        if tooLarge {
            throw FetchError(subject: source, reason: "the listing's page is larger than \(Self.pageLimit >> 20) MB",
                             hint: "the server at \(listingAddress) does not answer as Cloud Storage's listing does")
        }
        guard let reply else {
            if case .networkFailure(let reason) = end { return .retry(reason) }
            return .retry("the server did not reply")
        }
        if case .networkFailure(let reason) = end { return .retry(reason) }
        switch reply.status {
        case 200:
            return .page(body)
        case let status where RetryPolicy.isRetryable(status: status):
            return .retry("the server answered \(Downloader.describe(status: status))")
        case 404:
            throw FetchError(subject: source, reason: "the listing answered \(Downloader.describe(status: 404)): there is no such bucket",
                             hint: "check the bucket's name, and --listing-url if it points at a mirror")
        case 401, 403:
            throw FetchError(subject: source, reason: "the listing answered \(Downloader.describe(status: reply.status)): the bucket is not public",
                             hint: "tei fetch lists only public buckets")
        default:
            throw FetchError(subject: source, reason: "the listing answered \(Downloader.describe(status: reply.status))")
        }
    }

    /// The items and next page token of a page of the JSON listing.
    private static func page(of body: Data, source: String, address: String) throws -> Page {
        let malformed = FetchError(subject: source, reason: "the listing at \(address) is not a Cloud Storage JSON listing",
                                   hint: "it should be an object with `items` and `nextPageToken`; --listing-url (or \(listingVariable)) may point at the wrong server")
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { throw malformed }
        let items = object["items"] ?? []
        guard let items = items as? [[String: Any]] else { throw malformed }
        let token = object["nextPageToken"]
        guard token == nil || token is String else { throw malformed }
        return Page(items: items, nextPageToken: (token as? String).flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The item of one object of the listing; nil for a folder placeholder (a name ending in `/`).
    private func item(of object: [String: Any], bucket: String, source: String, downloadAddress: String) throws -> FetchItem? {
        guard let name = object["name"] as? String, !name.isEmpty else {
            throw FetchError(subject: source, reason: "the listing has an object without a name")
        }
        if name.hasSuffix("/") { return nil }
        let origin = "the listing of gs://\(bucket)/\(name)"
        func malformed(_ field: String) -> FetchError {
            FetchError(subject: source, reason: "the listing gives a malformed `\(field)` for `\(name)`",
                       hint: "size is a count of bytes; md5Hash and crc32c are base64, of 16 and 4 bytes")
        }
        var size: Int64?
        switch object["size"] {
        case nil: break
        case let text as String:
            guard let value = Int64(text), value >= 0 else { throw malformed("size") }
            size = value
        case let number as NSNumber:
            guard number.int64Value >= 0 else { throw malformed("size") }
            size = number.int64Value
        default: throw malformed("size")
        }
        func hex(_ field: String, bytes: Int) throws -> String? {
            guard let value = object[field] else { return nil }
            guard let text = value as? String, let data = Data(base64Encoded: text), data.count == bytes else { throw malformed(field) }
            return data.map { String(format: "%02x", $0) }.joined()
        }
        let path = name.split(separator: "/", omittingEmptySubsequences: false).map { Self.escape(String($0)) }.joined(separator: "/")
        var item = try FetchSourceReader.item(url: "\(downloadAddress)/\(Self.escape(bucket))/\(path)", origin: origin, size: size)
        item.expectedMD5 = try hex("md5Hash", bytes: 16)
        item.expectedCRC32C = try hex("crc32c", bytes: 4)
        item.describedBy = "bucket listing"
        return item
    }

    /// Percent-escapes all but the unreserved characters of RFC 3986.
    static func escape(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
