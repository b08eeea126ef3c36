import Foundation
import TEIStorage

/// The SHA-256 that identifies a release's content on a server, computed from the files on disk
/// before anything is imported, so that a file the server already holds costs one read and no import.
///
/// One file: its SHA-256, as `sha256sum` prints it. Several (a folder, a glob): the SHA-256 of
/// their digests, one per line in load order, so the same files in the same order match.
enum ReleaseDigest {
    private static let chunkBytes = 1 << 20

    /// The release's digest from its files' own (`file`), in load order.
    static func of(digests: [String]) -> String {
        guard digests.count != 1 else { return digests[0] }
        var combined = SHA256()
        Array(digests.map { $0 + "\n" }.joined().utf8).withUnsafeBytes { combined.update($0) }
        return combined.finalizeHex()
    }

    /// The SHA-256 of `url`'s bytes, read in chunks.
    static func file(_ url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw LoadError(file: url.path, message: "cannot read the file")
        }
        defer { try? handle.close() }
        var digest = SHA256()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: chunkBytes) ?? Data()
            } catch {
                throw LoadError(file: url.path, message: "cannot read the file")
            }
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { digest.update($0) }
        }
        return digest.finalizeHex()
    }
}
