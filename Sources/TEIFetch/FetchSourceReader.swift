import Foundation

/// Turns the SOURCE arguments of `tei fetch` into the files to fetch: an `http(s)://` URL is one
/// file; `gs://BUCKET/PREFIX` is the objects a bucket listing gives (`CloudStorageListing`); anything else is a manifest file of lines `URL [SIZE [SHA256]]` (fields separated by
/// spaces or tabs, `#` starts a comment, blank lines are skipped).
public enum FetchSourceReader {
    /// The items of every source, in order; with `patterns` (`--only`), those whose name matches one
    /// of them as a shell pattern. Throws the first malformed source or manifest line, two items that
    /// would be saved under the same name (one would silently replace the other), and patterns that
    /// leave nothing to fetch (a typo would otherwise fetch nothing and exit 0).
    public static func items(of sources: [String], matching patterns: [String] = [],
                             listing: CloudStorageListing) throws -> [FetchItem] {
        var items: [FetchItem] = []
        for source in sources {
            if source.lowercased().hasPrefix("gs://") {
                items += try listing.items(of: source)
            } else if source.contains("://") {
                items.append(try item(url: source, origin: source))
            } else {
                items += try manifestItems(path: source)
            }
        }
        var origins: [String: String] = [:]
        for item in items {
            if let earlier = origins.updateValue(item.origin, forKey: item.name) {
                throw FetchError(subject: item.origin, reason: "`\(item.name)` is also fetched by \(earlier)",
                                 hint: "both would be saved as \(item.name); fetch them into different folders")
            }
        }
        guard !patterns.isEmpty else { return items }
        let matching = items.filter { item in patterns.contains { fnmatch($0, item.name, 0) == 0 } }
        guard !matching.isEmpty else {
            throw FetchError(subject: "--only " + patterns.joined(separator: " --only "),
                             reason: "no file of the sources has a matching name",
                             hint: "the sources name: " + items.prefix(5).map(\.name).joined(separator: ", ") + (items.count > 5 ? ", …" : ""))
        }
        return matching
    }

    /// One URL argument or manifest field, checked: http or https, with a host and a file name.
    static func item(url text: String, origin: String, size: Int64? = nil, sha256: String? = nil) throws -> FetchItem {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw FetchError(subject: origin, reason: "`\(text)` is not a URL",
                             hint: "give an http:// or https:// address, or the path of a manifest file")
        }
        guard scheme == "http" || scheme == "https" else {
            throw FetchError(subject: origin, reason: "tei fetch cannot download `\(scheme)://` addresses",
                             hint: "give an http:// or https:// address, or gs://BUCKET/PREFIX for the objects of a bucket")
        }
        let name = url.lastPathComponent
        // `hasPrefix(".")` also refuses `..`; a `/` or NUL can come from a percent-escape (`%2F`).
        guard !url.hasDirectoryPath, !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains("\0") else {
            throw FetchError(subject: origin, reason: "`\(text)` does not end in a file name",
                             hint: "give the address of a file, such as https://host/path/release.zip")
        }
        guard name != FetchedRecord.fileName else {
            throw FetchError(subject: origin, reason: "\(name) is the record tei fetch writes in the folder",
                             hint: "download this file with another tool, or into another folder")
        }
        return FetchItem(url: url, name: name, expectedSize: size, expectedSHA256: sha256, origin: origin)
    }

    /// The items a manifest lists.
    static func manifestItems(path: String) throws -> [FetchItem] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw FetchError(subject: path, reason: exists ? "cannot read this manifest" : "no such URL or manifest file",
                             hint: exists ? "check its permissions" : "give an http:// or https:// address, or the path of a manifest file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FetchError(subject: path, reason: "the manifest is not UTF-8 text", hint: "a manifest has one `URL [SIZE [SHA256]]` per line")
        }
        var items: [FetchItem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard !fields.isEmpty else { continue }
            items.append(try manifestItem(fields: fields, origin: "\(path):\(index + 1)"))
        }
        return items
    }

    /// One manifest line's `URL [SIZE [SHA256]]`.
    static func manifestItem(fields: [String], origin: String) throws -> FetchItem {
        let usage = "a manifest line is `URL [SIZE [SHA256]]`: the size in bytes, the SHA-256 as 64 hex digits"
        guard fields.count <= 3 else {
            throw FetchError(subject: origin, reason: "expected at most 3 fields, found \(fields.count)", hint: usage)
        }
        var size: Int64?
        if fields.count >= 2 {
            guard let value = Int64(fields[1]), value >= 0 else {
                throw FetchError(subject: origin, reason: "expected a size in bytes, found `\(fields[1])`", hint: usage)
            }
            size = value
        }
        var sha256: String?
        if fields.count == 3 {
            let digest = fields[2].lowercased()
            guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else {
                throw FetchError(subject: origin, reason: "expected a SHA-256 of 64 hex digits, found `\(fields[2])`", hint: usage)
            }
            sha256 = digest
        }
        return try item(url: fields[0], origin: origin, size: size, sha256: sha256)
    }
}
