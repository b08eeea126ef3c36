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
    /// The MD5 a bucket listing gives, as 32 lowercase hex digits.
    public var expectedMD5: String?
    /// The CRC32C a bucket listing gives, as 8 lowercase hex digits (big-endian).
    public var expectedCRC32C: String?
    /// Where the item was named, for messages: the URL argument, `MANIFEST:LINE`, or `the listing of gs://…`.
    public var origin: String

    public init(url: URL, name: String, expectedSize: Int64? = nil, expectedSHA256: String? = nil,
                expectedMD5: String? = nil, expectedCRC32C: String? = nil, origin: String) {
        self.url = url
        self.name = name
        self.expectedSize = expectedSize
        self.expectedSHA256 = expectedSHA256
        self.expectedMD5 = expectedMD5
        self.expectedCRC32C = expectedCRC32C
        self.origin = origin
    }

    /// Whether the manifest or listing says what the file must be (its size or a digest): then a
    /// rerun compares with that, and makes no request to learn whether the file changed.
    /// What gave the size and digests, for hints: `manifest` or `bucket listing`.
    var describedBy = "manifest"

    var describesContent: Bool {
        expectedSize != nil || expectedSHA256 != nil || expectedMD5 != nil || expectedCRC32C != nil
    }
}
