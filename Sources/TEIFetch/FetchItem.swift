import Foundation

/// One file to fetch: where from, the name it gets in the folder, and what it must be.
public struct FetchItem: Sendable, Equatable {
    public var url: URL
    /// The file name in the destination folder: the URL's last path component.
    public var name: String
    /// The size in bytes a manifest gives, checked before the file is renamed into place.
    public var expectedSize: Int64?
    /// The SHA-256 a manifest gives, as 64 lowercase hex digits.
    public var expectedSHA256: String?
    /// Where the item was named, for messages: the URL argument, or `MANIFEST:LINE`.
    public var origin: String

    public init(url: URL, name: String, expectedSize: Int64? = nil, expectedSHA256: String? = nil, origin: String) {
        self.url = url
        self.name = name
        self.expectedSize = expectedSize
        self.expectedSHA256 = expectedSHA256
        self.origin = origin
    }
}
